import BattenYAML
import Foundation

/// A verified kustomize overlay: `kustomization.yaml`, one strategic-merge patch per workload that
/// changes, and copies of the inputs that lie outside the overlay directory.
public struct KustomizeOverlay: Sendable {
    public struct File: Sendable, Hashable {
        /// The path to write: the overlay directory joined with the file's place in it.
        public var path: String
        public var bytes: [UInt8]
        /// A file the user fills (a Secret's env file): once edited, it is kept as it is.
        public var keepsEdits = false
    }

    /// The overlay directory, as given.
    public var directory: String
    /// `kustomization.yaml` first, then the patches, then the copied inputs, then the Secrets' env files.
    public var files: [File]
    /// The findings the overlay fixes, in report order.
    public var fixed: [Finding]
    /// Chosen findings whose fix no overlay can carry; any other chosen fix left out refuses the
    /// overlay (``OverrideRefusal/uncarried(_:)``).
    public var skipped: [SkippedFix]
    /// The findings still reported with the overlay (unsuppressed), in report order.
    public var remaining: [Finding]
}

/// Generates `batten override --kustomize DIR` for Kubernetes manifests.
///
/// kustomize refuses to load a file outside the overlay directory unless it runs with
/// `--load-restrictor LoadRestrictionsNone`, so inputs outside the directory are copied byte for
/// byte into `resources/` (standard input too), except the plaintext secrets the overlay moves to a
/// generated Secret, whose values the copy holds as `""`: `kubectl kustomize DIR` and `kubectl apply -k DIR`
/// work as they are. Inputs inside the directory are referenced where they are. Run the command
/// again when the inputs change.
///
/// A kustomization given as input is not copied: the overlay builds on it where it is and is
/// checked by building it with the kustomize tool (``KustomizeRenderedOverlay``). One overlay builds
/// on kustomizations or on loose manifests, not both.
public struct KustomizeOverlayGenerator: Sendable {
    /// The policy the manifests are audited under; its rule parameters decide the values fixes set.
    public var policy: ResolvedPolicy
    /// Which fixes to carry; fixes that need review are included unless restricted.
    public var selection: FixSelection
    /// Today as `YYYY-MM-DD`, for policy exemption expiry.
    public var today: String

    public init(policy: ResolvedPolicy, selection: FixSelection = FixSelection(upTo: .known), today: String = Auditor.todayUTC()) {
        self.policy = policy
        self.selection = selection
        self.today = today
    }

    /// Analyses the input as `batten audit` does.
    public func analyse(_ request: AnalysisRequest, readStandardInput: () -> [UInt8] = InputCollector.readStandardInput) -> AnalysisResult {
        Analyzer(policy: policy, today: today).run(request, readStandardInput: readStandardInput)
    }

