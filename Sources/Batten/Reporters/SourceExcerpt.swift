import BattenYAML

/// The source line of a position and a caret under its column, with secret values masked.
enum SourceExcerpt {
    /// The line and the caret line; nil when the line is empty, very long, or not printable.
    static func lines(source: SourceFile, position: SourcePosition, secrets: SecretRedaction) -> (String, String)? {
        let (line, column) = secrets.maskedLine(position.line, of: source, column: position.column)
        guard !line.isEmpty, line.unicodeScalars.count <= 400, !line.unicodeScalars.contains(where: isUnprintable)
        else { return nil }
        var caret = ""
        for (offset, scalar) in line.unicodeScalars.enumerated() where offset < column - 1 {
            caret.append(scalar == "\t" ? "\t" : " ")
        }
        return (line, caret + "^")
    }

    /// C0 and C1 control characters other than tab, and the replacement character that stands for
    /// invalid UTF-8.
    static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{FFFD}"
    }
}
