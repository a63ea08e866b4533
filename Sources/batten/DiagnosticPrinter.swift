import Batten
import BattenYAML
import Foundation

/// Prints diagnostics to standard error: errors and warnings always, notes with `--verbose`.
struct DiagnosticPrinter {
    var verbose: Bool

    func print(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) {
        for diagnostic in diagnostics where verbose || diagnostic.level != .note {
            let text: String
            if let position = diagnostic.position {
                text = DiagnosticRenderer.render(
                    path: diagnostic.path, position: position, severity: diagnostic.level.rawValue,
                    message: diagnostic.message, source: sources[diagnostic.path])
            } else {
                text = diagnostic.description
            }
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }
}
