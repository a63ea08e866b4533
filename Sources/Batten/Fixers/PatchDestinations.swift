import Foundation

/// Where `batten fix --write` or `--output DIR` writes each patched file, decided for all of them
/// before anything is written: two inputs that map to one output (`x` and `../x` below DIR) are
/// both refused, and so is an existing file in DIR that is not this input's fix, unless forced.
public struct PatchDestinations: Sendable {
    /// One file to write: the patch and the path it goes to.
    public struct Write: Sendable {
        public var patch: FilePatch
        public var destination: String
        /// True when `destination` is the input itself (`--write`, or DIR holding the input).
        public var inPlace: Bool
    }

    public var writes: [Write] = []
    public var refusals: [FixRefusal] = []

    /// `inputs`: every file the run read (an output must not replace another of them).
    /// `outputDirectory`: nil to write in place. `force`: replace a file in the output directory
    /// that holds something else. `standardInput`: the name standard input was read as.
    public init(
        patches: [FilePatch], outputDirectory: String?, inputs: [String], force: Bool, standardInput: String
    ) {
        let isStandardInput = { (path: String) in path == standardInput || path == "-" }
        var planned: [(patch: FilePatch, destination: String)] = []
        for patch in patches {
            if let outputDirectory {
                planned.append((patch, Self.destination(of: patch.path, below: outputDirectory)))
            } else if isStandardInput(patch.path) {
                refusals.append(FixRefusal(path: patch.path, reason: "standard input cannot be written in place; use --diff or --output"))
            } else {
                planned.append((patch, patch.path))
            }
        }
        var byDestination: [String: [String]] = [:]
        for entry in planned { byDestination[Self.normalized(entry.destination), default: []].append(entry.patch.path) }
        var inputFiles: [FileIdentity: String] = [:]
        for input in inputs where !isStandardInput(input) {
            if let identity = FileIdentity(path: input) { inputFiles[identity] = input }
        }
        for entry in planned {
            let sources = byDestination[Self.normalized(entry.destination)] ?? []
            if sources.count > 1 {
                let others = sources.filter { $0 != entry.patch.path }.joined(separator: ", ")
                refusals.append(
                    FixRefusal(
                        path: entry.patch.path,
                        reason: "its output \(entry.destination) is also the output of \(others); nothing is written there"))
                continue
            }
            guard outputDirectory != nil, let existing = FileIdentity(path: entry.destination) else {
                writes.append(Write(patch: entry.patch, destination: entry.destination, inPlace: outputDirectory == nil))
                continue
            }
            let owner = inputFiles[existing]
            if owner == entry.patch.path {
                writes.append(Write(patch: entry.patch, destination: entry.destination, inPlace: true))
            } else if let owner {
                refusals.append(
                    FixRefusal(
                        path: entry.patch.path, reason: "its output \(entry.destination) is the input \(owner) of this run; choose another directory"))
            } else if force || FileManager.default.contents(atPath: entry.destination).map({ [UInt8]($0) == entry.patch.patched }) == true {
                writes.append(Write(patch: entry.patch, destination: entry.destination, inPlace: false))
            } else {
                refusals.append(
                    FixRefusal(
                        path: entry.patch.path,
                        reason: "\(entry.destination) exists and is not this file's fix; remove it, choose another directory, or use --force"))
            }
        }
    }

    private static func normalized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Where a patched file goes below `directory`: its path relative to the working directory, or
    /// its absolute path without the leading `/`; `..` components are dropped (so `x` and `../x`
    /// meet, which is refused).
    public static func destination(of path: String, below directory: String) -> String {
        var relative = path
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        while relative.hasPrefix("/") { relative.removeFirst() }
        relative = relative.split(separator: "/").filter { $0 != ".." && $0 != "." }.joined(separator: "/")
        return URL(fileURLWithPath: directory).appendingPathComponent(relative).path
    }
}
