import ArgumentParser
import Batten
import Foundation

struct OverrideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "override",
        abstract: "Write a production override (Compose) or a kustomize overlay (Kubernetes) that carries the fixes.",
        discussion: """
            Compose: one file to give after the project's files (docker compose -f compose.yaml -f \
            compose.prod.yaml up -d); printed, or written with --output. Kubernetes (--kustomize DIR): \
            DIR/kustomization.yaml, one strategic-merge patch per workload in DIR/patches, and copies of \
            the inputs in DIR/resources (kustomize loads nothing from outside DIR), listed with their \
            digests in DIR/.batten-generated; build it with kubectl kustomize DIR. On a kustomization, the \
            overlay builds on it where it is (resources: [the path to it]), its patches address the rendered \
            names, and it is built with the kustomize tool and audited again before it is written. The overlay is written \
            into a temporary directory beside DIR and then moved into place (kustomization.yaml last); a \
            file in DIR that Batten did not write, or that was edited since, is never replaced.
            Safe fixes and those Batten knows the images work with (from an image profile, a service's \
            Dockerfile or the manifest: a user, writable paths, capabilities) are included; --safe-only \
            leaves the latter out. Decisions (what Batten cannot know about, such as a generic user on an \
            unknown image) are listed in the header with a snippet and applied only with --include decisions. Nothing is written unless \
            the result, merged with the inputs by Batten's own loader and audited again, no longer has the \
            findings it fixes and has no new one. A file that Batten did not generate is never overwritten.
            A chosen fix that cannot be carried refuses the whole file, except a misspelt key (Compose \
            rejects it before any override applies: rename it with batten fix), which is a note.
            Exit codes: 0 written, 2 input that could not be analysed or an override that was refused.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var secretSourceOption: SecretSourceOption

    @Option(name: .customLong("output"), help: "Write the Compose override to this file (default: standard output).")
    var output: String?

    @Option(name: .customLong("kustomize"), help: "Write a kustomize overlay for Kubernetes manifests into this directory.")
    var kustomize: String?

    @Option(name: .long, help: "`review` (= `known`, the default for overrides), or `decisions` to apply those too.")
    var include: FixInclusion?

    @Flag(name: .customLong("safe-only"), help: "Only carry fixes marked safe.")
    var safeOnly = false

    @Option(name: .customLong("rule"), help: "Only carry the fixes of this rule; repeatable.")
    var rules: [String] = []

    @Flag(name: .long, help: "Also print notes (skipped files, custom resources) and every finding left unfixed.")
    var verbose = false

    func validate() throws {
        if safeOnly && include != nil { throw ValidationError("--safe-only and --include exclude each other") }
        if kustomize != nil && output != nil { throw ValidationError("--output is for Compose; --kustomize names the overlay directory") }
    }

    func run() throws {
        let policy = try policyOptions.resolve()
        let selection = FixSelection(upTo: safeOnly ? .safe : (include ?? .review).upTo(policy), rules: rules.isEmpty ? nil : Set(rules))
        let command = OverrideHeader.commandLine(["batten"] + CommandLine.arguments.dropFirst())
        if let kustomize {
            try runKustomize(policy: policy, selection: selection, directory: kustomize, command: command)
        } else {
            try runCompose(policy: policy, selection: selection, command: command)
        }
    }

    private func runCompose(policy: ResolvedPolicy, selection: FixSelection, command: String) throws {
        let generator = ComposeOverrideGenerator(policy: policy, selection: selection, secretSource: secretSourceOption.secretSource)
        let prepared: ComposeOverrideInput
        switch generator.prepare(input.request) {
        case .failure(let refusal): throw refuse(refusal)
        case .success(let value): prepared = value
        }
        DiagnosticPrinter(verbose: verbose).print(prepared.result.diagnostics, loaded: prepared.result.loaded)
        if let output { try checkReplaceable(output) }
        let override: ComposeOverride
        switch generator.generate(prepared, outputPath: output, command: command) {
        case .failure(let refusal): throw refuse(refusal, secrets: SecretRedaction(prepared.result))
        case .success(let value): override = value
        }
        if let output {
            try AtomicFileWriter.write(override.bytes, to: output)
        } else {
            FileHandle.standardOutput.write(Data(override.bytes))
        }
        report(
            fixed: override.fixed, skipped: override.skipped, remaining: override.remaining, written: output,
            secrets: SecretRedaction(prepared.result))
        if !override.requiredVariables.isEmpty {
            CommandError.note("set before starting the project: " + override.requiredVariables.joined(separator: ", "))
        }
    }

    private func runKustomize(policy: ResolvedPolicy, selection: FixSelection, directory: String, command: String) throws {
        let generator = KustomizeOverlayGenerator(policy: policy, selection: selection)
        let request = input.request
        let result = generator.analyse(request)
        DiagnosticPrinter(verbose: verbose).print(result.diagnostics, loaded: result.loaded)
        let overlay: KustomizeOverlay
        switch generator.generate(result, request: request, directory: directory, command: command) {
        case .failure(let refusal): throw refuse(refusal, secrets: SecretRedaction(result))
        case .success(let value): overlay = value
        }
        do {
            try KustomizeOverlayWriter(overlay: overlay, command: command).write()
        } catch let refusal as KustomizeOverlayWriter.Refusal {
            throw refuse(OverrideRefusal(refusal.description), secrets: SecretRedaction(result))
        }
        report(
            fixed: overlay.fixed, skipped: overlay.skipped, remaining: overlay.remaining, written: directory,
            secrets: SecretRedaction(result))
    }

    /// Refuses to replace a file that exists and was not generated by Batten.
    private func checkReplaceable(_ path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return }
        guard OverrideHeader.isGenerated([UInt8](data)) else {
            throw refuse(OverrideRefusal("\(path) exists and was not generated by batten; choose another path or remove it"))
        }
    }

    /// Prints the refusal, with any secret value it quotes masked, and gives the exit code.
    private func refuse(_ refusal: OverrideRefusal, secrets: SecretRedaction? = nil) -> ExitCode {
        CommandError.print(secrets?.maskedMessage(refusal.description) ?? refusal.description)
        return BattenExit.couldNotAnalyse
    }

    private func report(fixed: [Finding], skipped: [SkippedFix], remaining: [Finding], written: String?, secrets: SecretRedaction) {
        for skip in skipped {
            CommandError.note(secrets.maskedMessage("not carried: \(skip.finding.ruleID) \(skip.finding.target.displayName): \(skip.reason)"))
        }
        if verbose {
            for finding in remaining {
                CommandError.note("remains: \(finding.location.path):\(finding.location.line): \(finding.ruleID) \(finding.target.displayName)")
            }
        }
        let destination = written.map { "; written to \($0)" } ?? ""
        let left = remaining.isEmpty ? "" : "; \(remaining.count) finding\(remaining.count == 1 ? "" : "s") remain (no fix, or not chosen)"
        CommandError.note("fixes \(fixed.count) finding\(fixed.count == 1 ? "" : "s")\(left)\(destination)")
    }
}
