@testable import BattenYAML

/// Builds random but reproducible `YAMLValue` trees: nested mappings and sequences in block and flow
/// layout, tags, empty collections, literals, and strings made of the characters that are hardest to write.
struct RandomYAMLValueGenerator {
    private var random: SplitMix64
    let maxDepth: Int

    init(seed: UInt64, maxDepth: Int = 4) {
        random = SplitMix64(seed: seed)
        self.maxDepth = maxDepth
    }

    static let trickyStrings = [
        "yes", "no", "on", "off", "y", "N", "null", "~", "", "0755", "1e3", "0x1F", "12", "1.5", ".inf", "22:22",
        "2024-01-01", "<<", "=", "*a", "&a", "!a", "%a", "@a", "`a", "a: b", "a #b", " lead", "trail ", "-", "- x",
        "[x]", "{x}", "?", ":", "---", "...", "nginx:1.25", "1000:1000", "/var/run/docker.sock", "ALL", "日本", "é",
        "😀", "line\nbreak", "ends\n", "\n", "tab\t", "\"quoted\"", "'single'", "back\\slash",
    ]

    static let literals = ["1", "0", "-5", "3.25", "true", "false", "null", "~", "yes", "off", "0755", "1e3", ".inf"]

    static let alphabet: [Character] = Array("abcXYZ019 -_:#&*!|>'\"%@`,[]{}?.~/\\\t\né日本😀\u{85}\u{7}")

    static let tags = ["!override", "!reset", "!foo", "!!str"]

    mutating func value(depth: Int = 0) -> YAMLValue {
        let choice = depth >= maxDepth ? Int.random(in: 0..<4, using: &random) : Int.random(in: 0..<8, using: &random)
        switch choice {
        case 0, 1: return string()
        case 2: return .literal(Self.literals.randomElement(using: &random) ?? "1")
        case 3: return tagged(string())
        case 4, 5: return mapping(depth: depth)
        default: return sequence(depth: depth)
        }
    }

    mutating func string() -> YAMLValue {
        if Bool.random(using: &random) {
            return .string(Self.trickyStrings.randomElement(using: &random) ?? "")
        }
        let length = Int.random(in: 0...12, using: &random)
        var text = ""
        for _ in 0..<length {
            text.append(Self.alphabet.randomElement(using: &random) ?? "a")
        }
        return .string(text)
    }

    private mutating func tagged(_ value: YAMLValue) -> YAMLValue {
        var value = value
        value.tag = Self.tags.randomElement(using: &random)
        return value
    }

    private mutating func mapping(depth: Int) -> YAMLValue {
        let count = Int.random(in: 0...5, using: &random)
        var entries: [YAMLValue.Entry] = []
        var usedKeys = Set<String>()
        for _ in 0..<count {
            let key = Int.random(in: 0..<5, using: &random) == 0 ? YAMLValue.literal(Self.literals.randomElement(using: &random) ?? "1") : string()
            guard let text = key.scalarText, usedKeys.insert(text).inserted else { continue }
            entries.append(YAMLValue.Entry(key, value(depth: depth + 1)))
        }
        return collection(.mapping(entries))
    }

    private mutating func sequence(depth: Int) -> YAMLValue {
        let count = Int.random(in: 0...5, using: &random)
        var items: [YAMLValue] = []
        for _ in 0..<count {
            items.append(value(depth: depth + 1))
        }
        return collection(.sequence(items))
    }

    private mutating func collection(_ content: YAMLValue.Content) -> YAMLValue {
        let tag = Int.random(in: 0..<4, using: &random) == 0 ? ["!override", "!reset", "!foo"].randomElement(using: &random) : nil
        return YAMLValue(content, tag: tag, flow: Int.random(in: 0..<3, using: &random) == 0)
    }
}
