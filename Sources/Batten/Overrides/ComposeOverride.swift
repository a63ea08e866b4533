import BattenYAML
import Foundation

/// The Compose project an override is generated for, analysed.
public struct ComposeOverrideInput: Sendable {
    /// The request with the project's files given explicitly (`-f`), as the override follows them.
    public var request: AnalysisRequest
    /// The project's analysis: its diagnostics are the user's to see, its findings the override's to fix.
    public var result: AnalysisResult
}

/// A verified production override for one Compose project.
public struct ComposeOverride: Sendable {
    /// The override file: the comment header, then the YAML.
    public var text: String
    /// The project's files, in the order the override follows.
    public var inputs: [String]
    /// The findings the override fixes, in report order.
    public var fixed: [Finding]
    /// Chosen findings whose fix no override can carry (a misspelt key); any other chosen fix left
    /// out refuses the override.
    public var skipped: [SkippedFix]
    /// The findings still reported with the override (unsuppressed), in report order.
    public var remaining: [Finding]
    /// The variables Compose requires with the override (`${NAME:?…}` for plaintext secrets).
    public var requiredVariables: [String]

    public var bytes: [UInt8] { Array(text.utf8) }
}

/// Generates `batten override` for Compose: one file that, given after the project's files
/// (`docker compose -f compose.yaml -f compose.prod.yaml`), hardens the project, following the
/// Compose merge rules (FORMATS.md "The production override"). It is verified with Batten's own
/// loader and a re-audit before anyone sees it (``ComposeOverrideVerifier``).
public struct ComposeOverrideGenerator: Sendable {
    /// The policy the project is audited under; its rule parameters decide the values fixes set.
    public var policy: ResolvedPolicy
    /// Which fixes to carry. An override is a production hardening artifact: fixes that need review
    /// (read-only root filesystem, a user id, dropped capabilities) are included unless restricted.
    public var selection: FixSelection
    /// Today as `YYYY-MM-DD`, for policy exemption expiry.
    public var today: String
    /// Where the Compose secrets that plaintext secrets move to take their values (`--secret-source`).
    public var secretSource: ComposeSecretSource

    public init(
        policy: ResolvedPolicy, selection: FixSelection = FixSelection(upTo: .known), today: String = Auditor.todayUTC(),
        secretSource: ComposeSecretSource = .file
    ) {
        self.policy = policy
        self.selection = selection
        self.today = today
        self.secretSource = secretSource
    }

    /// Finds the project's files and analyses the project.
    public func prepare(_ request: AnalysisRequest) -> Result<ComposeOverrideInput, OverrideRefusal> {
        switch ComposeOverrideProject.options(for: request) {
        case .failure(let refusal):
            return .failure(refusal)
        case .success(let options):
            var explicit = request
            explicit.paths = []
            explicit.compose = options
            let result = Analyzer(policy: policy, today: today).run(explicit) { [] }
            return .success(ComposeOverrideInput(request: explicit, result: result))
        }
    }

