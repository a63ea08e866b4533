import BattenYAML

/// One fix as the in-place fixer would write it, reduced to the smallest replacement per file: the
/// region of the original text to delete and the text to insert there. The deleted text itself is
/// never kept (it may be a secret).
public struct FixReplacement: Sendable, Hashable {
    /// The file the replacement edits.
    public var path: String
    /// The deleted region; empty (start equals end) for a pure insertion.
    public var deleted: SourceRegion
    /// The deleted region as byte offsets.
    public var deletedByteRange: Range<Int>
    /// The text that replaces the deleted region.
    public var inserted: String

    public init(path: String, deleted: SourceRegion, deletedByteRange: Range<Int>, inserted: String) {
        self.path = path
        self.deleted = deleted
        self.deletedByteRange = deletedByteRange
        self.inserted = inserted
    }

    /// The replacements of `fix`, one per file it changes, in the order the files come; nil when
    /// the in-place fixer cannot render one of its changes (the fix is then left out rather than
    /// shown in part).
    ///
    /// Rendering re-parses the file a few times, so `budget` caps the bytes parsed over a whole
    /// report: a fix that would exceed what is left is not rendered (nil) and the budget is spent.
    public static func replacements(for fix: Fix, sources: [String: SourceFile], budget: inout Int) -> [FixReplacement]? {
        guard !fix.changes.isEmpty, budget > 0 else { return nil }
        var order: [String] = []
        var placedByFile: [String: [PlacedChange]] = [:]
        var sourceByFile: [String: SourceFile] = [:]
        for change in fix.changes {
            guard let placement = FileFixer.place(change) else { return nil }
            if placedByFile[placement.file] == nil {
                order.append(placement.file)
                let candidates = [change.existing?.source, change.target.source].compactMap { $0 }
                sourceByFile[placement.file] = sources[placement.file] ?? candidates.first { $0.path == placement.file }
            }
            placedByFile[placement.file, default: []].append(placement.placed)
        }
        var cost = 0
        for file in order {
            cost += (sourceByFile[file]?.bytes.count ?? 0) * ((placedByFile[file]?.count ?? 0) + 2)
        }
        guard cost <= budget else {
            budget = 0
            return nil
        }
        budget -= cost
        var replacements: [FixReplacement] = []
        for file in order {
            guard let source = sourceByFile[file],
                case .success(let patch) = FileFixer(source: source).apply(placedByFile[file] ?? [])
            else { return nil }
            guard !patch.isUnchanged else { continue }
            replacements.append(minimal(from: source, to: patch.patched))
        }
        return replacements.isEmpty ? nil : replacements
    }

    /// The smallest replacement that turns `source` into `patched`: common prefix and suffix
    /// removed, cut at character boundaries.
    static func minimal(from source: SourceFile, to patched: [UInt8]) -> FixReplacement {
        let old = source.bytes
        let oldCount = old.count
        let newCount = patched.count
        var prefix = 0
        while prefix < oldCount, prefix < newCount, old[prefix] == patched[prefix] { prefix += 1 }
        while prefix > 0, (prefix < oldCount && isContinuation(old[prefix])) || (prefix < newCount && isContinuation(patched[prefix])) {
            prefix -= 1
        }
        var suffix = 0
        while suffix < oldCount - prefix, suffix < newCount - prefix, old[oldCount - 1 - suffix] == patched[newCount - 1 - suffix] {
            suffix += 1
        }
        while suffix > 0, isContinuation(old[oldCount - suffix]) { suffix -= 1 }
        // Whole words: `true` → `false`, not `tru` → `fals`.
        while prefix > 0, isWord(old[prefix - 1]),
            (prefix < oldCount - suffix && isWord(old[prefix])) || (prefix < newCount - suffix && isWord(patched[prefix]))
        {
            prefix -= 1
        }
        while suffix > 0, isWord(old[oldCount - suffix]),
            (oldCount - suffix > prefix && isWord(old[oldCount - suffix - 1]))
                || (newCount - suffix > prefix && isWord(patched[newCount - suffix - 1]))
        {
            suffix -= 1
        }
        let deleted = prefix..<(oldCount - suffix)
        let start = source.position(forByteOffset: deleted.lowerBound)
        let end = source.position(forByteOffset: deleted.upperBound)
        return FixReplacement(
            path: source.path,
            deleted: SourceRegion(startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column),
            deletedByteRange: deleted,
            inserted: String(decoding: patched[prefix..<(newCount - suffix)], as: UTF8.self))
    }

    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    private static func isWord(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }
}
