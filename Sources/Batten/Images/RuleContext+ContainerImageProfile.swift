/// How rules find the profile of one container's image.
extension RuleContext {
    /// The profile for `container` of `workload`: for Kubernetes, the match of the container's own
    /// `image` (every container of a pod names its image); for Compose, the service's
    /// (``imageProfile(for:)``). Nil when the container names no image or no profile fits it.
    public func imageProfile(for workload: Workload, container: Container) -> ImageProfileMatch? {
        switch workload.format {
        case .compose:
            return imageProfile(for: workload)
        case .kubernetes:
            guard let image = container.image?.value, !image.trimmingWhitespace.isEmpty else { return nil }
            return imageProfiles.match(image)
        }
    }
}

extension Container {
    /// True when this Kubernetes container starts as root: `runAsUser: 0`, or no `runAsUser`, no
    /// `runAsNonRoot: true` (which stops a root image from starting) and an image that runs as root
    /// according to `match`.
    func startsAsRoot(with match: ImageProfileMatch) -> Bool {
        if let user = runAsUser { return user.value == 0 }
        if runAsNonRoot?.value == true { return false }
        return match.profile.user.imageRunsAsRoot
    }
}

extension ImageProfileMatch {
    /// The non-root user a Kubernetes container of this image can run as, by its profile: the
    /// numeric user the profile gives for this tag, else the image's own user when that is numeric
    /// and not root. A group of 0 is left out. Nil when the profile gives no such number.
    var kubernetesUser: (uid: Int, gid: Int?)? {
        if let ids = profile.user.numericRunAs(tag: tag), ids.uid != 0 {
            return (ids.uid, ids.gid == 0 ? nil : ids.gid)
        }
        let imageUser = UserSpec(profile.user.image)
        guard !imageUser.isRoot, let uid = Int(imageUser.user) else { return nil }
        return (uid, imageUser.group.flatMap { Int($0) }.flatMap { $0 == 0 ? nil : $0 })
    }
}
