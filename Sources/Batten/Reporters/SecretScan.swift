import BattenYAML

/// The byte ranges of a parsed document that hold secret values, found on its nodes whatever the
/// style they are written in (block, flow, one-line JSON):
/// - every value of a Kubernetes Secret's `data` and `stringData`;
/// - the scalar value of a key that names a secret (an environment entry, an annotation, a label);
/// - the `value` of a `{name, value}` entry whose name names a secret (a Kubernetes `env` item);
/// - in any scalar, the value of a secret flag or assignment (`--password=…`, `DB_TOKEN=…`), the
///   password of a URL and the words that are secrets by their shape (``SecretShapes``); a scalar
///   that holds a PEM private key, whole; in a sequence, the item after a secret flag
///   (`[--requirepass, …]`).
enum SecretScan {
    /// The ranges of `document` to mask.
    static func ranges(in document: YAMLDocument, patterns: SecretNameMatcher) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        if let root = document.root { ranges += secretObjectValues(document, root: root) }
        let bytes = document.source.bytes
        for index in 0..<document.nodeCount {
            let id = NodeID(index)
            switch document.kind(id) {
            case .mapping:
                ranges += mappingValues(document, mapping: id, patterns: patterns)
            case .sequence:
                ranges += flagArguments(document, sequence: id, patterns: patterns)
            case .scalar:
                let range = clamped(document.range(id), count: bytes.count)
                guard !range.isEmpty else { continue }
                if range.count >= 40, let text = document.scalar(id), SecretShapes.containsPrivateKey(text) {
                    ranges.append(range)
                    continue
                }
                ranges += SecretArguments.valueRanges(in: bytes[range], patterns: patterns)
            default:
                continue
            }
        }
        return ranges
    }

    /// Every value of `data` and `stringData` when the document is a Kubernetes Secret.
    private static func secretObjectValues(_ document: YAMLDocument, root: NodeID) -> [Range<Int>] {
        guard document.kind(root) == .mapping else { return [] }
        let pairs = document.pairs(root)
        guard pairs.contains(where: { document.scalar($0.key, is: "kind") && document.scalar(document.resolve($0.value), is: "Secret") })
        else { return [] }
        var ranges: [Range<Int>] = []
        for pair in pairs where document.scalar(pair.key, is: "data") || document.scalar(pair.key, is: "stringData") {
            let values = document.resolve(pair.value)
            guard document.kind(values) == .mapping else {
                ranges.append(document.range(pair.value))
                continue
            }
            for entry in document.pairs(values) {
                ranges.append(document.range(entry.value))
                ranges.append(document.range(document.resolve(entry.value)))
            }
        }
        return ranges
    }

    /// Scalar values of secret-named keys, and the `value` of an entry whose `name` is secret.
    private static func mappingValues(_ document: YAMLDocument, mapping: NodeID, patterns: SecretNameMatcher) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        let pairs = document.pairs(mapping)
        var secretName = false
        for pair in pairs {
            guard let key = document.scalar(pair.key) else { continue }
            let value = document.resolve(pair.value)
            guard let text = document.scalar(value) else { continue }
            if key == "name" {
                secretName = patterns.matches(text)
            } else if patterns.matches(key), SecretArguments.isMaskable(text) {
                ranges.append(document.range(pair.value))
                ranges.append(document.range(value))
            }
        }
        guard secretName else { return ranges }
        for pair in pairs where document.scalar(pair.key, is: "value") {
            let value = document.resolve(pair.value)
            guard let text = document.scalar(value), SecretArguments.isMaskable(text) else { continue }
            ranges.append(document.range(pair.value))
            ranges.append(document.range(value))
        }
        return ranges
    }

    /// The items that follow a secret flag written as an item of its own (`- --requirepass`).
    private static func flagArguments(_ document: YAMLDocument, sequence: NodeID, patterns: SecretNameMatcher) -> [Range<Int>] {
        let items = Array(document.children(sequence))
        var ranges: [Range<Int>] = []
        for (offset, item) in items.enumerated().dropLast() {
            guard let text = document.scalar(document.resolve(item)), text.hasPrefix("-"), !text.contains("=") else { continue }
            let name = String(text.drop { $0 == "-" })
            guard SecretArguments.isSecretName(name, patterns: patterns) else { continue }
            let next = items[offset + 1]
            if let value = document.scalar(document.resolve(next)), value.hasPrefix("-") { continue }
            ranges.append(document.range(next))
            ranges.append(document.range(document.resolve(next)))
        }
        return ranges
    }

    private static func clamped(_ range: Range<Int>, count: Int) -> Range<Int> {
        let lower = max(0, min(range.lowerBound, count))
        return lower..<max(lower, min(range.upperBound, count))
    }
}
