import BattenYAML

/// Renders a diagnostic the way compilers do (`path:line:col: severity: message`, the source line
/// and a caret) with the secrets of the run masked in the quoted line and in the message. No line
/// is quoted for a diagnostic that says not to, nor for an error about a file that is not named as
/// YAML or JSON (a `.env`, a credentials file an `include` names): its content is nobody's business.
public enum DiagnosticRedaction {
    public static func render(_ diagnostic: Diagnostic, source: SourceFile?, secrets: SecretRedaction) -> String {
        guard let position = diagnostic.position else { return secrets.maskedMessage(diagnostic.description) }
        var text =
            "\(diagnostic.path):\(position.line):\(position.column): \(diagnostic.level.rawValue): "
            + secrets.maskedMessage(diagnostic.message)
        if let source, quotesSource(diagnostic),
            let (line, caret) = SourceExcerpt.lines(source: source, position: position, secrets: secrets)
        {
            text += "\n" + line + "\n" + caret
        }
        return text
    }

    /// True when the file of `diagnostic` may be quoted.
    static func quotesSource(_ diagnostic: Diagnostic) -> Bool {
        guard diagnostic.quotesSource else { return false }
        guard diagnostic.level == .error else { return true }
        let name = diagnostic.path.split(separator: "/").last.map(String.init) ?? diagnostic.path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name == "-" }
        return ["yaml", "yml", "json"].contains(name[name.index(after: dot)...].lowercased())
    }
}
