/// How rules find the profile of a workload's image.
extension RuleContext {
    /// The profile for a Compose service's image. Services built from a Dockerfile have none: their
    /// Dockerfile, not a published image, decides what they run.
    public func imageProfile(for workload: Workload) -> ImageProfileMatch? {
        guard workload.format == .compose, workload.compose?.build == nil,
              let image = workload.containers.first?.image?.value, !image.trimmingWhitespace.isEmpty
        else { return nil }
        return imageProfiles.match(image)
    }

    /// The words of a fix title that say it is generic: `(generic: no image profile for example/api:1.0)`.
    func genericNote(for workload: Workload) -> String {
        if workload.compose?.build != nil { return "(generic: built from a Dockerfile, no image profile)" }
        guard let image = workload.containers.first?.image?.value, !image.trimmingWhitespace.isEmpty else {
            return "(generic: no image named)"
        }
        return "(generic: no image profile for \(image))"
    }
}
