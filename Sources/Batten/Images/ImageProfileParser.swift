import BattenYAML

/// Reads one image profile file with BattenYAML and validates it. Every problem is a located error:
/// an unknown key, a value of the wrong type, a missing field, a capability Linux does not have, a
/// path that is not absolute, a health check Compose would not accept.
public struct ImageProfileParser: Sendable {
    public init() {}

    /// The profile (nil when the file has an error) and every problem found, located.
    public struct Result: Sendable {
        public var profile: ImageProfile?
        public var diagnostics: [Diagnostic]
    }

    static let topLevelKeys = [
        "name", "description", "images", "tags", "role", "ports", "capabilities", "user", "writable", "healthcheck",
        "authentication", "secret-files", "moved-paths", "host-access", "read-only-root", "documentation",
    ]

    /// Reads one profile file; its path names the profile's origin and every diagnostic.
    public func parse(_ source: SourceFile) -> Result {
        let stream = YAMLParser.parse(source)
        if let error = stream.error { return Result(profile: nil, diagnostics: [Diagnostic(error)]) }
        guard let document = stream.documents.first(where: { !$0.isEmpty }), let root = document.root,
            document.kind(document.resolve(root)) == .mapping
        else {
            return Result(
                profile: nil,
                diagnostics: [
                    Diagnostic(
                        level: .error, path: source.path, position: SourcePosition(offset: 0, line: 1, column: 1),
                        message: "an image profile is a YAML mapping with " + Self.topLevelKeys.joined(separator: ", "))
                ])
        }
        var reader = ProfileReader(document: document)
        let profile = reader.profile(document.resolve(root))
        let failed = reader.diagnostics.contains { $0.level == .error }
        return Result(profile: failed ? nil : profile, diagnostics: reader.diagnostics)
    }
}

private struct ProfileReader {
    let document: YAMLDocument
    var diagnostics: [Diagnostic] = []

    init(document: YAMLDocument) {
        self.document = document
    }

    mutating func profile(_ root: NodeID) -> ImageProfile? {
        let fields = mapping(root, keys: ImageProfileParser.topLevelKeys, what: "image profile")
        let name = required("name", in: fields, of: root, what: "image profile").flatMap { text($0) }
        let summary = required("description", in: fields, of: root, what: "image profile").flatMap { text($0) }
        let patterns = required("images", in: fields, of: root, what: "image profile").map { readImages($0) } ?? []
        let tags = fields["tags"].map { tagConstraint($0) } ?? TagConstraint()
        let capabilities = required("capabilities", in: fields, of: root, what: "image profile").flatMap { readCapabilities($0) }
        let user = required("user", in: fields, of: root, what: "image profile").flatMap { readUser($0) }
        let writable = required("writable", in: fields, of: root, what: "image profile").map { readWritable($0) } ?? []
        let healthcheck = required("healthcheck", in: fields, of: root, what: "image profile").flatMap { readHealthcheck($0) }
        let authentication = fields["authentication"].flatMap { readAuthentication($0) }
        let role = fields["role"].flatMap { readRole($0) }
        let ports = fields["ports"].map { readPorts($0, what: "`ports`") } ?? []
        let secretFiles = fields["secret-files"].flatMap { readSecretFiles($0) }
        let movedPaths = fields["moved-paths"].map { readMovedPaths($0) } ?? []
        let hostAccess = fields["host-access"].map { readHostAccess($0) } ?? []
        let readOnlyRoot = fields["read-only-root"].flatMap { readReadOnlyRoot($0) }
        let documentation = required("documentation", in: fields, of: root, what: "image profile").map { readDocumentation($0) } ?? []
        if let name, !Self.isProfileName(name), let node = fields["name"] {
            error(at: node, "a profile name is lower-case letters, digits and `-` (`postgres`, `postgres-18`), not `\(name)`")
        }
        guard let name, let summary, let capabilities, let user, let healthcheck, !patterns.isEmpty else { return nil }
        return ImageProfile(
            name: name, summary: summary, patterns: patterns, tags: tags, capabilities: capabilities, user: user,
            writable: writable, healthcheck: healthcheck, authentication: authentication, role: role, ports: ports,
            secretFiles: secretFiles, movedPaths: movedPaths, hostAccess: hostAccess, readOnlyRoot: readOnlyRoot,
            documentation: documentation, origin: document.source.path)
    }

