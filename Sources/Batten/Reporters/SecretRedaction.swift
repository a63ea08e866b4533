import BattenYAML

/// The byte ranges of the input that hold secret values (the values the plaintext-secret rule
/// recognises), so that no report ever prints them, whichever finding's source line they sit on.
public struct SecretRedaction: Sendable {
    /// What a masked value is shown as.
    public static let mask = "***"

    /// Ranges to mask by file, sorted by their start.
    private var rangesByPath: [String: [Range<Int>]]
    /// The secret values themselves, as written and as interpolated, to keep them out of generated text.
    private var values: Set<String>

    public init(workloads: [Workload], policy: ResolvedPolicy) {
        let overrides = policy.rules[PlaintextSecretRule.description.id]?.parameters ?? [:]
        let configured = RuleContext(rule: PlaintextSecretRule.description, overrides: overrides).strings("name-patterns")
        // The default patterns and the policy's: the shared matcher of the defaults unless the policy adds some.
        let added = configured.filter { !SecretHeuristics.defaultNamePatterns.contains($0) }
        let patterns = SecretNameMatcher.of(added.isEmpty ? [] : SecretHeuristics.defaultNamePatterns + added)
        var ranges: [String: Set<Range<Int>>] = [:]
        var values = Set<String>()
        for workload in workloads {
            for container in workload.containers {
                for variable in container.environment {
                    guard let valueNode = variable.valueNode,
                          PlaintextSecretRule.exposure(of: variable, format: workload.format, patterns: patterns) != nil
                    else { continue }
                    for node in [valueNode, valueNode.resolved] {
                        guard let range = Self.valueRange(of: node) else { continue }
                        ranges[node.path, default: []].insert(range)
                        values.insert(node.source.text(range))
                    }
                    for value in [variable.value, variable.rawValue].compactMap({ $0 }) { values.insert(value) }
                }
            }
        }
        self.rangesByPath = ranges.mapValues { $0.sorted { $0.lowerBound < $1.lowerBound } }
        self.values = values.filter { !$0.isEmpty }
    }

    /// The secrets of every part together (parts of the input audited one at a time).
    public init(joining parts: [SecretRedaction]) {
        rangesByPath = [:]
        values = []
        for part in parts { formUnion(part) }
    }

    /// Adds the secrets of `other` (a part of the input audited after the ones already here).
    public mutating func formUnion(_ other: SecretRedaction) {
        for (path, ranges) in other.rangesByPath {
            let merged = Set(rangesByPath[path] ?? []).union(ranges)
            rangesByPath[path] = merged.sorted { $0.lowerBound < $1.lowerBound }
        }
        values.formUnion(other.values)
    }

    /// The bytes of a value node that hold the secret: the whole scalar, or for a Compose list item
    /// (`- NAME=value`) what follows the first `=`.
    static func valueRange(of node: NodeRef) -> Range<Int>? {
        let range = node.range
        guard !range.isEmpty else { return nil }
        guard node.keyNode == nil, node.parent.map({ $0.kind == .sequence }) ?? false else { return range }
        let bytes = node.source.bytes
        guard let equals = bytes[range].firstIndex(of: UInt8(ascii: "=")) else { return range }
        return (equals + 1)..<range.upperBound
    }

    /// True when `text` contains a secret value.
    public func reveals(_ text: String) -> Bool {
        values.contains { text.contains($0) }
    }

    /// The text of `line` of `source` with secret values masked, and the column (1-based, in
    /// Unicode scalars) in the masked text that corresponds to `column` of the original line.
    public func maskedLine(_ line: Int, of source: SourceFile, column: Int) -> (text: String, column: Int) {
        let original = source.lineText(line)
        guard let ranges = rangesByPath[source.path], line >= 1, line <= source.lineStarts.count else {
            return (original, column)
        }
        let lineStart = line == 1 ? source.bomLength : source.lineStarts[line - 1]
        let lineEnd = lineStart + original.utf8.count
        let masks = ranges.filter { $0.lowerBound < lineEnd && $0.upperBound > lineStart }
        guard !masks.isEmpty else { return (original, column) }
        var text = ""
        var maskedColumn = column
        var scalarIndex = 0
        var maskIndex = 0
        var inMask = false
        let scalars = Array(original.unicodeScalars)
        var offset = lineStart
        for scalar in scalars {
            let width = String(scalar).utf8.count
            while maskIndex < masks.count && masks[maskIndex].upperBound <= offset { maskIndex += 1 }
            let masked = maskIndex < masks.count && masks[maskIndex].contains(offset)
            if masked {
                if !inMask { text += Self.mask }
                if scalarIndex < column - 1 { maskedColumn -= 1 }
            } else {
                text.unicodeScalars.append(scalar)
            }
            if masked && !inMask && scalarIndex < column - 1 { maskedColumn += Self.mask.unicodeScalars.count }
            inMask = masked
            scalarIndex += 1
            offset += width
        }
        return (text, max(1, maskedColumn))
    }
}
