import BattenYAML

/// Checks a Compose override before it is written, with Batten's own loader: the project loaded with
/// the override after its files (the override's bytes are handed to the loader, nothing is written)
/// must load without errors, every service must mean exactly the merged service plus the intended
/// fixes, every finding the override claims to fix must be gone, and no new finding may appear.
struct ComposeOverrideVerifier {
    let policy: ResolvedPolicy
    let today: String

    /// Every finding reported with the override (suppressed ones marked) and the path resolver of the
    /// project loaded with it, or why the override is refused.
    ///
    /// A finding counts as fixed when it is gone, or when what is still reported about the same
    /// setting proposes no fix or is less severe (a bind mount made read-only stays reported as a low
    /// finding).
    func verify(
        _ plan: ComposeOverrideBuilder.Plan, bytes: [UInt8], at overridePath: String, options: ComposeProjectOptions,
        original: AnalysisResult, project: ComposeLoadResult, request: AnalysisRequest
    ) -> Result<(findings: [Finding], paths: ComposePathResolver), OverrideRefusal> {
        let stream = YAMLParser.parse(SourceFile(path: overridePath, bytes: bytes), limits: request.limits)
        if let error = stream.error {
            return .failure(OverrideRefusal("the generated override does not parse (\(error.fullMessage)); this is a Batten bug"))
        }
        var environment = request.environment
        for name in RequiredVariables.names(in: plan.document) where (project.environment[name] ?? "").isEmpty {
            environment[name] = RequiredVariables.placeholder
        }
        var withOverride = options
        withOverride.files.append(overridePath)
        var loader = ComposeProjectLoader(options: withOverride, environment: environment, limits: request.limits)
        loader.reader = request.reader
        let loaded = loader.load(preloaded: [overridePath: stream])
        if let error = loaded.diagnostics.first(where: { $0.level == .error }) {
            return .failure(OverrideRefusal("the project does not load with the override: \(error.description)"))
        }
        if let problem = compareServices(plan, with: loaded) { return .failure(OverrideRefusal(problem)) }

        let findings = Auditor(policy: policy, today: today).audit(loaded.workloads)
        let after = findings.filter { !$0.isSuppressed }
        let before = Set(original.activeFindings.map(FixSession.key))
        if let new = after.first(where: { !before.contains(FixSession.key($0)) }) {
            return .failure(OverrideRefusal("the override brings a new finding: \(new.ruleID) \(new.message)"))
        }
        if let kept = FixedFindings.stillReported(plan.fixed, after: after) {
            return .failure(OverrideRefusal("\(kept.ruleID) is still reported with the override: \(kept.message)"))
        }
        return .success((findings, loaded.paths))
    }

    /// Nil when every service of the project loaded with the override means the planned service;
    /// else the first difference.
    private func compareServices(_ plan: ComposeOverrideBuilder.Plan, with loaded: ComposeLoadResult) -> String? {
        let written = ComposeWrittenValue(paths: loaded.paths)
        let names = loaded.workloads.map(\.name)
        guard names == plan.services.map(\.name) else {
            return "the override changes the services of the project (\(names.joined(separator: ", "))); this is a Batten bug"
        }
        for (service, workload) in zip(plan.services, loaded.workloads) {
            guard let merged = workload.compose?.merged else { continue }
            let actual = written.service(merged)
            if !actual.means(service.after) {
                let difference = YAMLValueDifference.firstDifference(service.after, actual) ?? "the service"
                return "with the override, service \(service.name) differs from the intended result at \(difference); this is a Batten bug"
            }
        }
        return nil
    }
}
