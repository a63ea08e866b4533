import BattenYAML
import Foundation

/// The byte ranges of the input that hold secret values (the values the plaintext-secret rule
/// recognises), so that no report ever prints them, whichever finding's source line they sit on.
public struct SecretRedaction: Sendable {
    /// What a masked value is shown as.
    public static let mask = "***"

    /// Ranges to mask by file, sorted by their start.
    private var rangesByPath: [String: [Range<Int>]]
    /// The length of the longest range of each file, which bounds how far back a lookup walks.
    private var longestByPath: [String: Int] = [:]
    /// The secret values themselves, as written and as interpolated, to keep them out of generated text.
    private var values: Set<String>
    /// The text of every range found on nodes (``SecretScan``), masked in generated text too.
    private var scannedValues: Set<String> = []

    /// The name patterns of the plaintext-secret rule, for lines and text no node covers.
    private var patterns: SecretNameMatcher

    /// The secrets of `workloads` (their environment, and every document they come from, see
    /// ``SecretScan``) and of `documents` (Kubernetes Secrets and other objects that are no
    /// workload), with the secret name patterns of `policy` (the defaults without one).
    public init(workloads: [Workload], documents: [YAMLDocument] = [], policy: ResolvedPolicy?) {
        let patterns = Self.patterns(of: policy)
        self.patterns = patterns
        var ranges: [String: Set<Range<Int>>] = [:]
        var values = Set<String>()
        var scanned = Set<String>()
        var seen = Set<ObjectIdentifier>()
        func scan(_ document: YAMLDocument) {
            guard seen.insert(ObjectIdentifier(document)).inserted else { return }
            for range in SecretScan.ranges(in: document, patterns: patterns) where !range.isEmpty {
                ranges[document.source.path, default: []].insert(range)
                scanned.insert(Self.unquoted(document.source.text(range)))
            }
        }
        for document in documents { scan(document) }
        for workload in workloads {
            scan(workload.node.document)
            for container in workload.containers {
                scan(container.node.document)
                for variable in container.environment {
                    scan(variable.node.document)
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
        self.longestByPath = ranges.mapValues { $0.map(\.count).max() ?? 0 }
        self.values = values.filter { !$0.isEmpty }
        self.scannedValues = scanned.filter { !$0.isEmpty }
    }

    /// The secrets of one file on its own, parsed here, with the default name patterns: for text
    /// shown without the run that loaded it (a diff printed without the run's redaction).
    public init(parsing bytes: [UInt8], path: String) {
        let stream = YAMLParser.parse(SourceFile(path: path, bytes: bytes))
        self.init(workloads: [], documents: stream.documents, policy: nil)
    }

    /// The secrets of an analysis: those its units worked out, else those of its workloads.
    public init(_ result: AnalysisResult) {
        self = result.loaded.secrets ?? SecretRedaction(workloads: result.workloads, policy: result.policy)
    }

    /// The secret name patterns of `policy`'s plaintext-secret rule: the shared matcher of the
    /// defaults unless the policy adds some.
    static func patterns(of policy: ResolvedPolicy?) -> SecretNameMatcher {
        guard let policy else { return .defaults }
        let overrides = policy.rules[PlaintextSecretRule.description.id]?.parameters ?? [:]
        let configured = RuleContext(rule: PlaintextSecretRule.description, overrides: overrides).value(of: PlaintextSecretRule.namePatterns)
        let added = configured.filter { !SecretHeuristics.defaultNamePatterns.contains($0) }
        return SecretNameMatcher.of(added.isEmpty ? [] : SecretHeuristics.defaultNamePatterns + added)
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return text }
        return String(text.dropFirst().dropLast())
    }

    /// The secrets of every part together (parts of the input audited one at a time).
    public init(joining parts: [SecretRedaction]) {
        rangesByPath = [:]
        values = []
        patterns = parts.first?.patterns ?? .defaults
        for part in parts { formUnion(part) }
    }

    /// Adds the secrets of `other` (a part of the input audited after the ones already here).
    public mutating func formUnion(_ other: SecretRedaction) {
        for (path, ranges) in other.rangesByPath {
            let merged = Set(rangesByPath[path] ?? []).union(ranges)
            rangesByPath[path] = merged.sorted { $0.lowerBound < $1.lowerBound }
            longestByPath[path] = max(longestByPath[path] ?? 0, other.longestByPath[path] ?? 0)
        }
        values.formUnion(other.values)
        scannedValues.formUnion(other.scannedValues)
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
    /// Masked: the ranges found on the file's nodes and what ``SecretLineScan`` finds on the line.
    public func maskedLine(_ line: Int, of source: SourceFile, column: Int) -> (text: String, column: Int) {
        let original = source.lineText(line)
        guard line >= 1, line <= source.lineStarts.count else { return masked(original, column: column) }
        let lineStart = line == 1 ? source.bomLength : source.lineStarts[line - 1]
        return masked(original, startingAt: lineStart, in: source.path, column: column)
    }

    /// `line` with its secrets masked: the node ranges of file `path` when `offset` says where the
    /// line starts in it, and what ``SecretLineScan`` finds on the line itself; with the column in
    /// the masked text that corresponds to `column` of the original.
    public func masked(_ line: String, startingAt offset: Int? = nil, in path: String? = nil, column: Int = 1) -> (text: String, column: Int) {
        var masks = SecretLineScan.ranges(in: line, patterns: patterns)
        if let offset, let path {
            let lineEnd = offset + line.utf8.count
            for range in ranges(of: path, overlapping: offset..<lineEnd) {
                masks.append((max(range.lowerBound, offset) - offset)..<(min(range.upperBound, lineEnd) - offset))
            }
        }
        return Self.apply(masks, to: line, column: column)
    }

    /// The ranges of file `path` that overlap `bytes`: found by a binary search on their starts,
    /// then walked back no further than the longest range of the file reaches.
    private func ranges(of path: String, overlapping bytes: Range<Int>) -> [Range<Int>] {
        guard let ranges = rangesByPath[path], !ranges.isEmpty else { return [] }
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound < bytes.upperBound { low = middle + 1 } else { high = middle }
        }
        let reach = longestByPath[path] ?? 0
        var found: [Range<Int>] = []
        var index = low - 1
        while index >= 0, ranges[index].lowerBound + reach > bytes.lowerBound {
            if ranges[index].upperBound > bytes.lowerBound { found.append(ranges[index]) }
            index -= 1
        }
        return found
    }

    /// The text of a whole file (`bytes` of `path`, as read by this run) with its secrets masked,
    /// line by line, each line keeping its line break.
    public func maskedLines(of bytes: [UInt8], path: String) -> [String] {
        var lines: [String] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var contentEnd = end
            if contentEnd > start, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let text = String(decoding: bytes[start..<contentEnd], as: UTF8.self)
            let breakText = String(decoding: bytes[contentEnd..<min(bytes.count, end + 1)], as: UTF8.self)
            lines.append(masked(text, startingAt: start, in: path).text + breakText)
            start = end + 1
        }
        return lines
    }

    /// `text` (any generated text: a new line of a fix, a message) with the secret values of this
    /// run and what ``SecretLineScan`` finds masked. Values of fewer than four characters are only
    /// masked where the line scan finds them.
    public func maskedText(_ text: String) -> String {
        var result = ""
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { result += "\n" }
            var content = Substring(line)
            let carriageReturn = content.hasSuffix("\r")
            if carriageReturn { content = content.dropLast() }
            result += maskedMessage(self.masked(String(content)).text) + (carriageReturn ? "\r" : "")
        }
        return result
    }

    /// `message` (a diagnostic, a note: text Batten wrote, not a source line) with the secret
    /// values of this run of four characters or more masked.
    public func maskedMessage(_ message: String) -> String {
        var masked = message
        for value in values.union(scannedValues) where value.unicodeScalars.count >= 4 && masked.contains(value) {
            masked = masked.replacingOccurrences(of: value, with: Self.mask)
        }
        return masked
    }

    /// `line` with the byte ranges `masks` (offsets into its UTF-8) replaced by ``mask``, and the
    /// column in the result that corresponds to `column` of `line`.
    static func apply(_ masks: [Range<Int>], to line: String, column: Int) -> (text: String, column: Int) {
        let masks = masks.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        guard !masks.isEmpty else { return (line, column) }
        var text = ""
        var maskedColumn = column
        var scalarIndex = 0
        var maskIndex = 0
        var inMask = false
        var offset = 0
        for scalar in line.unicodeScalars {
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
