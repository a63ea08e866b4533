/// What a published Compose port is for, which decides whether it may stay public.
enum PortRole: Equatable {
    /// The service's purpose is to serve it publicly: an edge proxy's or web server's own port.
    case serves(String)
    /// It serves only the other services and the host's operators: a database, cache, broker,
    /// console or monitoring port. Binding it to an address keeps the project working.
    case `internal`(String)
    /// Batten cannot tell who must reach it.
    case unknown(String)

    /// Web ports an edge or web image serves on when its profile names none.
    static let webPorts = [80, 443, 8080, 8443]

    /// The role of `port`, from the image profile's role and ports, else from the well-known
    /// sensitive ports (`sensitive`: the port is one of them).
    static func of(_ port: Port, profile: ImageProfileMatch?, sensitive: Bool) -> PortRole {
        let target = Int(port.target.split(separator: "-").first.map(String.init) ?? "")
        if let profile, let role = profile.profile.role {
            // An edge proxy serves HTTPS too, whether or not its image declares 443.
            let own = profile.profile.ports.isEmpty ? webPorts : profile.profile.ports + (role == .edge ? [80, 443] : [])
            if role.servesPublicly, let target, own.contains(target) {
                return .serves("\(profile.phrase) says it is \(role == .edge ? "an edge proxy" : "a web application") serving port \(target)")
            }
            if role.servesInternally {
                return .internal(
                    "\(profile.phrase) says it is a \(role.rawValue) service: the other services reach it over the project network, so its published port only serves the host"
                )
            }
        }
        if sensitive {
            return .internal(
                "port \(port.target) is a well-known database, cache, broker or admin port: the other services reach it over the project network")
        }
        let about =
            profile.map { "\($0.phrase) does not say who must reach port \(port.target)" }
            ?? "Batten does not know the image, so it cannot tell who must reach port \(port.target)"
        return .unknown(about + "; binding it to an address may cut off its clients")
    }
}
