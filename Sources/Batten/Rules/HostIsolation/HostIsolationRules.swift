/// The rules of this family, in the order `batten rules` lists them.
public enum HostIsolationRules {
    public static let all: [any Rule.Type] = [
        HostNamespacesRule.self,
        RuntimeSocketRule.self,
        SensitiveHostPathRule.self,
        MountPropagationRule.self,
        HostDevicesRule.self,
        PortOnAllInterfacesRule.self,
        UnauthenticatedServiceRule.self,
        UnsafeSysctlsRule.self,
        ProcMountUnmaskedRule.self,
        WindowsHostProcessRule.self,
        AutomountServiceAccountTokenRule.self,
        CgroupParentRule.self,
        VolumeTypesRule.self,
        ProbeHostRule.self,
    ]
}
