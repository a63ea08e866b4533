/// How rules find the profile of a workload's image.
extension RuleContext {
    /// The profile for a Compose service's image. A service built from a Dockerfile gets the profile
    /// of the Dockerfile's base image (`FROM nginx:1.27`), with the `FROM` line as evidence, when the
    /// Dockerfile could be read and sets no `USER`: a `USER` changes who runs and what it can write,
    /// so the base image's profile no longer says how the image behaves.
    public func imageProfile(for workload: Workload) -> ImageProfileMatch? {
        guard workload.format == .compose else { return nil }
        if let build = workload.compose?.build {
            guard let facts = build.facts, facts.user == nil, let base = facts.base,
                var match = imageProfiles.match(base.value)
            else { return nil }
            match.evidence = .dockerfileBase(path: facts.path, line: base.line)
            return match
        }
        guard let image = workload.containers.first?.image?.value, !image.trimmingWhitespace.isEmpty else { return nil }
        return imageProfiles.match(image)
    }

    /// The words of a fix title that say it is generic: `(generic: no image profile for example/api:1.0)`.
    /// A build that reaches it has no usable base: the Dockerfile was not read, sets `USER`, starts
    /// from `scratch` or from an image without a profile.
    func genericNote(for workload: Workload) -> String {
        if workload.compose?.build != nil { return "(generic: built from a Dockerfile, no image profile)" }
        guard let image = workload.containers.first?.image?.value, !image.trimmingWhitespace.isEmpty else {
            return "(generic: no image named)"
        }
        return "(generic: no image profile for \(image))"
    }

    /// Why no image profile speaks for `workload`'s image, for the reason of a `decision` fix:
    /// `no image profile for example/api:1.0`.
    func unknownImageReason(for workload: Workload, container: Container? = nil) -> String {
        if let build = workload.compose?.build {
            guard let facts = build.facts else { return "built from a Dockerfile Batten could not read" }
            if let user = facts.user { return "built from \(facts.path), whose `USER \(user.value)` (line \(user.line)) no image profile describes" }
            guard let base = facts.base else { return "built from \(facts.path), whose base image Batten cannot tell" }
            return "built from \(facts.path) on \(base.value), which no image profile describes"
        }
        guard let image = (container ?? workload.containers.first)?.image?.value, !image.trimmingWhitespace.isEmpty else {
            return "no image named"
        }
        return "no image profile for \(image)"
    }
}
