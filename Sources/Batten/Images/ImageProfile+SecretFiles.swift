extension ImageProfile {
    /// How an image reads a setting from a file instead of its environment variable: the postgres
    /// image reads `POSTGRES_PASSWORD_FILE`, Grafana `GF_SECURITY_ADMIN_PASSWORD__FILE`, linuxserver.io
    /// images `FILE__PASSWORD`. A plaintext secret of such an image can move to a Compose secret (or a
    /// Kubernetes Secret) mounted as a file, with the file-form variable pointing at it.
    public struct SecretFiles: Sendable, Hashable {
        /// The file-form variable's name, with `{}` standing for the variable it replaces:
        /// `{}_FILE`, `{}__FILE`, `FILE__{}`.
        public var form: String
        /// The variables that have a file form: names or globs (`GF_*`, `*`).
        public var variables: [String]
        public var reason: String

        public init(form: String, variables: [String], reason: String) {
            self.form = form
            self.variables = variables
            self.reason = reason
        }

        /// The file-form variable for `name` (`POSTGRES_PASSWORD` → `POSTGRES_PASSWORD_FILE`), nil
        /// when the image reads `name` from its environment only.
        public func fileVariable(for name: String) -> String? {
            guard variables.contains(where: { Self.matches(name, pattern: $0) }) else { return nil }
            return form.replacingOccurrences(of: "{}", with: name)
        }

        /// `*` matches any run of characters; everything else matches itself.
        static func matches(_ name: String, pattern: String) -> Bool {
            let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
            guard parts.count > 1 else { return name == pattern }
            guard let first = parts.first, let last = parts.last, name.hasPrefix(first), name.count >= first.count + last.count,
                name.hasSuffix(last)
            else { return false }
            var rest = Substring(name.dropFirst(first.count).dropLast(last.count))
            for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
                guard let range = rest.range(of: middle) else { return false }
                rest = rest[range.upperBound...]
            }
            return true
        }
    }
}
