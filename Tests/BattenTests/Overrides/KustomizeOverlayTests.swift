import BattenYAML
import Foundation
import Testing

@testable import Batten

/// One Kubernetes input to make an overlay for.
struct KustomizeOverlayCase: Sendable, CustomTestStringConvertible {
    var name: String
    var paths: [String]
    /// Standard input's bytes when `paths` holds `-`.
    var standardInput: [UInt8] = []

    var testDescription: String { name }

    static let all: [KustomizeOverlayCase] = {
        let samples = ["webapp", "hardened", "helm-rendered"].map { sample in
            KustomizeOverlayCase(
                name: "sample \(sample)",
                paths: [OverrideTestSupport.packageRoot.appendingPathComponent("Samples/kubernetes/\(sample)").path])
        }
        let mixed = KustomizeOverlayCase(
            name: "fixture k8s-mixed", paths: [OverrideTestSupport.fixtureRoot.appendingPathComponent("k8s-mixed").path])
        let rendered = OverrideTestSupport.packageRoot.appendingPathComponent("Samples/kubernetes/helm-rendered/rendered.yaml").path
        let stdin = KustomizeOverlayCase(
            name: "helm output on standard input", paths: ["-"],
            standardInput: FileManager.default.contents(atPath: rendered).map { [UInt8]($0) } ?? [])
        return samples + [mixed, stdin]
    }()
}

/// `batten override --kustomize DIR`: the overlay builds with the real `kubectl kustomize`, its
/// output audits without the findings the patches fix, patches apply as Batten's verification
/// assumes, and every other object passes through untouched.
@Suite("Kustomize overlay")
struct KustomizeOverlayTests {
    static let kubectl = Kubectl.locate()

    struct Generated {
        var directory: URL
        var overlay: KustomizeOverlay
        var before: AnalysisResult
    }

    static func generate(
        _ testCase: KustomizeOverlayCase, directory overlayDirectory: String? = nil, selection: FixSelection = FixSelection(upTo: .known)
    ) throws -> Generated {
        let directory = try TemporaryDirectory.make("overlay")
        let target = overlayDirectory ?? directory.appendingPathComponent("overlay").path
        let generator = KustomizeOverlayGenerator(
            policy: try OverrideTestSupport.productionPolicy(), selection: selection, today: OverrideTestSupport.today)
        let request = AnalysisRequest(paths: testCase.paths, stdinName: "rendered.yaml", environment: OverrideTestSupport.environment())
        let before = generator.analyse(request) { testCase.standardInput }
        let overlay = try generator.generate(before, request: request, directory: target, command: "batten override --kustomize overlay").get()
        for file in overlay.files {
            try FileManager.default.createDirectory(
                atPath: URL(fileURLWithPath: file.path).deletingLastPathComponent().path, withIntermediateDirectories: true)
            try AtomicFileWriter.write(file.bytes, to: file.path)
        }
        return Generated(directory: directory, overlay: overlay, before: before)
    }

    @Test("the overlay is verified and laid out for kustomize", arguments: KustomizeOverlayCase.all)
    func overlayLayout(_ testCase: KustomizeOverlayCase) throws {
        let generated = try Self.generate(testCase)
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        let overlay = generated.overlay
        let kustomization = try #require(overlay.files.first)
        #expect(kustomization.path.hasSuffix("/kustomization.yaml"))
        #expect(OverrideHeader.isGenerated(kustomization.bytes))
        let document = try #require(YAMLParser.parse(SourceFile(path: "k.yaml", bytes: kustomization.bytes)).documents.first)
        let value = try #require(document.root.map { document.value($0) })
        #expect(value["kind"] == .string("Kustomization"))
        let references =
            (value["resources"]?.items ?? []).compactMap(\.scalarText)
            + (value["patches"]?.items ?? []).compactMap { $0["path"]?.scalarText }
        for reference in references {
            #expect(!reference.hasPrefix("../") && !reference.hasPrefix("/"), "\(reference) is outside the overlay")
            #expect(FileManager.default.fileExists(atPath: overlay.directory + "/" + reference), "\(reference) is missing")
        }
        for file in overlay.files where file.path.contains("/resources/") {
            let original = generated.before.loaded.sources.values.contains {
                KustomizeSecretGenerator.redacted($0.bytes, path: $0.path, fixed: overlay.fixed) == file.bytes
            }
            #expect(original, "\(file.path) must be a byte-for-byte copy of an input (its moved secrets blank)")
        }
        let unfixedLine = String(decoding: kustomization.bytes, as: UTF8.self).split(separator: "\n")
            .first { $0.hasPrefix("# Not fixed here: ") }
        if overlay.remaining.isEmpty {
            #expect(unfixedLine == nil)
        } else {
            let count = overlay.remaining.count
            #expect(unfixedLine?.hasPrefix("# Not fixed here: \(count) finding\(count == 1 ? "" : "s") ") == true, "\(unfixedLine ?? "no count")")
        }
        let again = try Self.generate(testCase)
        defer { try? FileManager.default.removeItem(at: again.directory) }
        func normalized(_ overlay: KustomizeOverlay) -> [String] {
            overlay.files.map { ($0.path + "\n" + String(decoding: $0.bytes, as: UTF8.self)).replacingOccurrences(of: overlay.directory, with: "DIR") }
        }
        let same = normalized(again.overlay) == normalized(overlay)
        #expect(same, "the same input must give the same overlay")
    }

