import ArgumentParser
import Batten
import Foundation

struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Apply the findings' fixes to the original files, keeping every comment.",
        discussion: """
            Only safe fixes are applied unless asked: --include review (or known) adds the fixes Batten knows the \
            image works with (from an image profile, the service's Dockerfile or the manifest); --include \
            decisions adds those it cannot know about (a generic user, a read-only root without known \
            writable paths …), which are otherwise only listed in the report with a snippet. Every patched file is \
            verified before anything is written: it must parse, mean the old file plus exactly the intended \
            changes, and re-audit without the fixed findings and without new ones; a file that fails is left \
            as it was and the reason is printed.
            A kustomization's values are edited where they are written (a patch, or the resource file) when \
            that file is under a directory named here and no other kustomization of the input uses it, and \
            only when the kustomization, rendered again with the edits, gives exactly the intended objects; \
            the others are listed as not edited, for batten override --kustomize.
            With --write or --output, where each file goes is decided before anything is written: two \
            inputs with one output are refused, and so is an existing file in the output directory that \
            does not already hold this input's fix (unless --force). Before each file is replaced, Batten \
            checks that its input is as it was read (size, modification time, content); a file changed or \
            deleted meanwhile is refused, not overwritten or re-created. A write that fails names its file \
            and the others are still written; the summary lists what was written, refused and failed.
            Exit codes: 0 every chosen fix applied (or nothing to fix), 1 some file was refused or could not \
            be written, 2 some input could not be analysed.
            """
    )

    enum Mode: String, EnumerableFlag {
        case diff
        case write

        static func help(for value: Mode) -> ArgumentHelp? {
            switch value {
            case .diff: return "Print a unified diff (the default)."
            case .write: return "Write the patched files in place."
            }
        }
    }

    @OptionGroup var input: InputOptions
    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var secretSourceOption: SecretSourceOption

    @Flag(exclusivity: .exclusive)
    var mode: Mode = .diff

    @Option(name: .customLong("output"), help: "Write the patched files below this directory instead of in place.")
    var outputDirectory: String?

    @Flag(name: .long, help: "With --output, replace a file in the directory that holds something else than this input's fix.")
    var force = false

    @Option(name: .long, help: "Also apply `review` (= `known`) fixes, which Batten knows the image works with, or `decisions` too.")
    var include: FixInclusion?

    @Option(name: .customLong("rule"), help: "Only apply the fixes of this rule; repeatable.")
    var rules: [String] = []

    @Flag(name: .long, help: "Also print notes (skipped files, custom resources).")
    var verbose = false

    func run() throws {
        let policy = try policyOptions.resolve()
        let request = input.request
        let analyzer = Analyzer(policy: policy)
        var result = analyzer.run(request)
        let selection = FixSelection(upTo: include.map { $0.upTo(policy) } ?? .safe, rules: rules.isEmpty ? nil : Set(rules))
        // A kustomization's fixes edit the files that set the values, or are left to an override.
        var unplaced = KustomizeFixPlacement.place(&result, request: request, selection: selection)
        let migration = ComposeSecretMigrationPlan(&result, source: secretSourceOption.secretSource)
        let kubernetesSecrets = KubernetesSecretMigration.Plan(result.findings)
        DiagnosticPrinter(verbose: verbose).print(result.diagnostics, loaded: result.loaded)
        let writes = outputDirectory != nil || mode == .write
        // What every input looked like when it was read: a file changed meanwhile is not written over.
        var snapshots: [String: FileSnapshot] = [:]
        if writes {
            for path in result.loaded.sources.keys where path != input.stdinName && path != "-" {
                snapshots[path] = FileSnapshot(path: path)
            }
        }
        let secrets = SecretRedaction(result)
        // What is needed of the analysis once the fixes are made; the analysis itself goes with the
        // first round (``FixSession/runUntilStable(_:maxRounds:reaudit:)``).
        let inputs = Array(result.loaded.sources.keys)
        let decisions = result.findings.filter(selection.leavesToDecide).count
        let hasErrors = result.loaded.hasErrors
        let outcome = FixSession(selection: selection).runUntilStable(consume result) { overlay, variables in
            var patched = request
            patched.reader = FileReader(overlay: overlay)
            patched.environment.merge(variables) { current, _ in current }
            var after = analyzer.run(patched) { standardInput(overlay) ?? [] }
            unplaced += KustomizeFixPlacement.place(&after, request: patched, selection: selection)
            return after
        }
        var refused = outcome.refusals
        var failed: [FixRefusal] = []
        var written: [String] = []
        if writes {
            let plan = PatchDestinations(
                patches: outcome.changedPatches, outputDirectory: outputDirectory, inputs: inputs,
                force: force, standardInput: input.stdinName)
            refused += plan.refusals
            var writer = PatchWriter(snapshots: snapshots, standardInput: input.stdinName)
            if WriteGate.waitsAtReplace {
                writer.beforeReplacing = { WriteGate.wait() }
            } else {
                WriteGate.wait()
            }
            let report = writer.write(plan.writes)
            written = report.written
            refused += report.refused
            failed = report.failed
        } else {
            for patch in outcome.changedPatches {
                FileHandle.standardOutput.write(Data(UnifiedDiff.render(old: patch.original, new: patch.patched, path: patch.path, secrets: secrets).utf8))
            }
        }
        for refusal in refused + failed {
            FileHandle.standardError.write(Data((secrets.maskedMessage("\(refusal)") + "\n").utf8))
        }
        let lost = Set((refused + failed).map(\.path))
        let fixed = writes ? outcome.fixed.filter { !lost.contains($0.location.path) } : outcome.fixed
        let files = writes ? written.count : outcome.changedPatches.count
        var summary = "fixed \(fixed.count) finding\(fixed.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
        if writes {
            summary += ": \(written.count) written, \(refused.count) refused, \(failed.count) failed"
        } else {
            summary +=
                (refused.isEmpty ? "" : "; \(refused.count) file\(refused.count == 1 ? "" : "s") refused")
                + (files > 0 ? " (diff only; --write to apply)" : "")
        }
        FileHandle.standardError.write(Data((summary + "\n").utf8))
        if writes {
            for (label, paths) in [("written", written), ("refused", refused.map(\.path)), ("failed", failed.map(\.path))] where !paths.isEmpty {
                FileHandle.standardError.write(Data(secrets.maskedMessage("\(label): " + paths.joined(separator: ", ") + "\n").utf8))
            }
        }
        for line in KustomizeFixPlacement.messages(unplaced, fixed: outcome.fixed) {
            FileHandle.standardError.write(Data((secrets.maskedMessage(line) + "\n").utf8))
        }
        for line in migration.instructions(fixed: fixed) + kubernetesSecrets.instructions(fixed: fixed) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        if decisions > 0 {
            let noun = decisions == 1 ? "decision was" : "decisions were"
            FileHandle.standardError.write(
                Data(
                    "\(decisions) \(noun) not applied: Batten cannot tell whether the application still works with them (`batten audit` shows each with a snippet; --include decisions applies them)\n"
                        .utf8))
        }
        if hasErrors { throw BattenExit.couldNotAnalyse }
        if !refused.isEmpty || !failed.isEmpty { throw BattenExit.findings }
    }

    /// Standard input as patched, when the fix changed it.
    private func standardInput(_ overlay: [String: [UInt8]]) -> [UInt8]? {
        overlay[input.stdinName] ?? overlay["-"]
    }
}
