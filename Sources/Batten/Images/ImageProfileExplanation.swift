/// What `batten explain-image IMAGE` prints: the profile Batten would use for an image and why, each
/// setting with its documented reason; or that no profile matches, and which came close.
public struct ImageProfileExplanation: Sendable {
    public var image: String
    public var library: ImageProfileLibrary

    /// The explanation of `image` with the profiles of `library`.
    public init(image: String, library: ImageProfileLibrary) {
        self.image = image
        self.library = library
    }

    /// The profile used for the image, if any.
    public var match: ImageProfileMatch? { library.match(image) }

    /// The text `batten explain-image` prints.
    public func text() -> String {
        let reference = ImageReference(image)
        let name = ImageName(reference.name)
        var lines = ["Image \(image): repository \(name), tag \(reference.tag ?? "none (latest)")"]
        let candidates = library.candidates(image)
        guard let match else {
            lines.append(
                "No image profile matches it: Batten's fixes for it are generic (cap_drop ALL with nothing added back, tmpfs at the policy's paths, the policy's user, no health check)."
            )
            for candidate in candidates {
                lines.append("  \(candidate.profile.name) (\(candidate.profile.origin)) matches the name, but \(candidate.mismatch ?? "not the tag")")
            }
            lines.append("Add a profile with --image-profiles DIR or the policy's image-profiles (see README, \"Image profiles\").")
            return lines.joined(separator: "\n") + "\n"
        }
        let profile = match.profile
        lines.append("Profile \(profile.name) (\(profile.origin)): \(profile.summary)")
        lines.append("  matched by the pattern `\(match.pattern)`" + Self.tagWords(profile.tags, tag: reference.tag))
        for other in candidates where other.profile.name != profile.name {
            let why = other.mismatch ?? "a more specific or later profile wins"
            lines.append("  not \(other.profile.name) (\(other.profile.origin)): \(why)")
        }
        if let role = profile.role { lines.append("  role: \(role.rawValue)") }
        if !profile.ports.isEmpty { lines.append("  ports: " + profile.ports.map(String.init).joined(separator: ", ")) }

        lines += ["", "Capabilities added back after cap_drop: [ALL] (when it starts as root)"]
        lines.append("  " + (profile.capabilities.add.isEmpty ? "none" : profile.capabilities.add.joined(separator: ", ")))
        lines.append(Self.reason(profile.capabilities.reason))
        if !profile.capabilities.file.isEmpty {
            lines.append("  file capabilities kept in cap_add: " + profile.capabilities.file.joined(separator: ", "))
            lines.append(Self.reason(profile.capabilities.fileReason ?? ""))
        }

        lines += ["", "User"]
        let runAs: String
        switch profile.user.runAs {
        case .user(let user): runAs = "user: \"\(user)\""
        case .any: runAs = "any non-root user (the policy's runs-as-root `user`)"
        case .none: runAs = "none: the image cannot run as another user as it is"
        }
        lines.append("  the image runs as \(profile.user.image); Batten sets \(runAs)")
        if !profile.user.ids.isEmpty {
            let ids = profile.user.ids.sorted { Self.idOrder($0.key, $1.key) }
                .map { $0.key == "default" ? "\($0.value) by default" : "\($0.value) on \($0.key) tags" }
            lines.append("  numeric ids: " + ids.joined(separator: ", "))
        }
        if let numeric = profile.user.numericRunAs(tag: reference.tag), case .user(let user) = profile.user.runAs,
            ImageProfile.User.numeric(user) == nil
        {
            lines.append("  for tag \(reference.tag ?? "none (latest)"): \(numeric.uid)" + (numeric.gid.map { ":\($0)" } ?? ""))
        }
        lines.append(Self.reason(profile.user.reason))

        lines += ["", "Writable paths (mounted next to read_only: true)"]
        if profile.writable.isEmpty { lines.append("  none") }
        for path in profile.writable {
            lines.append("  \(path.path) (\(path.kind.rawValue))")
            lines.append(Self.reason(path.reason))
        }

        for moved in profile.movedPaths {
            lines.append("  not \(moved.path): moved to \(moved.to) in \(moved.since) (moved-data-path)")
            lines.append(Self.reason(moved.reason))
        }
        if let readOnly = profile.readOnlyRoot {
            lines.append(
                readOnly.requires.isEmpty
                    ? "  a read-only root is not supported: the fix is a decision"
                    : "  a read-only root needs any of: " + readOnly.requires.map(\.description).joined(separator: ", "))
            lines.append(Self.reason(readOnly.reason))
        }

        lines += ["", "Health check"]
        if let test = profile.healthcheck.test {
            lines.append("  test: [" + test.map(Self.quoted).joined(separator: ", ") + "]")
            let timings = [
                profile.healthcheck.interval.map { "interval \($0)" }, profile.healthcheck.timeout.map { "timeout \($0)" },
                profile.healthcheck.retries.map { "retries \($0)" }, profile.healthcheck.startPeriod.map { "start_period \($0)" },
            ].compactMap { $0 }
            if !timings.isEmpty { lines.append("  " + timings.joined(separator: ", ")) }
            if !profile.healthcheck.requires.isEmpty {
                lines.append("  only with any of: " + profile.healthcheck.requires.map(\.description).joined(separator: ", "))
            }
        } else {
            lines.append("  none proposed")
        }
        lines.append(Self.reason(profile.healthcheck.reason))
        lines += Self.hostAccessLines(profile)

        if let authentication = profile.authentication {
            lines += ["", "Authentication (unauthenticated-service)"]
            if !authentication.ports.isEmpty {
                lines.append("  ports: " + authentication.ports.map(String.init).joined(separator: ", "))
            }
            if !authentication.securedBy.isEmpty {
                lines.append("  on with any of: " + authentication.securedBy.map(\.description).joined(separator: ", "))
            }
            if !authentication.insecureWhen.isEmpty {
                lines.append("  off with any of: " + authentication.insecureWhen.map(\.description).joined(separator: ", "))
            }
            lines.append("  risk: " + authentication.risk)
            lines.append("  remedy: " + authentication.remediation)
        }

        if let files = profile.secretFiles {
            lines += ["", "Settings read from a file (plaintext-secret moves them to a Compose secret)"]
            lines.append("  " + files.variables.joined(separator: ", "))
            let example = files.form.replacingOccurrences(of: "{}", with: "NAME")
            lines.append("  as \(example)=/run/secrets/name")
            lines.append(Self.reason(files.reason))
        }

        lines += ["", "Based on"]
        for source in profile.documentation {
            lines.append("  \(source.url)")
            lines += source.facts.map { "    - \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func tagWords(_ tags: TagConstraint, tag: String?) -> String {
        var parts: [String] = []
        if let versions = tags.versions { parts.append("versions \(versions)") }
        if !tags.variants.isEmpty { parts.append("variants \(tags.variants.joined(separator: ", "))") }
        if !tags.excludedVariants.isEmpty { parts.append("not the variants \(tags.excludedVariants.joined(separator: ", "))") }
        guard !parts.isEmpty else { return "; it applies to every tag" }
        return "; tag \(tag ?? "none (latest)") is within " + parts.joined(separator: ", ")
    }

    private static func reason(_ text: String) -> String { "  why: " + text }

    /// Variant words in order, `default` last.
    private static func idOrder(_ left: String, _ right: String) -> Bool {
        if left == "default" || right == "default" { return right == "default" && left != "default" }
        return left < right
    }

    /// A double-quoted string with `\` and `"` escaped.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