    @Test(
        "kubectl kustomize builds the overlay and its output audits without the fixed findings",
        .enabled(if: kubectl != nil || OverrideTestSupport.isCI, "kubectl not found: install it or set BATTEN_KUBECTL"),
        arguments: KustomizeOverlayCase.all)
    func kustomizeBuilds(_ testCase: KustomizeOverlayCase) throws {
        guard let kubectl = Self.kubectl else {
            Issue.record("kubectl not found (CI=true): install it or set BATTEN_KUBECTL")
            return
        }
        let generated = try Self.generate(testCase)
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        let overlay = generated.overlay
        let output = Array(try kubectl.kustomize(overlay.directory).utf8)

        let policy = try OverrideTestSupport.productionPolicy()
        let after = Analyzer(policy: policy, today: OverrideTestSupport.today)
            .run(AnalysisRequest(paths: ["-"], environment: OverrideTestSupport.environment())) { output }
        #expect(!after.loaded.hasErrors, "\(after.diagnostics.map(\.description))")
        var remaining: [String: [Finding]] = [:]
        for finding in after.activeFindings { remaining[OverrideTestSupport.identity(finding), default: []].append(finding) }
        for finding in overlay.fixed {
            let left = (remaining[OverrideTestSupport.identity(finding)] ?? []).filter { $0.severity >= finding.severity && $0.fix != nil }
            #expect(left.isEmpty, "\(testCase.name): still reported: \(finding.ruleID) \(finding.message)")
        }
        let before = Set(generated.before.activeFindings.map(OverrideTestSupport.identity))
        let new = after.activeFindings.filter { !before.contains(OverrideTestSupport.identity($0)) }
        #expect(new.isEmpty, "\(testCase.name): new findings \(new.map(\.message))")
        let skipped = Set(overlay.skipped.map { OverrideTestSupport.identity($0.finding) })
        let fixable = after.activeFindings.filter {
            FixSelection(upTo: .known).admits($0) && !skipped.contains(OverrideTestSupport.identity($0))
        }
        #expect(fixable.isEmpty, "\(testCase.name): left with a fix: \(fixable.map(\.message))")

        // Objects: patched ones as Batten's strategic merge simulation says, the rest untouched.
        var inputs: [String: YAMLValue] = [:]
        for path in generated.before.loaded.kubernetesFiles.map(\.path) {
            let bytes = try #require(generated.before.loaded.sources[path]).bytes
            inputs.merge(OverrideTestSupport.objects(bytes, path: path)) { first, _ in first }
        }
        var patches: [String: YAMLValue] = [:]
        for file in overlay.files where file.path.contains("/patches/") {
            for (key, value) in OverrideTestSupport.objects(file.bytes, path: file.path) { patches[key] = value }
        }
        // The Secrets of the secretGenerator come on top, and the references to them carry
        // kustomize's name suffix.
        let kustomizationFile = try #require(overlay.files.first)
        let kustomization = try #require(OverrideTestSupport.objects(kustomizationFile.bytes).values.first)
        let generatedSecrets = KustomizeGeneratedSecrets(output: OverrideTestSupport.objects(output), kustomization: kustomization)
        for generator in generatedSecrets.generators {
            let secret = try #require(generatedSecrets.secrets[generator], "\(testCase.name): no Secret generated for \(generator.name)")
            let keys = try generator.envs.flatMap { env in
                try String(contentsOfFile: overlay.directory + "/" + env, encoding: .utf8).split(separator: "\n")
                    .filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) }
            }
            let data = secret["data"]?.entries ?? []
            #expect(Set(data.compactMap(\.key.scalarText)) == Set(keys), "\(testCase.name): \(generator.name) has other keys")
            #expect(data.allSatisfy { ($0.value.scalarText ?? "") == "" }, "\(testCase.name): \(generator.name) holds a value")
        }
        let built = generatedSecrets.objects
        #expect(Set(built.keys) == Set(inputs.keys), "\(testCase.name): kustomize output has other objects")
        for (key, input) in inputs {
            guard let raw = built[key] else { continue }
            let unsuffixed = generatedSecrets.unsuffixedReferences(in: raw)
            #expect(unsuffixed.isEmpty, "\(testCase.name): \(key) refers to \(unsuffixed) without kustomize's suffix")
            let result = generatedSecrets.restoringNames(raw)
            let expected = patches[key].map { StrategicMergePatch.apply($0, to: input) } ?? input
            let difference = YAMLValueDifference.firstDifference(
                OverrideTestSupport.orderingMergedLists(expected), OverrideTestSupport.orderingMergedLists(result))
            #expect(difference == nil, "\(testCase.name): \(key) differs at \(difference ?? "")")
        }
    }

    @Test("inputs inside the overlay directory are referenced where they are, not copied")
    func inputsInsideTheDirectory() throws {
        let root = try TemporaryDirectory.make("overlay-inside")
        defer { try? FileManager.default.removeItem(at: root) }
        let manifests = root.appendingPathComponent("manifests")
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        let source = OverrideTestSupport.packageRoot.appendingPathComponent("Samples/kubernetes/hardened/api.yaml")
        try FileManager.default.copyItem(at: source, to: manifests.appendingPathComponent("api.yaml"))
        let other = OverrideTestSupport.fixtureRoot.appendingPathComponent("k8s-mixed/workloads.yaml")
        try FileManager.default.copyItem(at: other, to: manifests.appendingPathComponent("workloads.yaml"))
        let testCase = KustomizeOverlayCase(name: "inside", paths: [manifests.path])
        let generated = try Self.generate(testCase, directory: root.path)
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        let kustomization = String(decoding: try #require(generated.overlay.files.first).bytes, as: UTF8.self)
        #expect(kustomization.contains("- manifests/api.yaml"))
        #expect(kustomization.contains("- manifests/workloads.yaml"))
        #expect(!generated.overlay.files.contains { $0.path.contains("/resources/") })
        #expect(!kustomization.contains("byte-for-byte copies"))
        if let kubectl = Self.kubectl {
            #expect(throws: Never.self) { _ = try kubectl.kustomize(root.path) }
        }
    }

    @Test("Compose input is refused with --kustomize")
    func refusesCompose() throws {
        let testCase = KustomizeOverlayCase(
            name: "compose", paths: [OverrideTestSupport.packageRoot.appendingPathComponent("Samples/compose/webapp").path])
        #expect(throws: OverrideRefusal.self) { _ = try Self.generate(testCase) }
    }

    @Test("a misspelt key is renamed with a null in the patch; a later round fixes what a fix made fixable")
    func mixedFixturePatches() throws {
        let testCase = try #require(KustomizeOverlayCase.all.first { $0.name == "fixture k8s-mixed" })
        let generated = try Self.generate(testCase, selection: FixSelection(upTo: .decision))
        defer { try? FileManager.default.removeItem(at: generated.directory) }
        let pod = try #require(generated.overlay.files.first { $0.path.hasSuffix("patches/pod-tools-standalone.yaml") })
        let text = String(decoding: pod.bytes, as: UTF8.self)
        #expect(text.contains("readOnlyRootFileSystem: null"))
        #expect(text.contains("  annotations: null\n"), "the deprecated AppArmor annotation is replaced by the field")
        #expect(text.contains("appArmorProfile:\n        type: RuntimeDefault"))
        #expect(generated.overlay.fixed.contains { $0.ruleID == "privilege-escalation" && $0.target.name == "nightly" })
        #expect(!generated.overlay.files.contains { $0.path.contains("widget") }, "custom resources get no patch")
    }
}
