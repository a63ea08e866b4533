/// A Kubernetes pod volume of a type outside the restricted set.
///
/// The allowed types are those of `check_restrictedVolumes.go`: configMap, csi, downwardAPI,
/// emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret. `image` was added to
/// the single (v1.0) version of that check, so it is allowed at every pinned policy version, as
/// current admission controllers do. hostPath volumes, which the restricted level forbids too, are
/// left to `bind-mount`, `sensitive-host-path` and `runtime-socket` (baseline), so that each is
/// reported once.
public struct VolumeTypesRule: Rule {
    public init() {}

    static let allowed: Set<String> = [
        "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected",
        "secret",
    ]

    public static let description = RuleDescription(
        id: "volume-types",
        title: "Volume type outside the restricted set",
        rationale: """
            Volume types other than the core, namespaced ones (hostPath, nfs, iscsi, rbd, cephfs, gitRepo …) reach \
            outside the pod: they mount host paths, talk to storage systems with the node's credentials, or run \
            code on the node (gitRepo). Storage should come through persistent volume claims, which the cluster \
            administrator controls.
            """,
        remediation: """
            Use a persistentVolumeClaim (or a CSI or ephemeral volume) instead, or a configMap, secret, \
            downwardAPI, projected, image or emptyDir volume.
            """,
        severity: .medium,
        family: .hostIsolation,
        references: [.pss(.restricted, "Volume Types")],
        formats: [.kubernetes],
        examples: [
            .triggering(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: legacy
                spec:
                  containers:
                  - name: app
                    image: example/app:2.3
                    volumeMounts:
                    - name: shared
                      mountPath: /shared
                  volumes:
                  - ↓name: shared
                    nfs:
                      server: nfs.internal
                      path: /exports/shared
                  - ↓name: repo
                    gitRepo:
                      repository: https://example.com/site.git
                """),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: app
                spec:
                  containers:
                  - name: app
                    image: example/app:2.3
                  volumes:
                  - name: config
                    configMap:
                      name: app-config
                  - name: creds
                    secret:
                      secretName: app-creds
                  - name: data
                    persistentVolumeClaim:
                      claimName: app-data
                  - name: scratch
                    emptyDir: {}
                  - name: token
                    projected:
                      sources:
                      - serviceAccountToken:
                          path: token
                  - name: info
                    downwardAPI:
                      items:
                      - path: labels
                        fieldRef:
                          fieldPath: metadata.labels
                  - name: tools
                    image:
                      reference: example/tools:1.0
                  - name: cache
                    ephemeral:
                      volumeClaimTemplate:
                        spec:
                          accessModes: [ReadWriteOnce]
                          resources:
                            requests:
                              storage: 1Gi
                  - name: secrets-store
                    csi:
                      driver: secrets-store.csi.k8s.io
                """),
        ])

    public func checkKubernetes(_ workload: Workload, context: RuleContext) -> [Finding] {
        guard let details = workload.kubernetes else { return [] }
        let who = FindingTarget(workload).displayName
        return details.volumes.compactMap { volume in
            let type = volume.kind.name
            guard !Self.allowed.contains(type), volume.kind != .hostPath else { return nil }
            return context.finding(
                "\(who) uses a \(type) volume (\"\(volume.name)\"), which Pod Security Standards restricted does not allow; use a persistentVolumeClaim instead",
                at: volume.node, in: workload, setting: "volumes.\(volume.name)")
        }
    }
}
