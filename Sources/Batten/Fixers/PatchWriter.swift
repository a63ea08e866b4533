import Foundation

/// Writes the patched files of `batten fix`, each on its own: a file that changed or went away
/// since Batten read it is refused, a write that fails is recorded with its file's name, and the
/// others are still written.
public struct PatchWriter: Sendable {
    /// What happened to each file.
    public struct Report: Sendable {
        /// The outputs written (or already holding the fix).
        public var written: [String] = []
        /// The inputs refused, each with its reason.
        public var refused: [FixRefusal] = []
        /// The outputs that could not be written, each with the error.
        public var failed: [FixRefusal] = []
    }

    /// The snapshots taken when the inputs were read, by path.
    public var snapshots: [String: FileSnapshot]
    /// The name standard input was read as (it has no file to check).
    public var standardInput: String

    /// Runs right before each file is replaced (a test hook: the file changes at the worst moment).
    public var beforeReplacing: (@Sendable () -> Void)?

    public init(snapshots: [String: FileSnapshot], standardInput: String, beforeReplacing: (@Sendable () -> Void)? = nil) {
        self.snapshots = snapshots
        self.standardInput = standardInput
        self.beforeReplacing = beforeReplacing
    }

    /// Writes every planned file, in order.
    public func write(_ writes: [PatchDestinations.Write]) -> Report {
        var report = Report()
        for write in writes {
            let source = write.patch.path
            if source != standardInput && source != "-" {
                let reason: String?
                if let snapshot = snapshots[source] {
                    reason = snapshot.changeSinceRead(of: source, original: write.patch.original)
                } else if let content = FileManager.default.contents(atPath: source) {
                    reason = [UInt8](content) == write.patch.original ? nil : "its content changed after Batten read it; run batten fix again"
                } else {
                    reason = "it was deleted after Batten read it; it is not re-created"
                }
                if let reason {
                    report.refused.append(FixRefusal(path: source, reason: reason))
                    continue
                }
            }
            do {
                if !write.inPlace {
                    let directory = URL(fileURLWithPath: write.destination).deletingLastPathComponent().path
                    do {
                        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    } catch {
                        throw AtomicFileWriter.WriteError(path: write.destination, reason: "cannot create \(directory): \(error.localizedDescription)")
                    }
                }
                // A file fixed in place is checked once more as it is replaced, leaving no window
                // for an edit to be written over.
                let read = write.inPlace ? snapshots[source].map { AtomicFileWriter.ReadState(snapshot: $0, original: write.patch.original) } : nil
                try AtomicFileWriter.write(write.patch.patched, to: write.destination, unchangedSince: read, beforeReplacing: beforeReplacing)
                report.written.append(write.destination)
            } catch let refusal as AtomicFileWriter.ChangedSinceRead {
                report.refused.append(FixRefusal(path: source, reason: refusal.reason))
            } catch let error as AtomicFileWriter.WriteError {
                report.failed.append(FixRefusal(path: write.destination, reason: "cannot write: \(error.reason)"))
            } catch {
                report.failed.append(FixRefusal(path: write.destination, reason: "cannot write: \(error.localizedDescription)"))
            }
        }
        return report
    }
}
