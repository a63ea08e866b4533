import Foundation

/// A test hook that makes "the file changed while Batten ran" deterministic: when
/// `BATTEN_TEST_WRITE_GATE` names a directory, `batten fix` creates `ready` in it once the fixes
/// are verified and waits (at most a minute) for `go` to appear before it checks and writes the
/// files. With `BATTEN_TEST_WRITE_GATE_AT=replace`, it waits instead right before the first file
/// is replaced, once it was checked and its new content written beside it. Without the variable it
/// does nothing.
enum WriteGate {
    static let variable = "BATTEN_TEST_WRITE_GATE"
    static let stageVariable = "BATTEN_TEST_WRITE_GATE_AT"

    /// True when the gate waits right before the replacement rather than before the checks.
    static var waitsAtReplace: Bool { ProcessInfo.processInfo.environment[stageVariable] == "replace" }

    static func wait() {
        guard let directory = ProcessInfo.processInfo.environment[variable], !directory.isEmpty else { return }
        if FileManager.default.fileExists(atPath: URL(fileURLWithPath: directory).appendingPathComponent("ready").path) { return }
        let base = URL(fileURLWithPath: directory)
        _ = FileManager.default.createFile(atPath: base.appendingPathComponent("ready").path, contents: nil)
        let go = base.appendingPathComponent("go").path
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: go) && Date() < deadline {
            usleep(10_000)
        }
    }
}
