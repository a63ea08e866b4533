import Foundation
import Testing

/// Runs the built `batten` binary: the one next to the test executable, so that every build
/// directory tests its own binary.
enum CLIHarness {
    struct Run: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    enum Failure: Error, CustomStringConvertible {
        case binaryNotFound(searched: [String])
        case packageRootNotFound

        var description: String {
            switch self {
            case .binaryNotFound(let searched):
                return "the batten binary was not found next to the test executable (searched \(searched.joined(separator: ", "))); "
                    + "build it first or set BATTEN_BINARY"
            case .packageRootNotFound: return "no Package.swift above \(#filePath)"
            }
        }
    }

    /// The package root: the first directory above this file with a Package.swift.
    static func packageRoot() throws -> URL {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) { return directory }
            directory.deleteLastPathComponent()
        }
        throw Failure.packageRootNotFound
    }

    /// `BATTEN_BINARY`, else `batten` in the directory of the running test executable or one of
    /// its parents (the `.xctest` bundle on macOS sits a few levels below the build directory).
    static func binary() throws -> URL {
        if let explicit = ProcessInfo.processInfo.environment["BATTEN_BINARY"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        var starts: [URL] = []
        if let executable = Bundle.main.executableURL { starts.append(executable.resolvingSymlinksInPath()) }
        starts.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath())
        if let first = CommandLine.arguments.first { starts.append(URL(fileURLWithPath: first).resolvingSymlinksInPath()) }
        var searched: [String] = []
        for start in starts {
            var directory = start.deletingLastPathComponent()
            for _ in 0..<5 {
                let candidate = directory.appendingPathComponent("batten")
                searched.append(candidate.path)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: candidate.path)
                {
                    return candidate
                }
                directory.deleteLastPathComponent()
            }
        }
        throw Failure.binaryNotFound(searched: searched)
    }

    /// A small, fixed environment: Compose interpolation and colour must not depend on the
    /// machine that runs the tests.
    static let environment: [String: String] = [
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
    ]

    /// Runs `batten arguments` in `directory` (the package root by default).
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = environment) throws -> Run {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = try directory ?? packageRoot()
        process.environment = environment
        return try capture(process)
    }

    /// Runs `process` with its output in temporary files (pipes could fill up and block).
    static func capture(_ process: Process) throws -> Run {
        let scratch = try temporaryDirectory("run")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// A new empty directory under the system's temporary directory.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("batten-cli-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func read(_ url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }
}
