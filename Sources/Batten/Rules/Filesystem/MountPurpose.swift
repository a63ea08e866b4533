/// What a Compose bind mount is for, inferred from the service's Dockerfile, its image profile and
/// the paths themselves; it decides what production does with the mount.
///
/// | purpose | production | fix |
/// |---|---|---|
/// | source code the Dockerfile also copies into the image | run the image's copy | remove the mount (`known`) |
/// | source code the image does not contain | build an image with it | none |
/// | data | keep it writable; a named volume is better | none |
/// | configuration, certificates | keep it, read-only | `:ro` (`known`) |
/// | unknown | a person decides | `:ro` (`decision`) |
///
/// Runtime sockets and sensitive host paths are judged by their own rules before this.
struct MountPurpose {
    enum Kind: Equatable {
        case sourceCode
        case sourceOnly
        case data
        case configuration
        case certificates
        case unknown
    }

    var kind: Kind
    /// Why Batten infers it, for the finding's message (`its Dockerfile copies the build context to
    /// /app at Dockerfile:8`).
    var reason: String

    /// The purpose of `use`, a Compose bind of `workload`.
    static func of(_ use: HostPathUse, in workload: Workload, profile: ImageProfileMatch?) -> MountPurpose {
        let target = use.targets.first.flatMap(HostPath.normalized) ?? use.targets.first ?? ""
        if let profile, let writable = profile.profile.writable.first(where: { HostPath.isWithin(target, $0.path) }) {
            return MountPurpose(kind: .data, reason: "\(profile.phrase) says the image writes \(writable.path): \(writable.reason)")
        }
        if let code = sourceCode(use, target: target, in: workload, profile: profile) { return code }
        if let state = statePath(target) {
            return MountPurpose(kind: .data, reason: "\(state) is where services keep their state")
        }
        if let acme = acmeStorage(use, target: target, workload: workload, profile: profile) { return acme }
        if let material = certificateMaterial(use.written, target) {
            return MountPurpose(kind: .certificates, reason: "\(material) names certificates or keys, which a service reads")
        }
        if let configuration = configuration(use.written, target) {
            return MountPurpose(kind: .configuration, reason: configuration)
        }
        return MountPurpose(
            kind: .unknown,
            reason: "Batten cannot tell what \(use.written) holds, nor whether the service writes to \(target)")
    }

    // MARK: Source code

    /// A relative bind of the build context (or a directory around or inside it) to where the
    /// Dockerfile puts the code; or, without a build, a project directory mounted as the working
    /// directory of a language runtime, the only place its code comes from.
    private static func sourceCode(
        _ use: HostPathUse, target: String, in workload: Workload, profile: ImageProfileMatch?
    ) -> MountPurpose? {
        guard BindMountRule.isRelative(use.written), let source = use.path else { return nil }
        guard let build = workload.compose?.build else {
            guard let profile, profile.profile.role == .runtime, use.isInsideProject else { return nil }
            return MountPurpose(
                kind: .sourceOnly,
                reason: "the service runs \(profile.image), a language runtime, on code mounted from the project: no image holds this code")
        }
        guard let context = HostPath.normalized(build.resolvedContext),
            HostPath.isWithin(source, context) || HostPath.isWithin(context, source)
        else { return nil }
        guard let facts = build.facts else { return nil }
        for destination in facts.copyDestinations {
            if HostPath.isWithin(target, destination.value) || HostPath.isWithin(destination.value, target) {
                return MountPurpose(
                    kind: .sourceCode,
                    reason:
                        "its Dockerfile copies the build context to \(destination.value) (\(facts.path):\(destination.line)), so the image already holds this code"
                )
            }
        }
        return nil
    }

    // MARK: Data

    /// Container paths where images conventionally keep state, matched on whole segments.
    private static let stateDirectories = [
        "/var/lib", "/data", "/bitnami", "/var/www/html", "/config", "/var/opt", "/var/log", "/srv", "/home",
        "/usr/share/elasticsearch/data", "/usr/share/opensearch/data", "/var/jenkins_home", "/prometheus",
        "/var/spool", "/var/backups",
    ]

    /// Last segments of a target that name stored data (`/app/uploads`, `/opt/app/data`).
    private static let stateNames: Set<String> = [
        "data", "db", "database", "storage", "uploads", "media", "backups", "backup", "logs", "log", "state", "cache",
    ]

