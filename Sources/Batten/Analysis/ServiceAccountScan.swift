import BattenYAML

/// The ServiceAccounts of the whole input, found before any unit is audited: whether a pod gets
/// an API token can depend on a ServiceAccount defined in another file.
///
/// Only files that hold the word `ServiceAccount` (not as part of a longer name such as
/// `automountServiceAccountToken`) can define one, so only those are parsed here; the rest are
/// parsed once, by their unit. (A `kind` written with escape sequences in a double-quoted string
/// would not be seen; no tool writes one.)
enum ServiceAccountScan {
    static func accounts(in files: [InputFile], limits: YAMLLimits, jobs: Int) -> [KubernetesServiceAccount] {
        let candidates = files.filter { mentionsServiceAccount($0.source.bytes) }
        guard !candidates.isEmpty else { return [] }
        let loader = KubernetesLoader()
        let found = ParallelWork.map(candidates, jobs: jobs) { file -> [KubernetesServiceAccount] in
            let stream = YAMLParser.parse(file.source, limits: limits)
            guard FormatDetection.detect(path: file.path, documents: stream.documents) == .kubernetes else { return [] }
            return loader.serviceAccounts(in: stream.documents, path: file.path)
        }
        return found.flatMap { $0 }
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
