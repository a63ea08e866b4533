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
        /// Directories holding a kustomization file, named or found on a walk, in walk order.
        public var kustomizations: [KustomizeDirectory] = []
    }

    /// One step of the collection, in the order the walk met it.
    private enum Step: Sendable {
        case read(String, InputFile.Origin)
        case standardInput([UInt8])
        case diagnostic(Diagnostic)
        case kustomization(KustomizeDirectory)
    }

    /// What reading one file gave.
    private enum Outcome: Sendable {
        case file(InputFile)
        case diagnostic(Diagnostic)
        case kustomization(KustomizeDirectory)
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
                let root = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                if let kustomization = KustomizationFile.path(in: path) {
                    steps.append(.kustomization(KustomizeDirectory(directory: path, kustomizationPath: kustomization, origin: .explicit)))
                }
                walk(directory: path, root: root, visited: &visited, into: &steps)
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
            case .kustomization(let directory): result.kustomizations.append(directory)
            }
        }
        return result
    }

    /// True for names the directory walk picks up.
    public static func isYAMLName(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml")
    }

    /// Walks `directory`, which lies inside `root` (the walked command-line directory, symbolic links
    /// resolved). A symbolic link is followed while it stays inside `root`; one that leads out of it is
    /// a note and is skipped, so that `rootfs -> /` cannot walk the whole filesystem. A directory met
    /// twice (a link loop) is a warning.
    private func walk(directory: String, root: String, visited: inout Set<FileIdentity>, into steps: inout [Step]) {
        guard let identity = FileIdentity(path: directory) else {
            steps.append(.diagnostic(Diagnostic(level: .error, path: directory, position: nil, message: "cannot read directory")))
            return
        }
        guard visited.insert(identity).inserted else {
            steps.append(
                .diagnostic(
                    Diagnostic(
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
            let skipped =
                isDirectory.boolValue
                ? name.hasPrefix(".") || Self.skippedFolders.contains(name) || name.hasPrefix(".build")
                : !Self.isYAMLName(name) || name.hasPrefix(".")
            if skipped { continue }
            if Self.isSymbolicLink(path), !Self.lies(URL(fileURLWithPath: path).resolvingSymlinksInPath().path, inside: root) {
                steps.append(
                    .diagnostic(
                        Diagnostic(
                            level: .note, path: path, position: nil,
                            message: "symbolic link to \(URL(fileURLWithPath: path).resolvingSymlinksInPath().path), outside \(root); skipped")))
                continue
            }
            if isDirectory.boolValue {
                if let kustomization = KustomizationFile.path(in: path) {
                    steps.append(.kustomization(KustomizeDirectory(directory: path, kustomizationPath: kustomization, origin: .walked)))
                }
                walk(directory: path, root: root, visited: &visited, into: &steps)
            } else {
                steps.append(.read(path, .walked))
            }
        }
    }

    private static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// True when `path` is `root` or below it (both with symbolic links resolved).
    static func lies(_ path: String, inside root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    private func perform(_ step: Step) -> Outcome {
        switch step {
        case .diagnostic(let diagnostic):
            return .diagnostic(diagnostic)
        case .kustomization(let directory):
            return .kustomization(directory)
        case .standardInput(let bytes):
            if bytes.count > limits.maxFileSize { return .diagnostic(tooLarge(stdinName, size: bytes.count)) }
            return .file(InputFile(source: SourceFile(path: stdinName, bytes: bytes), origin: .stdin))
        case .read(let path, let origin):
            // A file named on the command line may be a pipe (`<(helm template .)`); a walked one is read
            // only when it is a regular file, so that a FIFO or device in the tree cannot hang the walk.
            switch reader.contents(of: path, limit: limits.maxFileSize, allowingSpecialFiles: origin == .explicit) {
            case .success(let bytes):
                return .file(InputFile(source: SourceFile(path: path, bytes: bytes), origin: origin))
            case .failure(let failure):
                let message: String
                switch failure {
                case .tooLarge: message = failure.description
                case .unreadable(let reason): message = "cannot read file: \(reason)"
                default: message = "cannot read file: \(failure)"
                }
                return .diagnostic(Diagnostic(level: .error, path: path, position: nil, message: message))
            }
        }
    }

    private func tooLarge(_ path: String, size: Int) -> Diagnostic {
        Diagnostic(
            level: .error, path: path, position: nil,
            message: "file is \(size) bytes, over the limit of \(limits.maxFileSize) bytes")
    }

    /// Reads all of standard input.
    public static func readStandardInput() -> [UInt8] {
        [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }
}
