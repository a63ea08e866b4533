import Foundation

/// The one way tests of this target make a scratch directory: a new, empty directory under the
/// system's temporary directory, named `batten-LABEL-UUID`. The caller removes it when done.
enum TemporaryDirectory {
    static func make(_ label: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("batten-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
