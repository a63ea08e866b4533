import BattenYAML
import Testing

@testable import Batten

/// The diff masks only the lines it prints, each as the whole-file masking masks it.
@Suite struct DiffMaskingTests {
    static let secret = "BATTEN-FAKE-SECRET-51c9"

    @Test(arguments: ["\n", "\r\n"])
    func aLineIsMaskedAsInTheWholeFile(lineBreak: String) {
        let text = [
            "apiVersion: v1", "kind: Secret", "metadata:", "  name: db ☕", "stringData:",
            "  password: \(Self.secret)", "  url: \"postgres://u:\(Self.secret)@db\"", "---", "kind: Pod",
            "spec:", "  containers:", "  - name: app", "    args: [\"--requirepass\", \"\(Self.secret)\"]",
            "    env:", "    - name: API_TOKEN", "      value: \(Self.secret)", "last line without a break",
        ].joined(separator: lineBreak)
        let bytes = Array(text.utf8)
        let secrets = SecretRedaction(parsing: bytes, path: "all.yaml")
        let whole = secrets.maskedLines(of: bytes, path: "all.yaml")
        let lines = UnifiedDiff.lines(bytes)
        #expect(lines.count == whole.count)
        var offset = 0
        for (line, masked) in zip(lines, whole) {
            #expect(UnifiedDiff.maskedLine(line, startingAt: offset, path: "all.yaml", secrets: secrets) == masked)
            offset += line.count
        }
    }

    @Test func onlyTheHunksArePrinted() {
        let old = (0..<200).map { "k\($0): v\($0)\n" }.joined() + "args: \"--password=\(Self.secret)\"\n"
        let new = old.replacingOccurrences(of: "k100: v100\n", with: "k100: changed\n")
            .replacingOccurrences(of: "--password=\(Self.secret)", with: "--password=\(Self.secret)x")
        let diff = UnifiedDiff.render(old: Array(old.utf8), new: Array(new.utf8), path: "f.yaml")
        #expect(!diff.contains(Self.secret), "\(diff)")
        #expect(diff.contains("-k100: v100\n+k100: changed\n"))
        #expect(diff.contains("-args: \"--password=***"), "\(diff)")
        #expect(!diff.contains("k50:"))
    }
}