    private static func statePath(_ target: String) -> String? {
        if let directory = stateDirectories.first(where: { HostPath.isWithin(target, $0) }) { return directory }
        let last = target.split(separator: "/").last.map { $0.lowercased() } ?? ""
        return stateNames.contains(last) ? target : nil
    }

    /// A directory an ACME client writes its certificates to: an edge proxy that issues them
    /// (Traefik, Caddy) or a certbot image. Read-only would stop renewals.
    private static func acmeStorage(
        _ use: HostPathUse, target: String, workload: Workload, profile: ImageProfileMatch?
    ) -> MountPurpose? {
        guard certificateMaterial(use.written, target) != nil, !hasFileExtension(target) || target.hasSuffix(".json") else {
            return nil
        }
        let image = workload.containers.first?.image?.value.lowercased() ?? ""
        if image.contains("certbot") || image.contains("acme") {
            return MountPurpose(kind: .data, reason: "the ACME client \(image) writes the certificates it issues there")
        }
        if let profile, ["traefik", "caddy"].contains(profile.profile.name) {
            return MountPurpose(kind: .data, reason: "\(profile.phrase): the proxy issues certificates over ACME and stores them there")
        }
        if let container = workload.containers.first,
            ServiceConditions(container, workload: workload).holds(.argument("*acme*"))
        {
            return MountPurpose(kind: .data, reason: "its command configures an ACME client, which writes the certificates it issues")
        }
        return nil
    }

    // MARK: Configuration and certificates

    private static let certificateWords: Set<String> = [
        "cert", "certs", "certificates", "ssl", "tls", "letsencrypt", "acme", "pki", "keys", "secrets",
    ]

    private static let certificateExtensions: Set<String> = ["pem", "crt", "cer", "key", "p12", "pfx", "der", "csr"]

    /// The path or segment that names certificate material, or nil.
    private static func certificateMaterial(_ source: String, _ target: String) -> String? {
        for path in [target, source] {
            for segment in path.split(separator: "/").map({ $0.lowercased() }) {
                if certificateWords.contains(segment) { return path }
                if let dot = segment.lastIndex(of: "."), certificateExtensions.contains(String(segment[segment.index(after: dot)...])) {
                    return path
                }
                if segment == "acme.json" { return path }
            }
        }
        return nil
    }

    /// Container directories that hold configuration, initialisation scripts or static content.
    private static let configurationDirectories = [
        "/etc", "/usr/share/nginx/html", "/usr/local/apache2/htdocs", "/usr/local/apache2/conf",
        "/docker-entrypoint-initdb.d", "/docker-entrypoint.d", "/usr/share/logstash/pipeline",
        "/usr/share/logstash/config", "/usr/share/elasticsearch/config", "/usr/share/kibana/config",
        "/usr/local/etc",
    ]

    /// Segments of a target that name configuration (`/app/config`, `/opt/app/templates`).
    private static let configurationNames: Set<String> = [
        "conf", "config.d", "conf.d", "templates", "provisioning", "pipeline", "rules", "dashboards", "initdb",
        "nginx", "sites-enabled",
    ]

    private static func configuration(_ source: String, _ target: String) -> String? {
        if hasFileExtension(target) || hasFileExtension(source) {
            return "it mounts the single file \(source), which the service reads as configuration"
        }
        if let directory = configurationDirectories.first(where: { HostPath.isWithin(target, $0) }) {
            return "\(target) is under \(directory), where images read configuration"
        }
        let segments = target.split(separator: "/").map { $0.lowercased() }
        if let name = segments.first(where: { configurationNames.contains($0) }) {
            return "\(target) is a `\(name)` directory, which holds configuration"
        }
        return nil
    }

    /// True when the last segment looks like a file name (`nginx.conf`, `prometheus.yml`), not a
    /// directory; a leading dot (`.env`) counts, a bare dot does not.
    private static func hasFileExtension(_ path: String) -> Bool {
        guard let last = path.split(separator: "/").last, last != ".", last != ".." else { return false }
        guard let dot = last.lastIndex(of: ".") else { return false }
        let ext = last[last.index(after: dot)...]
        return !ext.isEmpty && ext.count <= 10 && ext.allSatisfy { $0.isLetter || $0.isNumber }
    }
}
