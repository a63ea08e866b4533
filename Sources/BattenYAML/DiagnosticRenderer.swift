/// Renders a located message the way compilers do: `path:line:col: severity: message`, then the
/// source line and a caret under the column.
public enum DiagnosticRenderer {
    public static func render(
        path: String, position: SourcePosition, severity: String, message: String, source: SourceFile?
    ) -> String {
        var text = "\(path):\(position.line):\(position.column): \(severity): \(message)"
        if let source, let excerpt = excerpt(source: source, position: position) {
            text += "\n" + excerpt
        }
        return text
    }

    public static func render(_ error: YAMLError, source: SourceFile?) -> String {
        render(path: error.path, position: error.position, severity: "error", message: error.fullMessage, source: source)
    }

    /// The source line at `position` and a caret line beneath it; nil when the line is empty or
    /// not printable (a binary file).
    public static func excerpt(source: SourceFile, position: SourcePosition) -> String? {
        let line = source.lineText(position.line)
        guard !line.isEmpty, line.unicodeScalars.count <= 400, !line.unicodeScalars.contains(where: isUnprintable)
        else { return nil }
        var caret = ""
        for (offset, scalar) in line.unicodeScalars.enumerated() where offset < position.column - 1 {
            caret.append(scalar == "\t" ? "\t" : " ")
        }
        return line + "\n" + caret + "^"
    }

    /// C0 and C1 control characters other than tab, and the replacement character that stands for invalid UTF-8.
    private static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{FFFD}"
    }
}