    /// The overlay for `result` in `directory`, verified. `command` is the command line named in the headers.
    public func generate(_ analysed: AnalysisResult, request: AnalysisRequest, directory: String, command: String)
        -> Result<KustomizeOverlay, OverrideRefusal>
    {
        let result = KustomizeSecretGenerator.promoted(analysed)
        if let error = result.diagnostics.first(where: { $0.level == .error }) {
            return .failure(OverrideRefusal("the input does not load; fix this first: \(error.description)"))
        }
        if result.workloads.contains(where: { $0.format == .compose }) || !result.loaded.composeProjects.isEmpty {
            return .failure(OverrideRefusal("--kustomize is for Kubernetes manifests; for Compose, run `batten override` without it"))
        }
        let inputs = result.loaded.kubernetesFiles.map(\.path)
        guard !inputs.isEmpty else { return .failure(OverrideRefusal("no Kubernetes manifest in the input")) }
        if let duplicate = duplicateObject(in: result.workloads) {
            return .failure(OverrideRefusal("\(duplicate) is defined twice; kustomize refuses repeated objects"))
        }
        // A kustomization is built on where it is (`resources: [../path/to/it]`) and the overlay is
        // checked by building it with the kustomize tool; loose manifests are copied or referenced
        // and checked by Batten's loader. One overlay does one or the other.
        let kustomizations = inputs.filter { result.loaded.kustomizations[$0] != nil }
        if !kustomizations.isEmpty && kustomizations.count != inputs.count {
            let loose = inputs.filter { result.loaded.kustomizations[$0] == nil }
            return .failure(
                OverrideRefusal(
                    "--kustomize builds either on kustomizations (\(kustomizations.joined(separator: ", "))) or on loose manifests "
                        + "(\(loose.joined(separator: ", "))), not both in one overlay; run it once for each"))
        }
        let rendered =
            kustomizations.isEmpty
            ? nil
            : KustomizeRenderedOverlay(
                directory: directory, kustomizations: kustomizations, policy: policy, today: today)
        if let refusal = rendered?.placementRefusal() { return .failure(refusal) }

        var builder = KustomizeOverlayBuilder(selection: selection)
        if rendered != nil { builder.workloadKey = KustomizeRenderedOverlay.workloadKey }
        let renderedResources = rendered?.resources().map { (reference: $0.reference, copy: $0.copy, blanked: false) } ?? []
        var plan = builder.plan(result)
        let verifier = KustomizeOverlayVerifier(policy: policy, today: today)
        var remaining: [Finding] = []
        for round in 1...ComposeOverrideGenerator.rounds {
            let verified: Result<AnalysisResult, OverrideRefusal>
            if let rendered {
                switch files(
                    plan: plan, resources: renderedResources, directory: directory, command: command, inputs: inputs, remaining: 0,
                    result: result)
                {
                case .failure(let refusal): return .failure(refusal)
                case .success(let files):
                    verified = rendered.verify(plan, files: files, original: result, request: request, verifier: verifier)
                }
            } else {
                verified = verifier.verify(plan, original: result, request: request)
            }
            switch verified {
            case .failure(let refusal):
                return .failure(refusal)
            case .success(let after):
                remaining = after.activeFindings.sorted(by: Finding.reportOrder)
                if round < ComposeOverrideGenerator.rounds, builder.extend(&plan, with: after) { continue }
            }
            break
        }

        if let refusal = OverrideRefusal.uncarried(plan.skipped) { return .failure(refusal) }
        // Copies of loose manifests hold the secrets the overlay moves as `""`.
        let resources =
            rendered != nil
            ? renderedResources
            : self.resources(inputs, result: result, request: request, directory: directory).map { resource in
                let copy = resource.copy.map { KustomizeSecretGenerator.redacted($0, path: resource.path, fixed: plan.fixed) }
                return (reference: resource.reference, copy: copy, blanked: copy != resource.copy)
            }
        switch files(plan: plan, resources: resources, directory: directory, command: command, inputs: inputs, remaining: remaining.count, result: result) {
        case .failure(let refusal):
            return .failure(refusal)
        case .success(let files):
            return .success(
                KustomizeOverlay(
                    directory: directory, files: files, fixed: plan.fixed, skipped: plan.skipped, remaining: remaining))
        }
    }

    /// The overlay's files: `kustomization.yaml`, the patches, the generated Secrets' env files, the copied inputs.
    private func files(
        plan: KustomizeOverlayBuilder.Plan, resources: [(reference: String, copy: [UInt8]?, blanked: Bool)], directory: String,
        command: String, inputs: [String], remaining: Int, result: AnalysisResult
    ) -> Result<[KustomizeOverlay.File], OverrideRefusal> {
        var patchFiles: [KustomizeOverlay.File] = []
        var patchPaths: [String] = []
        var used = Set(resources.map(\.reference))
        for patch in plan.patches {
            guard let document = patch.document else { continue }
            let workload = patch.workload
            var name = "patches/" + OverridePaths.slug([workload.kind, workload.namespace ?? "", workload.name]) + ".yaml"
            var counter = 2
            while used.contains(name) {
                name = "patches/" + OverridePaths.slug([workload.kind, workload.namespace ?? "", workload.name, String(counter)]) + ".yaml"
                counter += 1
            }
            used.insert(name)
            let header = OverrideHeader(lines: [
                OverrideHeader.generatedLine(command: command),
                "Hardening patch for \(workload.displayName) of \(workload.path), policy \(OverrideHeader.policyName(policy)).",
                "Fixes: " + Set(patch.fixed.map(\.ruleID)).sorted().joined(separator: ", "),
            ])
            guard let body = try? YAMLEmitter.emit(document) else {
                return .failure(OverrideRefusal("the patch of \(workload.displayName) cannot be written as YAML"))
            }
            patchPaths.append(name)
            patchFiles.append(KustomizeOverlay.File(path: ComposePaths.join(directory, name), bytes: Array((header.render() + body).utf8)))
        }

        var kustomization: [(String, YAMLValue)] = [
            ("apiVersion", .string("kustomize.config.k8s.io/v1beta1")), ("kind", .string("Kustomization")),
            ("resources", .sequence(resources.map { .string($0.reference) })),
        ]
        if !patchPaths.isEmpty {
            kustomization.append(("patches", .sequence(patchPaths.map { .mapping([("path", .string($0))]) })))
        }
        let secrets = KustomizeSecretGenerator(fixed: plan.fixed)
        if !secrets.secrets.isEmpty {
            kustomization.append(("secretGenerator", secrets.entries))
        }
        guard let body = try? YAMLEmitter.emit(.mapping(kustomization)) else {
            return .failure(OverrideRefusal("kustomization.yaml cannot be written as YAML"))
        }
        let header = self.header(
            inputs: inputs, directory: directory, command: command, plan: plan, copied: resources.contains { $0.copy != nil },
            blanked: resources.contains { $0.blanked },
            unfixed: remaining, decisions: result.findings, secrets: secrets)
        var files = [KustomizeOverlay.File(path: ComposePaths.join(directory, "kustomization.yaml"), bytes: Array((header.render() + body).utf8))]
        files += patchFiles
        files += resources.compactMap { resource in
            resource.copy.map { KustomizeOverlay.File(path: ComposePaths.join(directory, resource.reference), bytes: $0) }
        }
        files += secrets.secrets.map { secret in
            KustomizeOverlay.File(
                path: ComposePaths.join(directory, secret.file), bytes: KustomizeSecretGenerator.envFile(secret), keepsEdits: true)
        }
        return .success(files)
    }

