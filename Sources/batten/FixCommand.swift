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
            Exit codes: 0 every chosen fix applied (or nothing to fix), 1 some file was refused, 2 some input \
            could not be analysed.
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

    @Flag(exclusivity: .exclusive)
    var mode: Mode = .diff

    @Option(name: .customLong("output"), help: "Write the patched files below this directory instead of in place.")
    var outputDirectory: String?

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
        let result = analyzer.run(request)
        DiagnosticPrinter(verbose: verbose).print(result.diagnostics, loaded: result.loaded)
        let secrets = SecretRedaction(result)
        let selection = FixSelection(upTo: include.map { $0.upTo(policy) } ?? .safe, rules: rules.isEmpty ? nil : Set(rules))
        let outcome = FixSession(selection: selection).runUntilStable(result) { overlay, variables in
            var patched = request
            patched.reader = FileReader(overlay: overlay)
            patched.environment.merge(variables) { current, _ in current }
            return analyzer.run(patched) { standardInput(overlay) ?? [] }
        }
        var refused = outcome.refusals
        for patch in outcome.changedPatches {
            if let outputDirectory {
                let destination = Self.destination(of: patch.path, below: outputDirectory)
                try FileManager.default.createDirectory(
                    atPath: URL(fileURLWithPath: destination).deletingLastPathComponent().path, withIntermediateDirectories: true)
                try AtomicFileWriter.write(patch.patched, to: destination)
            } else if mode == .write {
                if patch.path == input.stdinName || patch.path == "-" {
                    refused.append(FixRefusal(path: patch.path, reason: "standard input cannot be written in place; use --diff or --output"))
                    continue
                }
                try AtomicFileWriter.write(patch.patched, to: patch.path)
            } else {
                FileHandle.standardOutput.write(Data(UnifiedDiff.render(old: patch.original, new: patch.patched, path: patch.path, secrets: secrets).utf8))
            }
        }
        for refusal in refused {
            FileHandle.standardError.write(Data((secrets.maskedMessage("\(refusal)") + "\n").utf8))
        }
        let files = outcome.changedPatches.count
        let summary = "fixed \(outcome.fixed.count) finding\(outcome.fixed.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
            + (refused.isEmpty ? "" : "; \(refused.count) file\(refused.count == 1 ? "" : "s") refused")
            + (mode == .diff && outputDirectory == nil && files > 0 ? " (diff only; --write to apply)" : "")
        FileHandle.standardError.write(Data((summary + "\n").utf8))
        let decisions = result.findings.filter(selection.leavesToDecide).count
        if decisions > 0 {
            let noun = decisions == 1 ? "decision was" : "decisions were"
            FileHandle.standardError.write(Data(
                "\(decisions) \(noun) not applied: Batten cannot tell whether the application still works with them (`batten audit` shows each with a snippet; --include decisions applies them)\n".utf8))
        }
        if result.loaded.hasErrors { throw BattenExit.couldNotAnalyse }
        if !refused.isEmpty { throw BattenExit.findings }
    }

    /// Standard input as patched, when the fix changed it.
    private func standardInput(_ overlay: [String: [UInt8]]) -> [UInt8]? {
        overlay[input.stdinName] ?? overlay["-"]
    }

    /// Where a patched file goes below `directory`: its path relative to the working directory, or
    /// its absolute path without the leading `/`.
    static func destination(of path: String, below directory: String) -> String {
        var relative = path
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        while relative.hasPrefix("/") { relative.removeFirst() }
        relative = relative.split(separator: "/").filter { $0 != ".." }.joined(separator: "/")
        return URL(fileURLWithPath: directory).appendingPathComponent(relative).path
    }
}
