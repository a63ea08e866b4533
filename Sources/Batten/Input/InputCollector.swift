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
///
/// The walk decides what to read and in which order; reading (and building each file's line
/// tables) then runs on up to `jobs` threads, and the result is the same for any number of them.
public struct InputCollector: Sendable {
    public var limits: YAMLLimits
    /// The name standard input gets in reports (`-` unless `--stdin-name` says otherwise).
    public var stdinName: String
    public var reader: FileReader
    /// Threads that read files at once.
    public var jobs: Int
    /// Folder names never entered during a walk (hidden folders are skipped as well).
    public static let skippedFolders: Set<String> = ["node_modules", "vendor", ".build", "__pycache__"]

    public init(limits: YAMLLimits = .default, stdinName: String = "-", reader: FileReader = .disk, jobs: Int = 1) {
        self.limits = limits
        self.stdinName = stdinName
        self.reader = reader
        self.jobs = max(1, jobs)
    }

    public struct Result: Sendable {
        public var files: [InputFile] = []
        public var diagnostics: [Diagnostic] = []
    }

    /// One step of the collection, in the order the walk met it.
    private enum Step: Sendable {
        case read(String, InputFile.Origin)
        case standardInput([UInt8])
        case diagnostic(Diagnostic)
    }

    /// What reading one file gave.
    private enum Outcome: Sendable {
        case file(InputFile)
        case diagnostic(Diagnostic)
    }

    /// Collects the files for `paths`. `readStandardInput` is called at most once, for `-`.
    public func collect(_ paths: [String], readStandardInput: () -> [UInt8] = InputCollector.readStandardInput) -> Result {
        var steps: [Step] = []
        var readStdin = false
        for path in paths {
            if path == "-" {
                guard !readStdin else { continue }
                readStdin = true
                steps.append(.standardInput(readStandardInput()))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                steps.append(.diagnostic(Diagnostic(level: .error, path: path, position: nil, message: "no such file or directory")))
                continue
            }
            if isDirectory.boolValue {
                var visited = Set<FileIdentity>()
                walk(directory: path, visited: &visited, into: &steps)
            } else {
                steps.append(.read(path, .explicit))
            }
        }
        let weights = steps.map { step -> Int in
            if case .read(let path, _) = step { return reader.size(atPath: path) ?? 0 }
            return 0
        }
        let outcomes = ParallelWork.map(steps, jobs: jobs, priority: ParallelWork.heaviestFirst(weights)) { step in
            perform(step)
        }
        var result = Result()
        for outcome in outcomes {
            switch outcome {
            case .file(let file): result.files.append(file)
            case .diagnostic(let diagnostic): result.diagnostics.append(diagnostic)
            }
        }
        return result
    }

    /// True for names the directory walk picks up.
    public static func isYAMLName(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml")
    }

    private func walk(directory: String, visited: inout Set<FileIdentity>, into steps: inout [Step]) {
        guard let identity = FileIdentity(path: directory) else {
            steps.append(.diagnostic(Diagnostic(level: .error, path: directory, position: nil, message: "cannot read directory")))
            return
        }
        guard visited.insert(identity).inserted else {
            steps.append(.diagnostic(Diagnostic(
                level: .warning, path: directory, position: nil, message: "directory already visited (symlink loop); skipped")))
            return
        }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            steps.append(.diagnostic(Diagnostic(level: .error, path: directory, position: nil, message: "cannot read directory")))
            return
        }
        for name in entries {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if name.hasPrefix(".") || Self.skippedFolders.contains(name) || name.hasPrefix(".build") { continue }
                walk(directory: path, visited: &visited, into: &steps)
            } else if Self.isYAMLName(name), !name.hasPrefix(".") {
                steps.append(.read(path, .walked))
            }
        }
    }

    private func perform(_ step: Step) -> Outcome {
        switch step {
        case .diagnostic(let diagnostic):
            return .diagnostic(diagnostic)
        case .standardInput(let bytes):
            if bytes.count > limits.maxFileSize { return .diagnostic(tooLarge(stdinName, size: bytes.count)) }
            return .file(InputFile(source: SourceFile(path: stdinName, bytes: bytes), origin: .stdin))
        case .read(let path, let origin):
            if let size = reader.size(atPath: path), size > limits.maxFileSize {
                return .diagnostic(tooLarge(path, size: size))
            }
            // A file named on the command line may be a pipe (`<(helm template .)`); a walked one is read
            // only when it is a regular file, so that a FIFO or device in the tree cannot hang the walk.
            let limit = limits.maxFileSize == .max ? Int.max : limits.maxFileSize + 1
            guard let bytes = reader.contents(atPath: path, maxBytes: limit, allowingSpecialFiles: origin == .explicit) else {
                return .diagnostic(Diagnostic(level: .error, path: path, position: nil, message: "cannot read file (permission denied?)"))
            }
            if bytes.count > limits.maxFileSize { return .diagnostic(tooLarge(path, size: bytes.count)) }
            return .file(InputFile(source: SourceFile(path: path, bytes: bytes), origin: origin))
        }
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
