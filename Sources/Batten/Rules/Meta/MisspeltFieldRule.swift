import BattenYAML

/// A key one edit away from a hardening key: the setting it was meant to make does nothing.
public struct MisspeltFieldRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "misspelt-field",
        title: "Misspelt hardening key",
        rationale: """
            A hardening setting under a misspelt key does nothing: `readOnlyRootFileSystem: true` or \
            `runAsNonroot: true` is dropped by tools that do not validate strictly, and `read-only: true` \
            or `cap-drop` makes Compose refuse the file — either way the author believes the container is \
            hardened while it is not. Reported: a key that is not valid where it stands and that equals a \
            hardening key up to case, `-` and `_`, or is one edit away from one — Compose service keys, \
            `deploy.resources`, `healthcheck`; Kubernetes pod spec, container, `securityContext`, \
            `capabilities` and `resources` keys. Extension keys (`x-…`) are never reported. A legacy per-container \
            AppArmor or seccomp annotation that names a container the pod does not have is as ineffective and reported \
            the same way.
            """,
        remediation: "Rename the key to the one the finding names; name one of the pod's containers in a per-container annotation.",
        severity: .medium,
        family: .meta,
        formats: [.compose, .kubernetes],
        fixKinds: [.safe],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    ↓read-only: true
                    ↓cap-drop: [ALL]
                    ↓security-opt:
                      - no-new-privileges:true
                    deploy:
                      resources:
                        limits:
                          ↓memroy: 256M
                    x-read-only: true
                """,
                corrected: """
                    services:
                      web:
                        image: nginx:1.27
                        read_only: true
                        cap_drop: [ALL]
                        security_opt:
                          - no-new-privileges:true
                        deploy:
                          resources:
                            limits:
                              memory: 256M
                        x-read-only: true
                    """),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                    read_only: true
                    ipc: private
                    user: "1000:1000"
                    x-batten:
                      ignore:
                        bind-mount: the configuration is mounted read-only on purpose
                """),
            .triggering(
                .kubernetes,
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      ↓hostPid: false
                      securityContext:
                        ↓runAsNonroot: true
                      containers:
                      - name: web
                        image: nginx:1.27
                        securityContext:
                          ↓readOnlyRootFileSystem: true
                          ↓allowPrivilegeEscalaton: false
                        resources:
                          limits:
                            ↓cpus: "1"
                """,
                corrected: """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                    spec:
                      selector:
                        matchLabels:
                          app: web
                      template:
                        metadata:
                          labels:
                            app: web
                        spec:
                          hostPID: false
                          securityContext:
                            runAsNonRoot: true
                          containers:
                          - name: web
                            image: nginx:1.27
                            securityContext:
                              readOnlyRootFilesystem: true
                              allowPrivilegeEscalation: false
                            resources:
                              limits:
                                cpu: "1"
                    """),
            .triggering(
                .kubernetes,
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    metadata:
                      annotations:
                        container.apparmor.security.beta.kubernetes.io/web: runtime/default
                        ↓container.apparmor.security.beta.kubernetes.io/sidecra: runtime/default
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.27
                      - name: sidecar
                        image: example/sidecar:1.0
                """, note: "The annotation names `sidecra`: the pod has `web` and `sidecar`, so the sidecar runs without the profile."),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  annotations:
                    container.apparmor.security.beta.kubernetes.io/web: runtime/default
                    container.seccomp.security.alpha.kubernetes.io/setup: runtime/default
                spec:
                  initContainers:
                  - name: setup
                    image: busybox:1.36
                  containers:
                  - name: web
                    image: nginx:1.27
                """),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  hostNetwork: false
                  securityContext:
                    runAsNonRoot: true
                    seccompProfile:
                      type: RuntimeDefault
                  containers:
                  - name: web
                    image: nginx:1.27
                    securityContext:
                      readOnlyRootFilesystem: true
                      capabilities:
                        drop: [ALL]
                    resources:
                      limits:
                        memory: 256Mi
                        nvidia.com/gpu: 1
                        hugepages-2Mi: 64Mi
                """),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        var seen = Set<String>()
        func report(_ misspelling: Misspelling, scope: Change.Scope, container: Container?, noun: String) {
            let identity = "\(container?.name ?? "")\u{1}\(misspelling.key.path)\u{1}\(misspelling.key.range.lowerBound)"
            guard seen.insert(identity).inserted else { return }
            let written = misspelling.path.joined(separator: ".")
            let name = FindingTarget(workload, container: container).displayName
            let change = Change(
                scope: scope, path: misspelling.path, operation: .renameKey(misspelling.correction),
                target: misspelling.base, existing: misspelling.key)
            findings.append(
                context.finding(
                    "\(name) has `\(written)`, which \(noun) does not know, so the setting does nothing; rename it to `\(misspelling.correction)`",
                    at: misspelling.key, in: workload, container: container, setting: "misspelt.\(written)",
                    fix: Fix(title: "Rename `\(misspelling.path.last ?? written)` to `\(misspelling.correction)`", kind: .safe, changes: [change])))
        }
        switch workload.format {
        case .compose:
            let definitions = workload.compose?.definitions ?? []
            for definition in definitions.isEmpty ? [workload.node] : definitions {
                for misspelling in Self.misspellings(in: definition, schema: .composeService) {
                    report(misspelling, scope: .service, container: workload.containers.first, noun: "Compose")
                }
            }
        case .kubernetes:
            for misspelling in Self.misspellings(in: workload.node, schema: .kubernetesPodSpec) {
                report(misspelling, scope: .pod, container: nil, noun: "Kubernetes")
            }
            for container in workload.containers {
                for misspelling in Self.misspellings(in: container.node, schema: .kubernetesContainer) {
                    report(misspelling, scope: .container(container.name), container: container, noun: "Kubernetes")
                }
            }
            for stray in ContainerAnnotationTargets.strays(in: workload) {
                findings.append(
                    context.finding(
                        ContainerAnnotationTargets.message(stray, in: workload), at: stray.key, in: workload,
                        setting: "annotations.\(stray.annotation)"))
            }
        }
        return findings
    }

    /// A misspelt key found below a scope's mapping.
    struct Misspelling {
        /// The scope's mapping.
        var base: NodeRef
        /// The keys from `base` to the misspelt key, as written.
        var path: [String]
        var key: NodeRef
        var correction: String
    }

    /// The misspelt keys of `mapping` and of the mappings below it that `schema` describes; below a
    /// misspelt key, the schema of the key it was meant to be applies.
    static func misspellings(in mapping: NodeRef, schema: MisspeltFieldSchema) -> [Misspelling] {
        var result: [Misspelling] = []
        var path: [String] = []
        collect(mapping.id, in: mapping.document, base: mapping, path: &path, schema: schema, depth: 0, into: &result)
        return result
    }

    /// `path` holds the keys from the base to `mapping` while the call runs.
    private static func collect(
        _ mapping: NodeID, in document: YAMLDocument, base: NodeRef, path: inout [String], schema: MisspeltFieldSchema,
        depth: Int, into result: inout [Misspelling]
    ) {
        guard depth < 8, document.kind(document.resolve(mapping)) == .mapping else { return }
        for entry in document.entries(of: mapping) {
            guard let name = entry.name else { continue }
            var meant = name
            if let correction = schema.correction(for: name) {
                result.append(Misspelling(base: base, path: path + [name], key: document.ref(entry.key), correction: correction))
                meant = correction
            }
            guard let child = schema.child(meant) else { continue }
            path.append(name)
            collect(
                document.resolve(entry.value), in: document, base: base, path: &path, schema: child,
                depth: depth + 1, into: &result)
            path.removeLast()
        }
    }
}
