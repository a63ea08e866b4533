/// Masks the secrets of a loaded configuration (`batten config`) before it is printed: the value of
/// every key that names a secret (environment variables, labels, annotations), the `value` of a
/// `{name, value}` entry whose name is secret, the inline `content` and `environment` of a Compose
/// secret, the value of a secret flag or assignment in any string or argument list
/// (`--password=…`, `[--requirepass, …]`, `DB_TOKEN=…`) and the password of a URL.
public enum ConfigRedaction {
    /// `value` with its secrets replaced by ``SecretRedaction/mask``.
    public static func masked(_ value: JSONValue) -> JSONValue {
        masked(value, key: nil, patterns: .defaults)
    }

    private static func masked(_ value: JSONValue, key: String?, patterns: SecretNameMatcher) -> JSONValue {
        switch value {
        case .string(let text):
            if let key, patterns.matches(key), SecretArguments.isMaskable(text) { return .string(SecretRedaction.mask) }
            return .string(maskedArguments(text, patterns: patterns))
        case .array(let items):
            var result = items.map { masked($0, key: nil, patterns: patterns) }
            for index in items.indices.dropLast() {
                guard case .string(let flag) = items[index], flag.hasPrefix("-"), !flag.contains("="),
                    SecretArguments.isSecretName(String(flag.drop { $0 == "-" }), patterns: patterns),
                    case .string(let next) = items[index + 1], !next.hasPrefix("-")
                else { continue }
                result[index + 1] = .string(SecretRedaction.mask)
            }
            return .array(result)
        case .object(let members):
            let secretName = members.contains { member in
                guard member.0 == "name", case .string(let name) = member.1 else { return false }
                return patterns.matches(name)
            }
            return .object(
                members.map { member in
                    // `content` is the inline value of a Compose secret or config.
                    if case .string(let text) = member.1, SecretArguments.isMaskable(text),
                        (secretName && member.0 == "value") || (key != nil && member.0 == "content")
                    {
                        return (member.0, .string(SecretRedaction.mask))
                    }
                    return (member.0, masked(member.1, key: member.0, patterns: patterns))
                })
        default:
            return value
        }
    }

    /// `text` with the values ``SecretArguments`` finds replaced.
    private static func maskedArguments(_ text: String, patterns: SecretNameMatcher) -> String {
        let bytes = Array(text.utf8)
        let ranges = SecretArguments.valueRanges(in: bytes[...], patterns: patterns)
        guard !ranges.isEmpty else { return text }
        return SecretRedaction.apply(ranges, to: text, column: 1).text
    }
}
