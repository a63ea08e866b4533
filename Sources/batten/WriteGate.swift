import Foundation

/// A test hook that makes "the file changed while Batten ran" deterministic: when
/// `BATTEN_TEST_WRITE_GATE` names a directory, `batten fix` creates `ready` in it once the fixes
/// are verified and waits (at most a minute) for `go` to appear before it checks and writes the
/// files. Without the variable it does nothing.
enum WriteGate {
    static let variable = "BATTEN_TEST_WRITE_GATE"

    static func wait() {
        guard let directory = ProcessInfo.processInfo.environment[variable], !directory.isEmpty else { return }
        let base = URL(fileURLWithPath: directory)
        _ = FileManager.default.createFile(atPath: base.appendingPathComponent("ready").path, contents: nil)
        let go = base.appendingPathComponent("go").path
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: go) && Date() < deadline {
            usleep(10_000)
        }
    }
}