    static func isProfileName(_ name: String) -> Bool {
        !name.isEmpty && name.first?.isLetter == true
            && name.allSatisfy { ($0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "-" }
    }

    // MARK: Sections

    mutating func readRole(_ node: NodeID) -> ImageProfile.Role? {
        guard let value = text(node) else { return nil }
        guard let role = ImageProfile.Role(rawValue: value) else {
            let roles = ImageProfile.Role.allCases.map(\.rawValue).joined(separator: ", ")
            error(at: node, "`role` is one of \(roles), not `\(value)`")
            return nil
        }
        return role
    }

    /// Container ports: numbers from 1 to 65535, each once.
    mutating func readPorts(_ node: NodeID, what: String) -> [Int] {
        var ports: [Int] = []
        for item in list(node, what: what, allowsScalar: true) {
            guard document.scalarType(item) == .int, let value = document.scalar(item).flatMap(ScalarResolution.int),
                (1...65535).contains(value)
            else {
                error(at: item, "a port is a number from 1 to 65535")
                continue
            }
            if ports.contains(value) {
                error(at: item, "port \(value) is listed twice")
                continue
            }
            ports.append(value)
        }
        return ports
    }

    mutating func readImages(_ node: NodeID) -> [ImagePattern] {
        var result: [ImagePattern] = []
        for item in list(node, what: "`images`", allowsScalar: true) {
            guard let value = text(item) else { continue }
            guard let pattern = ImagePattern(value) else {
                error(at: item, "`\(value)` is not an image name pattern (letters, digits, `.`, `_`, `-`, `/`, `:` and `*`)")
                continue
            }
            result.append(pattern)
        }
        if result.isEmpty && diagnostics.allSatisfy({ $0.level != .error }) {
            error(at: node, "`images` must name at least one image pattern")
        }
        return result
    }

    mutating func tagConstraint(_ node: NodeID) -> TagConstraint {
        let fields = mapping(node, keys: ["versions", "variants", "exclude-variants"], what: "`tags`")
        var constraint = TagConstraint()
        if let versions = fields["versions"], let value = text(versions) {
            if let range = VersionRange(value) {
                constraint.versions = range
            } else {
                error(
                    at: versions, "`versions` takes comparisons such as `>=12 <18` (operators >=, >, <=, <, =), or lists of them joined by `||`, not `\(value)`"
                )
            }
        }
        if let variants = fields["variants"] { constraint.variants = words(variants, what: "`variants`") }
        if let excluded = fields["exclude-variants"] { constraint.excludedVariants = words(excluded, what: "`exclude-variants`") }
        return constraint
    }

    mutating func readCapabilities(_ node: NodeID) -> ImageProfile.Capabilities? {
        let fields = mapping(node, keys: ["add", "reason", "file", "file-reason"], what: "`capabilities`")
        let reason = required("reason", in: fields, of: node, what: "`capabilities`").flatMap { text($0) }
        let names = required("add", in: fields, of: node, what: "`capabilities`").map { capabilityNames($0, what: "`capabilities.add`") } ?? []
        let file = fields["file"].map { capabilityNames($0, what: "`capabilities.file`") } ?? []
        let fileReason = fields["file-reason"].flatMap { text($0) }
        if let fileNode = fields["file"], fileReason == nil, fields["file-reason"] == nil {
            error(at: fileNode, "`file` needs a `file-reason`: what the image does without these capabilities")
        }
        if let reasonNode = fields["file-reason"], fields["file"] == nil {
            error(at: reasonNode, "`file-reason` goes with `file`, the capabilities the image's binaries get from file capabilities")
        }
        guard let reason else { return nil }
        return ImageProfile.Capabilities(add: names, reason: reason, file: file, fileReason: fileReason)
    }

    /// A list of Linux capability names, each once, normalized (`CHOWN`).
    mutating func capabilityNames(_ node: NodeID, what: String) -> [String] {
        var names: [String] = []
        for item in list(node, what: what, allowsScalar: false) {
            guard let value = text(item) else { continue }
            let name = CapabilityNames.normalized(value)
            guard LinuxCapabilities.known.contains(name) else {
                error(at: item, "unknown capability `\(value)`\(Self.suggestion(for: name, among: LinuxCapabilities.all))")
                continue
            }
            if names.contains(name) {
                error(at: item, "capability `\(value)` is listed twice")
                continue
            }
            names.append(name)
        }
        return names
    }

    mutating func readUser(_ node: NodeID) -> ImageProfile.User? {
        let fields = mapping(node, keys: ["image", "run-as", "reason", "ids"], what: "`user`")
        let image = required("image", in: fields, of: node, what: "`user`").flatMap { text($0) }
        let reason = required("reason", in: fields, of: node, what: "`user`").flatMap { text($0) }
        var runAs: ImageProfile.RunAs?
        if let runAsNode = required("run-as", in: fields, of: node, what: "`user`"), let value = text(runAsNode) {
            switch value {
            case "any": runAs = .any
            case "none": runAs = ImageProfile.RunAs.none
            default:
                let spec = UserSpec(value)
                if spec.isRoot || spec.hasRootGroup || value.contains(" ") {
                    error(at: runAsNode, "`run-as` is a non-root user (and group) the image runs as, `any` or `none`, not `\(value)`")
                } else {
                    runAs = .user(value)
                }
            }
        }
        let ids = fields["ids"].map { readIDs($0) } ?? [:]
        if let idsNode = fields["ids"], !ids.isEmpty {
            if case .user(let value)? = runAs, ImageProfile.User.numeric(value) != nil {
                error(at: idsNode, "`ids` gives the numbers of a named `run-as` user; `\(value)` is numeric already")
            } else if let runAs, runAs == .any || runAs == ImageProfile.RunAs.none {
                error(at: idsNode, "`ids` gives the numbers of a named `run-as` user, not of `any` or `none`")
            }
        }
        guard let image, let reason, let runAs else { return nil }
        return ImageProfile.User(image: image, runAs: runAs, reason: reason, ids: ids)
    }

    /// `ids`: variant word (or `default`) → numeric `"uid:gid"`.
    mutating func readIDs(_ node: NodeID) -> [String: String] {
        guard document.kind(node) == .mapping else {
            error(at: node, "`ids` must be a mapping of a variant word (`alpine`) or `default` to a numeric \"uid:gid\"")
            return [:]
        }
        var result: [String: String] = [:]
        for entry in document.entries(of: node) {
            guard let key = entry.name, !key.isEmpty, !key.contains("-"), !key.contains(" ") else {
                error(at: entry.key, "a key of `ids` is a variant word of a tag (`alpine`) or `default`, not `\(entry.name ?? "?")`")
                continue
            }
            let valueNode = document.resolve(entry.value)
            guard let value = text(valueNode) else { continue }
            guard let parsed = ImageProfile.User.numeric(value), parsed.gid != nil, parsed.uid > 0,
                !value.contains(" "), !value.contains("+"), !value.contains("-")
            else {
                error(at: valueNode, "an id is a numeric non-root \"uid:gid\" (`999:999`), not `\(value)`")
                continue
            }
            if result[key.lowercased()] != nil {
                error(at: entry.key, "`\(key)` is listed twice")
                continue
            }
            result[key.lowercased()] = value
        }
        return result
    }

    mutating func readWritable(_ node: NodeID) -> [ImageProfile.WritablePath] {
        var result: [ImageProfile.WritablePath] = []
        for item in list(node, what: "`writable`", allowsScalar: false) {
            let fields = mapping(item, keys: ["path", "kind", "reason"], what: "a `writable` entry")
            let path = required("path", in: fields, of: item, what: "a `writable` entry").flatMap { text($0) }
            let reason = required("reason", in: fields, of: item, what: "a `writable` entry").flatMap { text($0) }
            var kind: ImageProfile.MountKind?
            if let kindNode = required("kind", in: fields, of: item, what: "a `writable` entry"), let value = text(kindNode) {
                kind = ImageProfile.MountKind(rawValue: value)
                if kind == nil { error(at: kindNode, "`kind` is tmpfs or volume, not `\(value)`") }
            }
            if let path, let pathNode = fields["path"] {
                if !path.hasPrefix("/") || path.contains(" ") || path.contains(":") || path.contains("//") || path.count < 2 {
                    error(at: pathNode, "`path` is an absolute container path other than `/`, without spaces or `:`, not `\(path)`")
                    continue
                }
                if result.contains(where: { $0.path == path }) {
                    error(at: pathNode, "`\(path)` is listed twice")
                    continue
                }
            }
            guard let path, let kind, let reason else { continue }
            result.append(ImageProfile.WritablePath(path: path, kind: kind, reason: reason))
        }
        return result
    }

    /// `host-access`: entries of `path` (absolute) with `read-only` (true or false), or of
    /// `namespace` (pid or network), each with a `reason`.
    mutating func readHostAccess(_ node: NodeID) -> [ImageProfile.HostAccess] {
        var result: [ImageProfile.HostAccess] = []
        for item in list(node, what: "`host-access`", allowsScalar: false) {
            let fields = mapping(item, keys: ["path", "read-only", "namespace", "reason"], what: "a `host-access` entry")
            let reason = required("reason", in: fields, of: item, what: "a `host-access` entry").flatMap { text($0) }
            var kind: ImageProfile.HostAccess.Kind?
            switch (fields["path"], fields["namespace"]) {
            case (let pathNode?, nil):
                guard let written = text(pathNode) else { continue }
                guard let path = HostPath.normalized(written), !written.contains(" "), !written.contains(":") else {
                    error(at: pathNode, "`path` is an absolute host path without spaces or `:`, not `\(written)`")
                    continue
                }
                guard let readOnlyNode = required("read-only", in: fields, of: item, what: "a `host-access` path") else { continue }
                guard document.scalarType(readOnlyNode) == .bool, let readOnly = document.scalar(readOnlyNode).flatMap(ScalarResolution.bool) else {
                    error(at: readOnlyNode, "`read-only` is true or false")
                    continue
                }
                kind = .path(path, readOnly: readOnly)
            case (nil, let namespaceNode?):
                if let readOnlyNode = fields["read-only"] { error(at: readOnlyNode, "`read-only` goes with `path`, not `namespace`") }
                guard let value = text(namespaceNode) else { continue }
                guard let namespace = ImageProfile.HostAccess.Namespace(rawValue: value) else {
                    let names = ImageProfile.HostAccess.Namespace.allCases.map(\.rawValue).joined(separator: " or ")
                    error(at: namespaceNode, "`namespace` is \(names), not `\(value)`")
                    continue
                }
                kind = .namespace(namespace)
            default:
                error(at: item, "a `host-access` entry has either `path` (with `read-only`) or `namespace`")
            }
            guard let kind, let reason else { continue }
            if result.contains(where: { $0.kind == kind || Self.samePath($0.kind, kind) }) {
                error(at: item, "this host access is listed twice")
                continue
            }
            result.append(ImageProfile.HostAccess(kind: kind, reason: reason))
        }
        return result
    }

    static func samePath(_ lhs: ImageProfile.HostAccess.Kind, _ rhs: ImageProfile.HostAccess.Kind) -> Bool {
        guard case .path(let left, _) = lhs, case .path(let right, _) = rhs else { return false }
        return left == right
    }

    mutating func readHealthcheck(_ node: NodeID) -> ImageProfile.Healthcheck? {
        let keys = ["test", "interval", "timeout", "retries", "start-period", "requires", "reason"]
        let fields = mapping(node, keys: keys, what: "`healthcheck`")
        let reason = required("reason", in: fields, of: node, what: "`healthcheck`").flatMap { text($0) }
        var test: [String]?
        if let testNode = fields["test"] { test = healthcheckTest(testNode) }
        var durations: [String: String] = [:]
        for key in ["interval", "timeout", "start-period"] {
            guard let valueNode = fields[key], let value = text(valueNode) else { continue }
            if ComposeDuration.isValid(value) {
                durations[key] = value
            } else {
                error(at: valueNode, "`\(key)` is a duration such as 30s or 1m30s, not `\(value)`")
            }
        }
        var retries: Int?
        if let retriesNode = fields["retries"] {
            if document.scalarType(retriesNode) == .int, let value = document.scalar(retriesNode).flatMap(ScalarResolution.int), value > 0 {
                retries = value
            } else {
                error(at: retriesNode, "`retries` is a positive whole number")
            }
        }
        let requires = fields["requires"].map { conditions($0, what: "`requires`") } ?? []
        if let requiresNode = fields["requires"], requires.isEmpty, document.kind(requiresNode) == .sequence,
            document.children(requiresNode).isEmpty
        {
            error(at: requiresNode, "`requires` lists the settings of which the check needs one; leave it out when it needs none")
        }
        if test == nil, !durations.isEmpty || retries != nil || fields["requires"] != nil {
            error(at: node, "a `healthcheck` without `test` takes only a `reason`")
        }
        guard let reason else { return nil }
        return ImageProfile.Healthcheck(
            test: test, interval: durations["interval"], timeout: durations["timeout"], retries: retries,
            startPeriod: durations["start-period"], reason: reason, requires: requires)
    }

    mutating func healthcheckTest(_ node: NodeID) -> [String]? {
        if document.kind(node) == .scalar {
            guard let value = text(node) else { return nil }
            guard !value.trimmingWhitespace.isEmpty else {
                error(at: node, "`test` is a command")
                return nil
            }
            return ["CMD-SHELL", value]
        }
        var words: [String] = []
        for item in list(node, what: "`test`", allowsScalar: false) {
            guard let value = text(item) else { return nil }
            words.append(value)
        }
        guard let first = words.first, ["CMD", "CMD-SHELL"].contains(first), words.count >= 2 else {
            error(at: node, "`test` is a list that starts with CMD or CMD-SHELL and has a command, or a shell command string")
            return nil
        }
        if first == "CMD-SHELL" && words.count != 2 {
            error(at: node, "a CMD-SHELL `test` has exactly one command string after CMD-SHELL")
            return nil
        }
        return words
    }

    mutating func readAuthentication(_ node: NodeID) -> ImageProfile.Authentication? {
        let keys = ["ports", "secured-by", "insecure-when", "risk", "remediation"]
        let fields = mapping(node, keys: keys, what: "`authentication`")
        let risk = required("risk", in: fields, of: node, what: "`authentication`").flatMap { text($0) }
        let remediation = required("remediation", in: fields, of: node, what: "`authentication`").flatMap { text($0) }
        let ports = fields["ports"].map { readPorts($0, what: "`authentication.ports`") } ?? []
        let securedBy = fields["secured-by"].map { conditions($0, what: "`secured-by`") } ?? []
        let insecureWhen = fields["insecure-when"].map { conditions($0, what: "`insecure-when`") } ?? []
        if securedBy.isEmpty && insecureWhen.isEmpty && fields["secured-by"] == nil && fields["insecure-when"] == nil {
            error(at: node, "`authentication` needs `secured-by` (settings that turn credentials on) or `insecure-when` (settings that turn them off)")
        }
        guard let risk, let remediation else { return nil }
        return ImageProfile.Authentication(
            ports: ports, securedBy: securedBy, insecureWhen: insecureWhen, risk: risk, remediation: remediation)
    }

    mutating func readSecretFiles(_ node: NodeID) -> ImageProfile.SecretFiles? {
        let fields = mapping(node, keys: ["form", "variables", "reason"], what: "`secret-files`")
        let form = required("form", in: fields, of: node, what: "`secret-files`").flatMap { text($0) }
        let reason = required("reason", in: fields, of: node, what: "`secret-files`").flatMap { text($0) }
        var variables: [String] = []
        if let variablesNode = required("variables", in: fields, of: node, what: "`secret-files`") {
            for item in list(variablesNode, what: "`secret-files.variables`", allowsScalar: true) {
                guard let name = text(item) else { continue }
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "*" }) else {
                    error(at: item, "a `secret-files` variable is a name or a glob (`POSTGRES_PASSWORD`, `GF_*`), not `\(name)`")
                    continue
                }
                variables.append(name)
            }
        }
        if let form, let formNode = fields["form"],
            form.components(separatedBy: "{}").count != 2
                || !form.replacingOccurrences(of: "{}", with: "X").allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        {
            error(at: formNode, "`form` is the file variable's name with `{}` for the variable (`{}_FILE`, `FILE__{}`), not `\(form)`")
            return nil
        }
        guard let form, let reason, !variables.isEmpty else { return nil }
        return ImageProfile.SecretFiles(form: form, variables: variables, reason: reason)
    }

    mutating func readMovedPaths(_ node: NodeID) -> [ImageProfile.MovedPath] {
        var result: [ImageProfile.MovedPath] = []
        for item in list(node, what: "`moved-paths`", allowsScalar: false) {
            let keys = ["path", "to", "since", "unless", "reason", "migration"]
            let fields = mapping(item, keys: keys, what: "a `moved-paths` entry")
            var paths: [String: String] = [:]
            for key in ["path", "to"] {
                guard let valueNode = required(key, in: fields, of: item, what: "a `moved-paths` entry"), let value = text(valueNode) else { continue }
                guard value.hasPrefix("/"), value.count > 1, !value.contains(" "), !value.contains(":"), !value.hasSuffix("/") else {
                    error(at: valueNode, "`\(key)` is an absolute container path other than `/`, without spaces, `:` or a trailing `/`, not `\(value)`")
                    continue
                }
                paths[key] = value
            }
            if let path = paths["path"], let to = paths["to"], path == to, let toNode = fields["to"] {
                error(at: toNode, "`to` is where the mount belongs now, not `path` itself")
                continue
            }
            var since: String?
            if let sinceNode = required("since", in: fields, of: item, what: "a `moved-paths` entry"), let value = text(sinceNode) {
                if VersionRange(">=" + value) != nil && !value.hasPrefix(">") && !value.hasPrefix("<") && !value.hasPrefix("=") {
                    since = value
                } else {
                    error(at: sinceNode, "`since` is the first version that moved the path (`18`, `10.6.6`), not `\(value)`")
                }
            }
            let reason = required("reason", in: fields, of: item, what: "a `moved-paths` entry").flatMap { text($0) }
            let migration = fields["migration"].flatMap { text($0) }
            let unless = fields["unless"].map { conditions($0, what: "`unless`") } ?? []
            guard let path = paths["path"], let to = paths["to"], let since, let reason else { continue }
            result.append(ImageProfile.MovedPath(path: path, to: to, since: since, unless: unless, reason: reason, migration: migration))
        }
        return result
    }

    /// `read-only-root`: `supported: false` or `requires` (conditions), with a `reason`.
    mutating func readReadOnlyRoot(_ node: NodeID) -> ImageProfile.ReadOnlyRoot? {
        let fields = mapping(node, keys: ["supported", "requires", "reason"], what: "`read-only-root`")
        let reason = required("reason", in: fields, of: node, what: "`read-only-root`").flatMap { text($0) }
        var support: ImageProfile.ReadOnlyRoot.Support?
        switch (fields["supported"], fields["requires"]) {
        case (let supported?, nil):
            if document.scalarType(supported) == .bool, document.scalar(supported).flatMap(ScalarResolution.bool) == false {
                support = .unsupported
            } else {
                error(at: supported, "`supported` takes only `false`; leave `read-only-root` out when the `writable` mounts are enough")
            }
        case (nil, let requires?):
            let conditions = self.conditions(requires, what: "`requires`")
            if conditions.isEmpty {
                if diagnostics.allSatisfy({ $0.level != .error }) {
                    error(at: requires, "`requires` lists the settings of which a read-only root needs one")
                }
            } else {
                support = .requires(conditions)
            }
        case (_?, _?):
            error(at: node, "`read-only-root` has either `supported: false` or `requires`, not both")
        case (nil, nil):
            if document.kind(node) == .mapping {
                error(at: node, "`read-only-root` needs `supported: false` (no setting makes it work) or `requires` (the settings that do)")
            }
        }
        guard let support, let reason else { return nil }
        return ImageProfile.ReadOnlyRoot(support: support, reason: reason)
    }

    mutating func conditions(_ node: NodeID, what: String) -> [ImageProfile.Condition] {
        var result: [ImageProfile.Condition] = []
        for item in list(node, what: what, allowsScalar: false) {
            let fields = mapping(item, keys: ["environment", "value", "argument"], what: "a condition")
            switch (fields["environment"], fields["argument"]) {
            case (let environment?, nil):
                guard let name = text(environment) else { continue }
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else {
                    error(at: environment, "`environment` is a variable name, not `\(name)`")
                    continue
                }
                let value = fields["value"].flatMap { text($0) }
                result.append(.environment(name, value: value))
            case (nil, let argument?):
                if let valueNode = fields["value"] { error(at: valueNode, "`value` goes with `environment`, not `argument`") }
                guard let pattern = text(argument) else { continue }
                guard !pattern.isEmpty, !pattern.contains(" ") else {
                    error(at: argument, "`argument` is one word of the command (a glob), not `\(pattern)`")
                    continue
                }
                result.append(.argument(pattern))
            default:
                error(at: item, "a condition has either `environment` (with an optional `value`) or `argument`")
            }
        }
        return result
    }

    mutating func readDocumentation(_ node: NodeID) -> [ImageProfile.Source] {
        var result: [ImageProfile.Source] = []
        for item in list(node, what: "`documentation`", allowsScalar: false) {
            let fields = mapping(item, keys: ["url", "facts"], what: "a `documentation` entry")
            let url = required("url", in: fields, of: item, what: "a `documentation` entry").flatMap { text($0) }
            var facts: [String] = []
            if let factsNode = required("facts", in: fields, of: item, what: "a `documentation` entry") {
                for fact in list(factsNode, what: "`facts`", allowsScalar: false) {
                    if let value = text(fact) { facts.append(value) }
                }
                if facts.isEmpty { error(at: factsNode, "`facts` lists what the document says that the profile relies on") }
            }
            if let url, let urlNode = fields["url"], !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                error(at: urlNode, "`url` is an http(s) address, not `\(url)`")
            }
            guard let url, !facts.isEmpty else { continue }
            result.append(ImageProfile.Source(url: url, facts: facts))
        }
        if result.isEmpty && document.kind(node) == .sequence {
            error(at: node, "`documentation` names at least one document the profile is based on")
        }
        return result
    }

    // MARK: Shapes

    /// The entries of a mapping by key; unknown keys are errors.
    mutating func mapping(_ node: NodeID, keys: [String], what: String) -> [String: NodeID] {
        guard document.kind(node) == .mapping else {
            error(at: node, "\(what) must be a mapping with \(keys.joined(separator: ", "))")
            return [:]
        }
        var result: [String: NodeID] = [:]
        for entry in document.entries(of: node) {
            guard let name = entry.name, keys.contains(name) else {
                let close = keys.filter { EditDistance.distance(entry.name ?? "", $0) <= 2 }
                let hint = close.first.map { "; did you mean `\($0)`?" } ?? "; expected \(keys.joined(separator: ", "))"
                error(at: entry.key, "unknown key `\(entry.name ?? "?")` in \(what)\(hint)")
                continue
            }
            result[name] = document.resolve(entry.value)
        }
        return result
    }

    mutating func required(_ key: String, in fields: [String: NodeID], of node: NodeID, what: String) -> NodeID? {
        if let value = fields[key] { return value }
        if document.kind(node) == .mapping { error(at: node, "\(what) has no `\(key)`") }
        return nil
    }

    /// The items of a sequence (a single scalar too when `allowsScalar`).
    mutating func list(_ node: NodeID, what: String, allowsScalar: Bool) -> [NodeID] {
        if allowsScalar && document.kind(node) == .scalar && !document.isNull(node) { return [node] }
        guard document.kind(node) == .sequence else {
            error(at: node, "\(what) must be a list")
            return []
        }
        return document.children(node).map { document.resolve($0) }
    }

    mutating func words(_ node: NodeID, what: String) -> [String] {
        list(node, what: what, allowsScalar: true).compactMap { item in
            guard let value = text(item) else { return nil }
            guard !value.isEmpty, !value.contains("-"), !value.contains(" ") else {
                error(at: item, "a variant is one word of a tag (`alpine`, `slim`), not `\(value)`")
                return nil
            }
            return value.lowercased()
        }
    }

    /// A scalar that is not null, as a string.
    mutating func text(_ node: NodeID) -> String? {
        guard document.kind(node) == .scalar, let value = document.scalar(node), !document.isNull(node) else {
            error(at: node, "expected a string")
            return nil
        }
        return value
    }

    mutating func error(at node: NodeID, _ message: String) {
        diagnostics.append(Diagnostic(level: .error, path: document.source.path, position: document.startPosition(node), message: message))
    }

    static func suggestion(for name: String, among known: [String]) -> String {
        let close = known.filter { EditDistance.distance(name, $0) <= 2 }.sorted()
        return close.isEmpty ? "; Linux capabilities are CHOWN, DAC_OVERRIDE, SETUID … (capabilities(7))" : "; did you mean `\(close[0])`?"
    }
}
