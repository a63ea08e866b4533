import BattenYAML

/// The variables a generated file makes required with `${NAME:?message}` or `${NAME?message}`:
/// Compose refuses to start without them, so verification loads with a placeholder for each.
enum RequiredVariables {
    static let placeholder = "batten-placeholder"

    /// The required variable names in every scalar of `value`, sorted, without repeats.
    static func names(in value: YAMLValue) -> [String] {
        var names = Set<String>()
        collect(value, into: &names)
        return names.sorted()
    }

    private static func collect(_ value: YAMLValue, into names: inout Set<String>) {
        switch value.content {
        case .scalar(let text, _):
            var rest = Substring(text)
            while let dollar = rest.firstIndex(of: "$") {
                rest = rest[rest.index(after: dollar)...]
                if rest.hasPrefix("$") {
                    rest = rest.dropFirst()
                    continue
                }
                guard rest.hasPrefix("{") else { continue }
                rest = rest.dropFirst()
                let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                let after = rest.dropFirst(name.count)
                if !name.isEmpty, after.hasPrefix(":?") || after.hasPrefix("?") { names.insert(String(name)) }
            }
        case .sequence(let items):
            for item in items { collect(item, into: &names) }
        case .mapping(let entries):
            for entry in entries { collect(entry.value, into: &names) }
        }
    }
}
