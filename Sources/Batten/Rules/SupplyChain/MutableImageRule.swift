/// An image reference that can point at different images over time.
public struct MutableImageRule: Rule {
    public init() {}

    static let requireDigest = RuleParameter<Bool>(
        name: "require-digest", default: false,
        summary: "Also report images pinned by tag only (at low severity).")

    public static let description = RuleDescription(
        id: "mutable-image",
        title: "Mutable image reference",
        rationale: """
            An image without a tag, or tagged `latest`, is whatever the registry serves at the next pull: \
            a rebuilt node runs different code than its neighbours, a rollback does not roll back, and a \
            compromised or typo-squatted upstream reaches production without a change in the manifest. A \
            version tag can still be moved; only a digest (`@sha256:…`) names exactly one image, which \
            stricter policies require (`require-digest`, reported at low severity). A malformed digest \
            (`@sha256:123456`) pins nothing and is reported as such. A registry port \
            (`registry:5000/app`) is not a tag. Compose services that build their image and never pull it \
            (`build` without `image`, or `pull_policy: build`) are skipped.
            """,
        remediation: "Pin a version tag (`nginx:1.27.2`) or, better, a digest (`nginx:1.27.2@sha256:…`), and update it on purpose.",
        severity: .medium,
        family: .supplyChain,
        references: [.cisDocker("5.28"), .url("https://kubernetes.io/docs/concepts/containers/images/")],
        formats: [.compose, .kubernetes],
        parameters: [requireDigest],
        examples: [
            .triggering(
                .compose,
                """
                services:
                  web:
                    ↓image: nginx
                  cache:
                    ↓image: redis:latest
                  app:
                    ↓image: registry.example.com:5000/team/app
                """),
            .triggering(
                .compose,
                """
                services:
                  web:
                    ↓image: nginx@sha256:123456
                  cache:
                    ↓image: redis:7.4@sha256:zz0c5a8f9e2d4c6b7a8e9f0d1c2b3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c
                  app:
                    ↓image: example/app@3b0c5a8f9e2d4c6b7a8e9f0d1c2b3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c
                """, note: "a malformed digest (too short, not hexadecimal, no algorithm) is reported as such, not as a missing tag"),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27
                  app:
                    image: registry.example.com:5000/team/app@sha256:3b0c5a8f9e2d4c6b7a8e9f0d1c2b3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c
                  builder:
                    build: ./builder
                """),
            .triggering(
                .compose,
                """
                services:
                  web:
                    ↓image: nginx:1.27
                """, parameters: [requireDigest.set(to: true)], note: "With `require-digest`, a tag alone is reported at low severity."),
            .passing(
                .compose,
                """
                services:
                  web:
                    image: nginx:1.27@sha256:3b0c5a8f9e2d4c6b7a8e9f0d1c2b3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c
                """, parameters: [requireDigest.set(to: true)]),
            .triggering(
                .kubernetes,
                """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: agent
                spec:
                  selector:
                    matchLabels:
                      app: agent
                  template:
                    metadata:
                      labels:
                        app: agent
                    spec:
                      initContainers:
                      - name: setup
                        ↓image: busybox
                      containers:
                      - name: agent
                        ↓image: example/agent:latest
                """),
            .passing(
                .kubernetes,
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27.2
                  - name: proxy
                    image: envoyproxy/envoy@sha256:3b0c5a8f9e2d4c6b7a8e9f0d1c2b3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c
                """),
        ])

    public func check(_ workload: Workload, context: RuleContext) -> [Finding] {
        if let service = workload.compose {
            let pullPolicy = service.merged["pull_policy"]?.scalar?.value.trimmingWhitespace.lowercased()
            if pullPolicy == "build" { return [] }
            if service.build != nil && service.merged["image"] == nil { return [] }
        }
        let requireDigest = context.value(of: Self.requireDigest)
        return workload.containers.compactMap { container in
            guard let image = container.image else { return nil }
            let text = image.value.trimmingWhitespace
            guard !text.isEmpty, !text.hasSuffix(":"), !text.hasSuffix("@") else { return nil }
            let reference = ImageReference(text)
            var name: String { FindingTarget(workload, container: container).displayName }
            if let problem = reference.digestProblem {
                return context.finding(
                    "\(name) uses image `\(text)` with a malformed digest (\(problem)): it pins nothing and "
                        + "the runtime rejects the reference; write the image's full digest (`@sha256:` and 64 hexadecimal digits)",
                    at: image.node, in: workload, container: container, setting: "image")
            }
            if reference.isMutable {
                let what =
                    reference.tag == nil
                    ? "image `\(text)` without a tag, which pulls `latest`"
                    : "image `\(text)`"
                return context.finding(
                    "\(name) uses \(what): what runs changes with every pull and cannot be audited; pin a version tag or a digest",
                    at: image.node, in: workload, container: container, setting: "image")
            }
            guard requireDigest, !reference.isPinnedByDigest else { return nil }
            return context.finding(
                "\(name) uses image `\(text)` without a digest: a tag can be moved to another image; pin it with @sha256:…",
                at: image.node, in: workload, container: container, setting: "image", severity: .low)
        }
    }
}
