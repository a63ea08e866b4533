import BattenYAML
import Foundation

/// A file handed to the analyzer.
public struct InputFile: Sendable {
    public enum Origin: Sendable, Hashable {
        /// Named on the command line.
        case explicit
        /// Found by walking a directory.
        case walked
        /// Read from standard input.
        case stdin
    }

    public var source: SourceFile
    public var origin: Origin

    public init(source: SourceFile, origin: Origin) {
        self.source = source
        self.origin = origin
    }

    public var path: String { source.path }
}

/// Turns command-line paths into files: reads files, walks directories for `*.yml` / `*.yaml`
/// (skipping hidden folders, `node_modules`, `vendor` and build folders, and symlink loops), and
/// reads `-` from standard input. Files that cannot be read become error diagnostics; the rest go on.
public struct InputCollector: Sendable {
    public var limits: YAMLLimits
    /// The name standard input gets in reports (`-` unless `--stdin-name` says otherwise).
    public var stdinName: String
    public var reader: FileReader
    /// Folder names never entered during a walk (hidden folders are skipped as well).
    public static let skippedFolders: Set<String> = ["node_modules", "vendor", ".build", "__pycache__"]

    public init(limits: YAMLLimits = .default, stdinName: String = "-", reader: FileReader = .disk) {
        self.limits = limits
        self.stdinName = stdinName
        self.reader = reader
    }

    public struct Result: Sendable {
        public var files: [InputFile] = []
        public var diagnostics: [Diagnostic] = []
    }

    /// Collects the files for `paths`. `readStandardInput` is called at most once, for `-`.
    public func collect(_ paths: [String], readStandardInput: () -> [UInt8] = InputCollector.readStandardInput) -> Result {
        var result = Result()
        var readStdin = false
        for path in paths {
            if path == "-" {
                guard !readStdin else { continue }
                readStdin = true
                let bytes = readStandardInput()
                if bytes.count > limits.maxFileSize {
                    result.diagnostics.append(tooLarge(stdinName, size: bytes.count))
                } else {
                    result.files.append(InputFile(source: SourceFile(path: stdinName, bytes: bytes), origin: .stdin))
                }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                result.diagnostics.append(Diagnostic(level: .error, path: path, position: nil, message: "no such file or directory"))
                continue
            }
            if isDirectory.boolValue {
                var visited = Set<FileIdentity>()
                walk(directory: path, visited: &visited, into: &result)
            } else {
                read(path, origin: .explicit, into: &result)
            }
        }
        return result
    }

    /// True for names the directory walk picks up.
    public static func isYAMLName(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml")
    }

    private func walk(directory: String, visited: inout Set<FileIdentity>, into result: inout Result) {
        guard let identity = FileIdentity(path: directory) else {
            result.diagnostics.append(Diagnostic(level: .error, path: directory, position: nil, message: "cannot read directory"))
            return
        }
        guard visited.insert(identity).inserted else {
            result.diagnostics.append(Diagnostic(
                level: .warning, path: directory, position: nil, message: "directory already visited (symlink loop); skipped"))
            return
        }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            result.diagnostics.append(Diagnostic(level: .error, path: directory, position: nil, message: "cannot read directory"))
            return
        }
        for name in entries {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if name.hasPrefix(".") || Self.skippedFolders.contains(name) || name.hasPrefix(".build") { continue }
                walk(directory: path, visited: &visited, into: &result)
            } else if Self.isYAMLName(name), !name.hasPrefix(".") {
                read(path, origin: .walked, into: &result)
            }
        }
    }

    private func read(_ path: String, origin: InputFile.Origin, into result: inout Result) {
        if let size = reader.size(atPath: path), size > limits.maxFileSize {
            result.diagnostics.append(tooLarge(path, size: size))
            return
        }
        guard let bytes = reader.contents(atPath: path) else {
            result.diagnostics.append(Diagnostic(level: .error, path: path, position: nil, message: "cannot read file (permission denied?)"))
            return
        }
        result.files.append(InputFile(source: SourceFile(path: path, bytes: bytes), origin: origin))
    }

    private func tooLarge(_ path: String, size: Int) -> Diagnostic {
        Diagnostic(level: .error, path: path, position: nil,
                   message: "file is \(size) bytes, over the limit of \(limits.maxFileSize) bytes")
    }

    /// Reads all of standard input.
    public static func readStandardInput() -> [UInt8] {
        [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }
}

/// Device and inode of a directory, to notice symlink loops.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
