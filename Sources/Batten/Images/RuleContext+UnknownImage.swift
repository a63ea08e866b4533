/// How fixes say that Batten knows nothing about a workload's image.
extension RuleContext {
    /// Why no image profile speaks for `workload`'s image, for the reason of a `decision` fix:
    /// `no image profile for example/api:1.0`.
    func unknownImageReason(for workload: Workload, container: Container? = nil) -> String {
        if let build = workload.compose?.build {
            guard let facts = build.facts else { return "built from a Dockerfile Batten could not read" }
            if let user = facts.user { return "built from \(facts.path), whose `USER \(user.value)` (line \(user.line)) no image profile describes" }
            guard let base = facts.base else { return "built from \(facts.path), whose base image Batten cannot tell" }
            return "built from \(facts.path) on \(base.value), which no image profile describes"
        }
        let image = (container ?? workload.containers.first)?.image?.value.trimmingWhitespace ?? ""
        return image.isEmpty ? "no image named" : "no image profile for \(image)"
    }
}