    /// The override, verified. `outputPath` is where it will be written (nil for standard output);
    /// `command` is the command line named in its header.
    public func generate(_ input: ComposeOverrideInput, outputPath: String?, command: String) -> Result<ComposeOverride, OverrideRefusal> {
        let result = input.result
        let options = input.request.compose
        if let error = result.diagnostics.first(where: { $0.level == .error }) {
            return .failure(OverrideRefusal("the project does not load; fix this first: \(error.description)"))
        }
        guard let project = result.loaded.composeProjects.first, result.loaded.composeProjects.count == 1 else {
            return .failure(OverrideRefusal("no Compose project to override"))
        }
        let overridePath = outputPath ?? ComposePaths.join(project.projectDirectory, ".batten-override.yaml")
        let absoluteOverride = FileReader.absolute(overridePath)
        if options.files.contains(where: { FileReader.absolute($0) == absoluteOverride }) {
            return .failure(OverrideRefusal("\(overridePath) is one of the project's files; write the override to another file"))
        }
        let builder = ComposeOverrideBuilder(selection: selection, secretSource: secretSource)
        var plan = builder.plan(result, project: project)
        let verifier = ComposeOverrideVerifier(policy: policy, today: today)
        // The header counts what the re-audit still reports; a fix can clear more than its own
        // finding (binding a port to loopback also ends an unauthenticated exposure), so the count
        // comes from the previous verification, and a round that only corrects it runs once more.
        var verifiedRemaining: Int?
        var headerOnly = false
        for round in 1...(Self.rounds + 1) {
            let required = RequiredVariables.names(in: plan.document)
            let unfixed = verifiedRemaining ?? (result.activeFindings.count - plan.fixed.count)
            let header = self.header(
                project: project, options: options, outputPath: outputPath, command: command, plan: plan, required: required,
                unfixed: unfixed,
                decisions: result.findings.filter { finding in plan.services.contains { $0.workloadID == finding.workloadID } })
            let body: String
            do {
                body = try YAMLEmitter.emit(plan.document)
            } catch {
                return .failure(OverrideRefusal("the override cannot be written as YAML: \(error)"))
            }
            let text = header.render() + body
            let findings: (findings: [Finding], paths: ComposePathResolver)
            switch verifier.verify(
                plan, bytes: Array(text.utf8), at: overridePath, options: options, original: result, project: project,
                request: input.request)
            {
            case .failure(let refusal): return .failure(refusal)
            case .success(let value): findings = value
            }
            if !headerOnly, round < Self.rounds, builder.extend(&plan, with: findings.findings, paths: findings.paths) {
                verifiedRemaining = nil
                continue
            }
            if let refusal = OverrideRefusal.uncarried(plan.skipped) { return .failure(refusal) }
            let remaining = findings.findings.filter { !$0.isSuppressed }.sorted(by: Finding.reportOrder)
            if remaining.count != unfixed, !headerOnly {
                verifiedRemaining = remaining.count
                headerOnly = true
                continue
            }
            return .success(
                ComposeOverride(
                    text: text, inputs: options.files, fixed: plan.fixed, skipped: plan.skipped,
                    remaining: remaining, requiredVariables: required))
        }
        return .failure(OverrideRefusal("the fixes did not settle; this is a Batten bug"))
    }

    /// How many times the override is extended with fixes that the previous round made possible.
    static let rounds = 3

    /// What the user does for each secret the override creates, and which variables share it.
    private func secretLines(_ plan: ComposeOverrideBuilder.Plan) -> [String] {
        let names = plan.secrets.compactMap(\.key.scalarText)
        guard !names.isEmpty else { return [] }
        var lines = ["Secrets (the values are in no file Batten writes; the services start once they are there):"]
        for name in names {
            let readers = plan.sharedSecrets.first { $0.name == name }?.readers ?? []
            var line = "  \(name): \(secretSource.instruction(for: name))"
            if readers.count > 1 {
                line += "; one value shared by " + readers.joined(separator: ", ") + ", which held the same literal"
            } else if let reader = readers.first {
                line += " (the value of \(reader))"
            }
            lines.append(line)
        }
        return lines
    }

    private func header(
        project: ComposeLoadResult, options: ComposeProjectOptions, outputPath: String?, command: String,
        plan: ComposeOverrideBuilder.Plan, required: [String], unfixed: Int, decisions: [Finding]
    ) -> OverrideHeader {
        let files = options.files.map { "-f " + OverrideHeader.quoted($0) }.joined(separator: " ")
        let this = outputPath.map(OverrideHeader.quoted) ?? "THIS_FILE"
        var lines = [
            OverrideHeader.generatedLine(command: command),
            "Production override for the Compose project \"\(project.projectName)\", policy \(OverrideHeader.policyName(policy)).",
            "Inputs, in order: " + options.files.joined(separator: ", "),
        ]
        if !project.activeProfiles.isEmpty { lines.append("Profiles: " + project.activeProfiles.joined(separator: ", ")) }
        if !project.disabledServices.isEmpty {
            lines.append(
                "Services of inactive profiles, not hardened: \(project.disabledServices.joined(separator: ", ")) (run it again with --profile to include them)."
            )
        }
        let profiles = project.activeProfiles.map { " --profile " + OverrideHeader.quoted($0) }.joined()
        lines.append("Use it after them: docker compose \(files) -f \(this)\(profiles) up -d")
        if !required.isEmpty {
            lines.append("Required variables (Compose refuses to start without them): " + required.joined(separator: ", "))
        }
        lines += secretLines(plan)
        lines.append(OverrideHeader.fixesLine(plan.fixed.count, selection: selection))
        lines += OverrideHeader.fixedLines(plan.fixed) { finding in
            plan.services.first { $0.workloadID == finding.workloadID }?.name ?? finding.target.name
        }
        if unfixed > 0 {
            lines.append("Not fixed here: \(OverrideHeader.count(unfixed, "finding")) (`batten audit` with the override lists them).")
        }
        lines += OverrideHeader.decisionLines(decisions, selection: selection)
        return OverrideHeader(lines: lines)
    }
}
