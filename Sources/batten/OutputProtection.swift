import ArgumentParser
import Batten
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Refuses, before anything is analysed, a report or baseline file that would overwrite what it
/// must not: an input of the run (never, not even with `--force`), or an existing file that is not
/// a report of the same format, or a baseline, that Batten wrote (unless `--force`). A new file, an
/// empty one, or anything that is not a regular file (`/dev/stdout`, a pipe) is always written.
///
/// The inputs of the run are the files named on the command line (paths, `-f`, `--env-file`,
/// `--policy`, `--baseline`), the YAML files and `.env` files inside the directories named (and
/// inside the working directory when no path is), the image-profile files of `--image-profiles`
/// and the project policy `.batten.yaml`; after the analysis (before a streamed report replaces
/// anything), every file it read as well (``FileReadLog``). The
/// baseline given with `--baseline` may be rewritten by `--write-baseline`: it is Batten's own.
struct OutputProtection {
    private var inputFiles: Set<FileIdentity> = []
    /// Directories named as inputs, symbolic links resolved.
    private var inputDirectories: [String] = []
    /// The baseline read by this run, which `--write-baseline` may refresh.
    private var readBaseline: FileIdentity?
    var force: Bool

    init(input: InputOptions, policy: PolicyOptions, baseline: String?, force: Bool) {
        self.force = force
        let paths = input.paths.isEmpty && input.files.isEmpty ? ["."] : input.paths
        for path in paths where path != "-" {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                inputDirectories.append(Self.resolved(path))
            } else if let identity = FileIdentity(path: path) {
                inputFiles.insert(identity)
            }
        }
        for directory in policy.imageProfiles.directories {
            inputDirectories.append(Self.resolved(directory))
        }
        var named = input.files + input.envFiles
        if let selection = policy.policy {
            named.append(selection)
        } else if let found = PolicyResolver.findProjectPolicy(from: FileManager.default.currentDirectoryPath) {
            named.append(found)
        }
        for path in named {
            if let identity = FileIdentity(path: path) { inputFiles.insert(identity) }
        }
        if let baseline, let identity = FileIdentity(path: baseline) {
            inputFiles.insert(identity)
            readBaseline = identity
        }
    }

    /// Refuses every report and baseline target that must not be written: prints why and exits 64.
    func check(plan: OutputPlan, writeBaseline: String?) throws {
        var refusals: [String] = []
        for output in plan.outputs {
            guard case .file(let path) = output.destination else { continue }
            if let refusal = refusal(path, kind: .report(output.format)) { refusals.append(refusal) }
        }
        if let writeBaseline, let refusal = refusal(writeBaseline, kind: .baseline) { refusals.append(refusal) }
        try refuse(refusals)
    }

    /// After the analysis, refuses a target that turned out to be a file the run read (an `include`,
    /// an `extends` file, an `env_file` outside the named paths): one of `paths`, or one `log`
    /// recorded as it was read.
    func check(plan: OutputPlan, writeBaseline: String?, read paths: some Sequence<String>, log: FileReadLog) throws {
        let read = Set(paths.compactMap { FileIdentity(path: $0) })
        var targets = plan.outputs.compactMap { output -> String? in
            if case .file(let path) = output.destination { return path }
            return nil
        }
        if let writeBaseline { targets.append(writeBaseline) }
        let refusals = targets.compactMap { path -> String? in
            guard let identity = FileIdentity(path: path), read.contains(identity) || log.contains(path) else { return nil }
            return Self.inputRefusal(path)
        }
        try refuse(refusals)
    }

    private func refuse(_ refusals: [String]) throws {
        guard !refusals.isEmpty else { return }
        for refusal in refusals { CommandError.print(refusal) }
        throw BattenExit.usage
    }

    /// Why `path` must not be written as `kind`, or nil when it may be.
    private func refusal(_ path: String, kind: OwnFileRecognition.Kind) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        if let identity = FileIdentity(path: path), kind != .baseline || identity != readBaseline {
            if inputFiles.contains(identity) || liesInInputDirectory(path) { return Self.inputRefusal(path) }
        }
        if force || info.st_size == 0 { return nil }
        guard let (head, tail) = Self.ends(of: path) else {
            return "refusing to overwrite \(path): it cannot be read to tell whether batten wrote it; pass --force to overwrite it"
        }
        if OwnFileRecognition.isOwn(head: head, tail: tail, kind: kind) { return nil }
        let what: String
        switch kind {
        case .baseline: what = "a batten baseline"
        case .report(let format): what = "a batten \(format.rawValue) report"
        }
        return "refusing to overwrite \(path): it exists and is not \(what); choose another file, or pass --force to overwrite it"
    }

    private static func inputRefusal(_ path: String) -> String {
        "refusing to write to \(path): it is an input of this run (--force does not change that); choose another file"
    }

    /// True when `path` is a YAML file or a `.env` file inside a directory named as input (which the
    /// walk or the Compose project of that directory reads).
    private func liesInInputDirectory(_ path: String) -> Bool {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard InputCollector.isYAMLName(name) || name == ".env" else { return false }
        let target = Self.resolved(path)
        return inputDirectories.contains { directory in
            target.hasPrefix(directory.hasSuffix("/") ? directory : directory + "/")
        }
    }

    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// The first and the last ``OwnFileRecognition/window`` bytes of the file at `path`.
    private static func ends(of path: String) -> (head: [UInt8], tail: [UInt8])? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let window = OwnFileRecognition.window
        guard let head = try? handle.read(upToCount: window) ?? Data() else { return nil }
        guard let end = try? handle.seekToEnd() else { return nil }
        guard (try? handle.seek(toOffset: end > UInt64(window) ? end - UInt64(window) : 0)) != nil else { return nil }
        let tail = (try? handle.read(upToCount: window) ?? Data()) ?? Data()
        return ([UInt8](head), [UInt8](tail))
    }
}
