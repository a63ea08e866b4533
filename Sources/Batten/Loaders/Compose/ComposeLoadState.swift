import BattenYAML
import Foundation

/// What one project load shares across files, `extends` and `include`: the files read so far, their
/// diagnostics, and the directory each document's relative paths are resolved against.
struct ComposeLoadState {
    let workingDirectory: String
    let limits: YAMLLimits
    let preloaded: [String: YAMLStream]
    let reader: FileReader
    var diagnostics: [Diagnostic] = []
    /// Files in load order, as displayed.
    var files: [String] = []
    var sources: [String: SourceFile] = [:]
    /// Per document: the directory its relative paths are resolved against.
    var pathBases: [ObjectIdentifier: String] = [:]
    /// Parsed files by absolute path.
    private var streams: [String: YAMLStream] = [:]

    init(workingDirectory: String, limits: YAMLLimits, preloaded: [String: YAMLStream], reader: FileReader = .disk) {
        self.workingDirectory = workingDirectory
        self.limits = limits
        self.preloaded = preloaded
        self.reader = reader
    }

    /// The absolute form of a path given on the command line or joined from a file's directory.
    func absolute(_ path: String) -> String {
        ComposePaths.clean(ComposePaths.resolve(path, against: workingDirectory))
    }

    /// Reads and parses a file once. A missing file is an error at `reference` (the node that named it)
    /// or, for a command-line file, on the file itself; a YAML error is reported once per file.
    mutating func read(_ displayPath: String, reference: NodeRef? = nil, what: String = "file") -> YAMLStream? {
        if let stream = preloaded[displayPath] {
            register(stream)
            return stream
        }
        let absolutePath = absolute(displayPath)
        if let stream = streams[absolutePath] { return stream }
        let data: [UInt8]
        switch reader.contents(of: absolutePath, limit: limits.maxFileSize) {
        case .success(let bytes):
            data = bytes
        case .failure(let failure):
            if let reference {
                diagnostics.append(Diagnostic(.error, at: reference, "cannot read \(what) \(displayPath): \(failure)"))
            } else {
                diagnostics.append(Diagnostic(level: .error, path: displayPath, position: nil, message: failure.description))
            }
            return nil
        }
        let stream = YAMLParser.parse(SourceFile(path: displayPath, bytes: data), limits: limits)
        streams[absolutePath] = stream
        register(stream)
        return stream
    }

    private mutating func register(_ stream: YAMLStream) {
        let path = stream.source.path
        guard sources[path] == nil else { return }
        sources[path] = stream.source
        files.append(path)
        if let error = stream.error { diagnostics.append(Diagnostic(error)) }
    }

    /// Records the directory relative paths of `document` are resolved against (the first one wins).
    mutating func setBase(_ directory: String, for document: YAMLDocument) {
        let key = ObjectIdentifier(document)
        if pathBases[key] == nil { pathBases[key] = directory }
    }
}
