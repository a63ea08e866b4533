import BattenYAML

/// The two places a `securityContext` is written.
enum SecurityContextLevel: Sendable {
    case pod
    case container

    /// Fields that exist at this level only; written at the other level they are ignored by Kubernetes.
    var ownFields: Set<String> {
        switch self {
        case .pod: return Self.podFields
        case .container: return Self.containerFields
        }
    }

    private static let podFields: Set<String> = [
        "sysctls", "fsGroup", "fsGroupChangePolicy", "supplementalGroups", "supplementalGroupsPolicy", "seLinuxChangePolicy",
    ]
    private static let containerFields: Set<String> = [
        "privileged", "allowPrivilegeEscalation", "readOnlyRootFilesystem", "capabilities", "procMount",
    ]

    var other: SecurityContextLevel { self == .pod ? .container : .pod }
}

extension ManifestReader {
    /// The `securityContext` of `owner` (a pod spec or a container) exactly as written.
    mutating func securityContext(in owner: NodeID, level: SecurityContextLevel, field: String) -> SecurityContextSettings {
        let field = field + ".securityContext"
        var settings = SecurityContextSettings()
        guard let context = mapping("securityContext", in: owner, field: field) else { return settings }
        settings.node = ref(context)
        settings.runAsUser = int("runAsUser", in: context, field: field + ".runAsUser")
        settings.runAsGroup = int("runAsGroup", in: context, field: field + ".runAsGroup")
        settings.runAsNonRoot = bool("runAsNonRoot", in: context, field: field + ".runAsNonRoot")
        settings.seccompProfile = securityProfile("seccompProfile", in: context, field: field + ".seccompProfile")
        settings.appArmorProfile = securityProfile("appArmorProfile", in: context, field: field + ".appArmorProfile")
        settings.seLinuxOptions = seLinuxOptions(in: context, field: field + ".seLinuxOptions")
        if let windows = mapping("windowsOptions", in: context, field: field + ".windowsOptions") {
            settings.windowsHostProcess = bool("hostProcess", in: windows, field: field + ".windowsOptions.hostProcess")
        }
        switch level {
        case .container:
            settings.privileged = bool("privileged", in: context, field: field + ".privileged")
            settings.allowPrivilegeEscalation = bool(
                "allowPrivilegeEscalation", in: context, field: field + ".allowPrivilegeEscalation")
            settings.readOnlyRootFilesystem = bool(
                "readOnlyRootFilesystem", in: context, field: field + ".readOnlyRootFilesystem")
            settings.procMount = string("procMount", in: context, field: field + ".procMount")
            readCapabilities(in: context, field: field + ".capabilities", into: &settings)
        case .pod:
            settings.fsGroup = int("fsGroup", in: context, field: field + ".fsGroup")
            if let groups = sequence("supplementalGroups", in: context, field: field + ".supplementalGroups") {
                for (index, item) in groups.items.enumerated() {
                    if let group = int(item, field: field + ".supplementalGroups[\(index)]") {
                        settings.supplementalGroups.append(group)
                    }
                }
            }
            settings.sysctls = sysctls(in: context, field: field + ".sysctls")
        }
        let misplaced = level.other.ownFields
        for (name, entry) in namedEntries(of: context) where misplaced.contains(name) {
            let place = level == .pod ? "a container" : "the pod"
            report(.warning, at: entry.key, "\(name) belongs in \(place) securityContext; here Kubernetes ignores it")
        }
        return settings
    }

    private mutating func readCapabilities(in context: NodeID, field: String, into settings: inout SecurityContextSettings) {
        guard let capabilities = mapping("capabilities", in: context, field: field) else { return }
        settings.capabilitiesNode = ref(capabilities)
        if let add = sequence("add", in: capabilities, field: field + ".add") {
            settings.capabilitiesAddNode = ref(add.node)
            settings.capabilitiesAdd = add.items.enumerated().compactMap { index, item in
                string(item, field: field + ".add[\(index)]")
            }
        }
        if let drop = sequence("drop", in: capabilities, field: field + ".drop") {
            settings.capabilitiesDropNode = ref(drop.node)
            settings.capabilitiesDrop = drop.items.enumerated().compactMap { index, item in
                string(item, field: field + ".drop[\(index)]")
            }
        }
    }

    /// A `seccompProfile` or `appArmorProfile`; the node is its `type` value.
    private mutating func securityProfile(_ key: String, in context: NodeID, field: String) -> Sourced<SecurityProfile>? {
        guard let profile = mapping(key, in: context, field: field) else { return nil }
        let localhost = string("localhostProfile", in: profile, field: field + ".localhostProfile")?.value
        guard let type = string("type", in: profile, field: field + ".type") else {
            report(.warning, at: profile, "\(field) has no type")
            return Sourced(SecurityProfile(kind: .other, profile: localhost), ref(profile))
        }
        let value: SecurityProfile
        switch type.value {
        case "RuntimeDefault": value = SecurityProfile(kind: .runtimeDefault)
        case "Unconfined": value = SecurityProfile(kind: .unconfined)
        case "Localhost": value = SecurityProfile(kind: .localhost, profile: localhost)
        default: value = SecurityProfile(kind: .other, profile: type.value)
        }
        return Sourced(value, type.node)
    }

    private mutating func seLinuxOptions(in context: NodeID, field: String) -> Sourced<SELinuxSettings>? {
        guard let options = mapping("seLinuxOptions", in: context, field: field) else { return nil }
        let settings = SELinuxSettings(
            user: string("user", in: options, field: field + ".user")?.value,
            role: string("role", in: options, field: field + ".role")?.value,
            type: string("type", in: options, field: field + ".type")?.value,
            level: string("level", in: options, field: field + ".level")?.value)
        return Sourced(settings, ref(options))
    }

    private mutating func sysctls(in context: NodeID, field: String) -> [Sourced<Sysctl>] {
        guard let list = mappingItems("sysctls", in: context, field: field) else { return [] }
        var result: [Sourced<Sysctl>] = []
        for (index, item) in list.items.enumerated() {
            guard let name = string("name", in: item, field: "\(field)[\(index)].name") else {
                report(.warning, at: item, "\(field)[\(index)] has no name")
                continue
            }
            let value = string("value", in: item, field: "\(field)[\(index)].value")?.value ?? ""
            result.append(Sourced(Sysctl(name: name.value, value: value), ref(item)))
        }
        return result
    }
}
