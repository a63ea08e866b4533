/// Tells whether an existing file is one Batten wrote, so that a report or a baseline replaces only
/// its own earlier output, never a file it did not write.
///
/// Each format is recognised by what Batten puts in it, never by a marker added for the purpose (the
/// reports stay what they were): the JSON report by its leading `version` and `tool.name` `batten`;
/// SARIF by its `$schema` and a first run whose driver is `batten`; JUnit by its `testsuites` root
/// named `batten`; markdown by its `## Batten:` heading; the GitHub report by every line being a
/// workflow command; the text report by its summary line (`…; policy NAME, failing at SEVERITY`)
/// near its end; a baseline by its leading `version` and `tool` `batten`. Only the first and last
/// ``window`` bytes are looked at, so a report of hundreds of megabytes is not read.
public enum OwnFileRecognition {
    /// What is about to be written.
    public enum Kind: Sendable, Hashable {
        case report(ReportFormat)
        case baseline
    }

    /// How many bytes of the head and of the tail are looked at.
    public static let window = 64 * 1024

    /// True when `head` (the file's first ``window`` bytes) and `tail` (its last ones) are those of
    /// a file of `kind` that Batten wrote. An empty file is Batten's to fill.
    public static func isOwn(head: [UInt8], tail: [UInt8], kind: Kind) -> Bool {
        if head.isEmpty { return true }
        switch kind {
        case .baseline:
            return compact(head).hasPrefix(#"{"version":1,"tool":"batten","findings":["#)
        case .report(.json):
            return compact(head).hasPrefix(#"{"version":1,"tool":{"name":"batten""#)
        case .report(.sarif):
            let text = compact(head)
            return text.hasPrefix(#"{"$schema":"# + "\"" + SARIFReporter.schemaURI + "\"")
                && text.contains(#""runs":[{"tool":{"driver":{"name":"batten""#)
        case .report(.junit):
            return compact(head).hasPrefix(compact(Array(#"<?xml version="1.0" encoding="UTF-8"?><testsuites name="batten""#.utf8)))
        case .report(.markdown):
            return String(decoding: head.prefix(32), as: UTF8.self).hasPrefix("## Batten: ")
        case .report(.github):
            let lines = String(decoding: head, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            return lines.allSatisfy { $0.hasPrefix("::") }
        case .report(.text):
            let lines = withoutEscapes(String(decoding: tail, as: UTF8.self)).split(separator: "\n")
            return lines.contains { line in
                guard let policy = line.range(of: "; policy ") else { return false }
                return line[policy.upperBound...].contains(", failing at ")
            }
        }
    }

    /// The text with every space, tab and line break removed (Batten's JSON and XML put none inside
    /// the names and values looked for).
    private static func compact(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }, as: UTF8.self)
    }

    /// `text` without ANSI colour sequences (`ESC [ … m`).
    private static func withoutEscapes(_ text: String) -> String {
        var result = ""
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                continue
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}
