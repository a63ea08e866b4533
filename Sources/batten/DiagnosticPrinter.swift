import Batten
import BattenYAML
import Foundation

/// Prints diagnostics to standard error: errors and warnings always, notes with `--verbose`.
/// Every quoted source line and every message goes through the run's secret redaction.
struct DiagnosticPrinter {
    var verbose: Bool

    /// Prints `diagnostics`, quoting lines of `sources` with the secrets of `secrets` masked (and,
    /// without it, what a line shows of a secret by itself: `PASSWORD: …`, `--password=…`).
    func print(_ diagnostics: [Diagnostic], sources: [String: SourceFile], secrets: SecretRedaction? = nil) {
        let redaction = secrets ?? SecretRedaction(joining: [])
        for diagnostic in diagnostics where verbose || diagnostic.level != .note {
            let text = DiagnosticRedaction.render(diagnostic, source: sources[diagnostic.path], secrets: redaction)
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    /// Prints the diagnostics of `loaded`, quoting its sources with its secrets masked.
    func print(_ diagnostics: [Diagnostic], loaded: LoadedInput) {
        print(diagnostics, sources: loaded.sources, secrets: loaded.secrets)
    }
}
