import BattenYAML
import Foundation
import Testing

@testable import Batten

/// `batten fix --include review` of a pod with a `hostPort`, `hostNetwork: true` and an added
/// SYS_ADMIN: what Batten knows is removed, what it cannot know stays a decision until asked for.
struct KubernetesHostFixTests {
    static let rules: Set<String> = ["port-on-all-interfaces", "host-namespaces", "capabilities-added"]

    static func pod(image: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: db
        spec:
          hostNetwork: true  # kept as a decision
          containers:
          - name: db
            image: \(image)
            ports:
            - containerPort: 5432
              hostPort: 5432
            securityContext:
              capabilities:
                add: [SYS_ADMIN]

        """
    }

    @Test func reviewRemovesTheHostPortAndCapabilityOfAProfiledImage() throws {
        let fixed = try ExampleRunner.fix(Self.pod(image: "postgres:17.2"), format: .kubernetes, rules: Self.rules, upTo: .known)
        #expect(fixed.refusals.isEmpty, "\(fixed.refusals)")
        #expect(!fixed.text.contains("hostPort"))
        #expect(!fixed.text.contains("SYS_ADMIN"))
        #expect(fixed.text.contains("hostNetwork: true  # kept as a decision"), "\(fixed.text)")
    }

    @Test func decisionsRemoveAllThree() throws {
        let fixed = try ExampleRunner.fix(Self.pod(image: "example/db:1.0"), format: .kubernetes, rules: Self.rules, upTo: .decision)
        #expect(fixed.refusals.isEmpty, "\(fixed.refusals)")
        #expect(!fixed.text.contains("hostPort"))
        #expect(!fixed.text.contains("SYS_ADMIN"))
        #expect(fixed.text.contains("hostNetwork: false  # kept as a decision"), "\(fixed.text)")
        #expect(!fixed.stillTriggers)
    }

    @Test func reviewLeavesAnUnknownImageAlone() throws {
        let text = Self.pod(image: "example/db:1.0")
        let fixed = try ExampleRunner.fix(text, format: .kubernetes, rules: Self.rules, upTo: .known)
        #expect(fixed.text.contains("add: [SYS_ADMIN]"))
        #expect(fixed.text.contains("hostNetwork: true"))
        // 5432 is a well-known database port: other pods reach it through Services.
        #expect(!fixed.text.contains("hostPort"))
    }

    @Test func theKustomizeOverlayCarriesTheHostPortRemoval() throws {
        let directory = try TemporaryDirectory.make("hostport")
        defer { try? FileManager.default.removeItem(at: directory) }
        let manifest = directory.appendingPathComponent("pod.yaml")
        try Data(Self.pod(image: "postgres:17.2").utf8).write(to: manifest)
        let generator = KustomizeOverlayGenerator(
            policy: ResolvedPolicy.only(RuleRegistry.all), selection: FixSelection(upTo: .known, rules: Self.rules),
            today: OverrideTestSupport.today)
        let request = AnalysisRequest(paths: [manifest.path], environment: [:])
        let before = generator.analyse(request) { [] }
        let overlay = try generator.generate(
            before, request: request, directory: directory.appendingPathComponent("overlay").path, command: "test"
        ).get()
        let patch = try #require(overlay.files.first { $0.path.contains("/patches/") })
        let text = String(decoding: patch.bytes, as: UTF8.self)
        #expect(text.contains("- containerPort: 5432\n      hostPort: null"), "\(text)")
        #expect(text.contains("add: []"), "\(text)")
        #expect(!text.contains("hostNetwork"), "\(text)")
    }
}

/// kustomize applies a patch of a kind whose schema it does not know as a JSON merge patch, which
/// would replace the whole `containers` list: such workloads get no patch.
struct KustomizeCustomKindTests {
    @Test(arguments: ["argoproj.io/v1alpha1 Rollout", "apps.openshift.io/v1 DeploymentConfig", "apps.kruise.io/v1alpha1 CloneSet"])
    func aWorkloadOfACustomKindGetsNoPatch(_ type: String) throws {
        let parts = type.split(separator: " ")
        let directory = try TemporaryDirectory.make("custom-kind")
        defer { try? FileManager.default.removeItem(at: directory) }
        let manifest = directory.appendingPathComponent("rollout.yaml")
        try Data(
            """
            apiVersion: \(parts[0])
            kind: \(parts[1])
            metadata:
              name: api
            spec:
              template:
                spec:
                  containers:
                  - name: api
                    image: nginx:1.27

            """.utf8
        ).write(to: manifest)
        let generator = KustomizeOverlayGenerator(
            policy: ResolvedPolicy.only(RuleRegistry.all), selection: FixSelection(upTo: .known), today: OverrideTestSupport.today)
        let request = AnalysisRequest(paths: [manifest.path], environment: [:])
        let before = generator.analyse(request) { [] }
        #expect(before.workloads.count == 1)
        let overlay = try generator.generate(
            before, request: request, directory: directory.appendingPathComponent("overlay").path, command: "test"
        ).get()
        #expect(!overlay.files.contains { $0.path.contains("/patches/") })
        #expect(overlay.fixed.isEmpty)
        #expect(!overlay.remaining.isEmpty)
    }
}
