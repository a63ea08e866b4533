import BattenYAML

/// Turns values into YAML text that fits into an existing file: scalars through libyaml's emitter
/// (so that quoting is right), collections in the file's own block or flow layout.
struct ValueRendering {
    let indentStep: Int
    let indentsSequences: Bool

    init(layout: SourceLayout) {
        self.indentStep = layout.indentStep
        self.indentsSequences = layout.indentsSequences
    }

    init(indentStep: Int = 2, indentsSequences: Bool = true) {
        self.indentStep = indentStep
        self.indentsSequences = indentsSequences
    }

    /// A scalar as it is written after `key: `: one line, or a first line and continuation lines
    /// (a literal block scalar) with their indentation relative to the key.
    static func scalarLines(_ value: YAMLValue) -> [String] {
        ScalarLinesCache.shared.lines(of: value) { emittedLines(value) }
    }

    private static func emittedLines(_ value: YAMLValue) -> [String] {
        let emitted = (try? YAMLEmitter.emit(.mapping([("k", value)]))) ?? "k: \"\"\n"
        var lines = emitted.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        guard let first = lines.first, first.hasPrefix("k:") else { return ["\"\""] }
        lines[0] = String(first.dropFirst(2)).trimmingLeadingSpaces
        return lines.map(unescapingAstralCharacters)
    }

    /// libyaml escapes characters outside the Basic Multilingual Plane (`\U0001F389`) in double-quoted
    /// scalars although YAML allows them as they are; write them as they are.
    static func unescapingAstralCharacters(_ line: String) -> String {
        guard line.contains("\\U") else { return line }
        let scalars = Array(line.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count {
                if scalars[index + 1] == "U", index + 10 <= scalars.count {
                    let hex = String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 10)]))
                    if let value = UInt32(hex, radix: 16), value >= 0x10000, let character = Unicode.Scalar(value) {
                        output.append(character)
                        index += 10
                        continue
                    }
                }
                output.append(scalar)
                output.append(scalars[index + 1])
                index += 2
                continue
            }
            output.append(scalar)
            index += 1
        }
        return String(output)
    }

    /// A scalar on one line (flow contexts); nil when it needs several lines.
    static func inlineScalar(_ value: YAMLValue) -> String? {
        let lines = scalarLines(value)
        return lines.count == 1 ? lines[0] : nil
    }

    /// A value in flow style: `{a: 1, b: [x, y]}`, or a scalar. Nil when a scalar needs several lines.
    static func flow(_ value: YAMLValue) -> String? {
        switch value.content {
        case .scalar:
            guard let text = inlineScalar(value) else { return nil }
            if text.contains(",") || text.contains("[") || text.contains("]") || text.contains("{") || text.contains("}") {
                if case .scalar(let raw, _) = value.content, !raw.contains("'") { return "'" + raw + "'" }
                return (try? YAMLEmitter.emit(.sequence([value], flow: true)))
                    .map { String($0.trimmingTrailingNewlines.dropFirst().dropLast()) }
            }
            return text
        case .sequence(let items):
            var parts: [String] = []
            for item in items {
                guard let text = flow(item) else { return nil }
                parts.append(text)
            }
            return tagged(value, "[" + parts.joined(separator: ", ") + "]")
        case .mapping(let entries):
            var parts: [String] = []
            for entry in entries {
                guard let key = flow(entry.key), let text = flow(entry.value) else { return nil }
                parts.append(key + ": " + text)
            }
            return tagged(value, "{" + parts.joined(separator: ", ") + "}")
        }
    }

    private static func tagged(_ value: YAMLValue, _ text: String) -> String {
        value.tag.map { $0 + " " + text } ?? text
    }

    /// The lines of a mapping entry `key: value` in block style, the key at column `indent`.
    func entryLines(key: String, value: YAMLValue, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let keyText = Self.inlineScalar(.string(key)) ?? key
        return valueLines(value, after: pad + keyText + ":", indent: indent)
    }

    /// The lines of a sequence item `- value` in block style, the dash at column `indent`.
    func itemLines(_ value: YAMLValue, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch value.content {
        case .mapping(let entries) where !entries.isEmpty && value.tag == nil:
            var lines: [String] = []
            for (index, entry) in entries.enumerated() {
                let keyText = Self.inlineScalar(entry.key) ?? "\"\""
                let prefix = index == 0 ? pad + "- " + keyText + ":" : pad + "  " + keyText + ":"
                lines += valueLines(entry.value, after: prefix, indent: indent + 2)
            }
            return lines
        case .scalar:
            let scalar = Self.scalarLines(value)
            return [pad + "- " + scalar[0]] + scalar.dropFirst().map { pad + "  " + $0 }
        default:
            if let flow = Self.flow(value), isEmptyCollection(value) { return [pad + "- " + flow] }
            return [pad + "-"] + blockLines(value, indent: indent + indentStep)
        }
    }

    /// `prefix` (a key and its colon) followed by the value: on the same line for scalars and empty
    /// collections, else on the following lines.
    func valueLines(_ value: YAMLValue, after prefix: String, indent: Int) -> [String] {
        let tagPrefix = value.tag.map { " " + $0 } ?? ""
        switch value.content {
        case .scalar:
            let scalar = Self.scalarLines(value)
            let pad = String(repeating: " ", count: indent)
            return [prefix + " " + scalar[0]] + scalar.dropFirst().map { pad + $0 }
        case .sequence(let items):
            if items.isEmpty { return [prefix + tagPrefix + " []"] }
            let itemIndent = indentsSequences ? indent + indentStep : indent
            return [prefix + tagPrefix] + items.flatMap { itemLines($0, indent: itemIndent) }
        case .mapping(let entries):
            if entries.isEmpty { return [prefix + tagPrefix + " {}"] }
            return [prefix + tagPrefix] + blockLines(value, indent: indent + indentStep)
        }
    }

    /// The lines of a collection's content in block style at `indent` (no key before it).
    func blockLines(_ value: YAMLValue, indent: Int) -> [String] {
        switch value.content {
        case .mapping(let entries):
            return entries.flatMap { entry in
                let keyText = Self.inlineScalar(entry.key) ?? "\"\""
                return valueLines(entry.value, after: String(repeating: " ", count: indent) + keyText + ":", indent: indent)
            }
        case .sequence(let items):
            return items.flatMap { itemLines($0, indent: indent) }
        case .scalar:
            return Self.scalarLines(value).map { String(repeating: " ", count: indent) + $0 }
        }
    }

    private func isEmptyCollection(_ value: YAMLValue) -> Bool {
        switch value.content {
        case .sequence(let items): return items.isEmpty
        case .mapping(let entries): return entries.isEmpty
        case .scalar: return false
        }
    }
}