    /// How `kustomization.yaml` names each input, with the bytes to copy for inputs outside `directory`.
    private func resources(_ inputs: [String], result: AnalysisResult, request: AnalysisRequest, directory: String)
        -> [(reference: String, copy: [UInt8]?, path: String)]
    {
        let root = FileReader.absolute(directory)
        let readsStandardInput = request.paths.contains("-")
        let outside = inputs.filter { path in
            !(readsStandardInput && path == request.stdinName) && !OverridePaths.isInside(FileReader.absolute(path), root)
        }
        let base = OverridePaths.commonDirectory(outside.map(FileReader.absolute))
        var used = Set<String>()
        return inputs.map { path in
            let bytes = result.loaded.sources[path]?.bytes ?? []
            var reference: String
            var copy: [UInt8]? = bytes
            if readsStandardInput && path == request.stdinName {
                var name = OverridePaths.slug([ComposePaths.fileName(path == "-" ? "stdin" : path)])
                if !name.hasSuffix(".yaml") && !name.hasSuffix(".yml") { name += ".yaml" }
                reference = "resources/" + name
            } else if OverridePaths.isInside(FileReader.absolute(path), root) {
                reference = OverridePaths.relative(from: root, to: FileReader.absolute(path))
                copy = nil
            } else {
                reference = "resources/" + OverridePaths.relative(from: base, to: FileReader.absolute(path))
            }
            let stem = reference
            var counter = 2
            while !used.insert(reference).inserted {
                reference = stem.replacingLastExtension(with: "-\(counter)")
                counter += 1
            }
            return (reference, copy, path)
        }
    }

    private func duplicateObject(in workloads: [Workload]) -> String? {
        var seen = Set<String>()
        for workload in workloads {
            let group = KubernetesKinds.group(of: workload.kubernetes?.apiVersion ?? "")
            let key = "\(group)/\(workload.kind)/\(workload.namespace ?? "")/\(workload.name)"
            if !seen.insert(key).inserted { return workload.displayName }
        }
        return nil
    }

    private func header(
        inputs: [String], directory: String, command: String, plan: KustomizeOverlayBuilder.Plan, copied: Bool, blanked: Bool, unfixed: Int,
        decisions: [Finding], secrets: KustomizeSecretGenerator
    ) -> OverrideHeader {
        var lines = [
            OverrideHeader.generatedLine(command: command),
            "Kustomize overlay that hardens the Kubernetes manifests, policy \(OverrideHeader.policyName(policy)).",
            "Inputs: " + inputs.joined(separator: ", "),
            "Build it: kubectl kustomize \(OverrideHeader.quoted(directory)) (or apply it: kubectl apply -k \(OverrideHeader.quoted(directory)))",
        ]
        if copied {
            lines.append("resources/ holds byte-for-byte copies of the inputs: kustomize loads nothing from outside this directory")
            lines.append("(unless run with --load-restrictor LoadRestrictionsNone). Run the command again when the inputs change.")
            if blanked { lines.append("The copies hold \"\" for the plaintext secrets that move to a generated Secret.") }
        }
        lines.append(OverrideHeader.fixesLine(plan.fixed.count, selection: selection))
        lines += OverrideHeader.fixedLines(plan.fixed) { finding in
            var workload = finding.target
            workload.container = nil
            return workload.displayName
        }
        lines += secrets.headerLines
        if unfixed > 0 {
            lines.append("Not fixed here: \(OverrideHeader.count(unfixed, "finding")) (`batten audit` on `kubectl kustomize` output lists them).")
        }
        lines += OverrideHeader.decisionLines(decisions, selection: selection)
        return OverrideHeader(lines: lines)
    }
}

extension String {
    /// The path with `suffix` inserted before its extension (`a/b.yaml` → `a/b-2.yaml`).
    fileprivate func replacingLastExtension(with suffix: String) -> String {
        guard let dot = lastIndex(of: "."), !self[dot...].contains("/") else { return self + suffix }
        return String(self[..<dot]) + suffix + String(self[dot...])
    }
}
