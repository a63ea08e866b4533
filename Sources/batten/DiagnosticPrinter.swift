import Batten
import BattenYAML
import Foundation

/// Prints diagnostics to standard error: errors and warnings always, notes with `--verbose`.
/// Every quoted source line and every message goes through the run's secret redaction.
struct DiagnosticPrinter {
    var verbose: Bool

    /// Prints `diagnostics`, quoting lines of `sources` with the secrets of `secrets` masked;
    /// without it, each quoted file is parsed again to find its secrets.
    func print(_ diagnostics: [Diagnostic], sources: [String: SourceFile], secrets: SecretRedaction? = nil) {
        var parsed: [String: SecretRedaction] = [:]
        for diagnostic in diagnostics where verbose || diagnostic.level != .note {
            let source = sources[diagnostic.path]
            var redaction = secrets ?? SecretRedaction(joining: [])
            if secrets == nil, let source, diagnostic.position != nil {
                redaction = parsed[source.path] ?? SecretRedaction(parsing: source.bytes, path: source.path)
                parsed[source.path] = redaction
            }
            let text = DiagnosticRedaction.render(diagnostic, source: source, secrets: redaction)
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    /// Prints the diagnostics of `loaded`, quoting its sources with its secrets masked.
    func print(_ diagnostics: [Diagnostic], loaded: LoadedInput) {
        print(diagnostics, sources: loaded.sources, secrets: loaded.secrets)
    }
}
