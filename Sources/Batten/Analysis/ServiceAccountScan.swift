import BattenYAML

/// The ServiceAccounts of the whole input, found before any unit is audited: whether a pod gets
/// an API token can depend on a ServiceAccount defined in another file.
///
/// Only files that hold the word `ServiceAccount` (not as part of a longer name such as
/// `automountServiceAccountToken`) can define one, so only those are parsed here; the rest are
/// parsed once, by their unit. (A `kind` written with escape sequences in a double-quoted string
/// would not be seen; no tool writes one.)
///
/// The parses of Kubernetes files of at most `keptDocuments` documents are kept for their units
/// (``ScannedStreams``): those of the files scanned, taken in input order, while their bytes add up
/// to no more than `budget`.
enum ServiceAccountScan {
    static func accounts(
        in files: [InputFile], limits: YAMLLimits, jobs: Int, keptDocuments: Int = 0, budget: Int = 0
    ) -> (accounts: [KubernetesServiceAccount], streams: ScannedStreams) {
        let candidates = files.filter { mentionsServiceAccount($0.source.bytes) }
        guard !candidates.isEmpty else { return ([], ScannedStreams()) }
        // Which parses may be kept is settled before the work is split, so that it does not depend on
        // the number of threads.
        var spent = 0
        let mayKeep = candidates.map { file in
            let size = file.source.bytes.count
            guard spent + size <= budget else { return false }
            spent += size
            return true
        }
        let loader = KubernetesLoader()
        let found = ParallelWork.map(Array(zip(candidates, mayKeep)), jobs: jobs) { file, mayKeep in
            let stream = YAMLParser.parse(file.source, limits: limits)
            guard FormatDetection.detect(path: file.path, documents: stream.documents) == .kubernetes else {
                return ([KubernetesServiceAccount](), YAMLStream?.none)
            }
            let kept = mayKeep && stream.documents.count <= keptDocuments ? stream : nil
            return (loader.serviceAccounts(in: stream.documents, path: file.path), kept)
        }
        var kept: [String: YAMLStream] = [:]
        for (file, (_, stream)) in zip(candidates, found) where kept[file.path] == nil {
            if let stream { kept[file.path] = stream }
        }
        return (found.flatMap(\.0), ScannedStreams(kept))
    }

    /// True when `bytes` hold `ServiceAccount` as a word of its own.
    static func mentionsServiceAccount(_ bytes: [UInt8]) -> Bool {
        let word = Array("ServiceAccount".utf8)
        guard bytes.count >= word.count else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let last = buffer.count - word.count
            while index <= last {
                if buffer[index] == word[0] && buffer[index + 1] == word[1] {
                    var matches = true
                    for offset in 2..<word.count where buffer[index + offset] != word[offset] {
                        matches = false
                        break
                    }
                    if matches {
                        let before = index > 0 ? buffer[index - 1] : 0x20
                        let after = index + word.count < buffer.count ? buffer[index + word.count] : 0x20
                        if !isNameByte(before) && !isNameByte(after) { return true }
                    }
                }
                index += 1
            }
            return false
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
            || byte >= 0x80
    }
}
