/// GitHub Actions workflow commands: one annotation per active finding (`::error` for critical and
/// high, `::warning` for medium, `::notice` for low and info) and one `::error` per file that could
/// not be analysed. Suppressed findings are left out.
public struct GitHubReporter: WholeReportFormat {
    public init() {}

    /// The findings, kept until the report is finished (``WholeReportFormat``).
    public var collected = CollectedFindings()

    /// The text of `report`, with every finding.
    public func text(_ report: Report) -> String {
        var lines: [String] = []
        for diagnostic in report.errors {
            var properties = [("file", diagnostic.path)]
            if let position = diagnostic.position {
                properties += [("line", String(position.line)), ("col", String(position.column))]
            }
            properties.append(("title", "batten: could not analyse this file"))
            lines.append(Self.command("error", properties: properties, message: diagnostic.message))
        }
        for finding in report.activeFindings {
            let region = report.region(of: finding)
            let rule = report.rule(finding.ruleID)
            var message = finding.message
            if let remediation = rule?.remediation { message += "\nFix: " + remediation }
            let title = "\(finding.severity.rawValue)[\(finding.ruleID)] \(rule?.title ?? finding.ruleID)"
            lines.append(
                Self.command(
                    Self.command(for: finding.severity),
                    properties: [
                        ("file", finding.location.path),
                        ("line", String(region.startLine)),
                        ("col", String(region.startColumn)),
                        ("endLine", String(region.endLine)),
                        ("endColumn", String(region.endColumn)),
                        ("title", title),
                    ], message: message))
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    static func command(for severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "notice"
        }
    }

    /// `::name key=value,…::message` with the runner's escaping.
    static func command(_ name: String, properties: [(String, String)], message: String) -> String {
        let list = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(name)\(list.isEmpty ? "" : " " + list)::\(escapeData(message))"
    }

    /// Message escaping: `%`, carriage return and line feed as the runner unescapes them; any other
    /// control character (an escape sequence in a service name, a NEL or line separator) as `%XX`,
    /// which the runner shows as it is, so that nothing from the input can end the command's line.
    static func escapeData(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x25: result += "%25"
            case 0x0D: result += "%0D"
            case 0x0A: result += "%0A"
            case 0x09: result.unicodeScalars.append(scalar)
            case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "%" + String(repeating: "0", count: max(0, 2 - hex.count)) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Property escaping: the message escapes, plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        var result = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": result += "%3A"
            case ",": result += "%2C"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
