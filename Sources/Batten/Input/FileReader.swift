import Foundation

/// Reads files from disk, or from an overlay of replaced contents: the fixer re-audits patched
/// files through it before anything is written.
///
/// Only regular files are read unless a caller asks otherwise: a path written in a manifest
/// (`env_file: /dev/zero`, an `extends` file that is a FIFO) must not hang the run or exhaust memory.
public struct FileReader: Sendable {
    /// Replaced contents by absolute, standardized path.
    public private(set) var overlay: [String: [UInt8]]
    /// Where every file read from disk is recorded, when given.
    public var log: FileReadLog?

    /// `overlay` is keyed by paths as given (relative to the working directory, or absolute).
    public init(overlay: [String: [UInt8]] = [:]) {
        var table: [String: [UInt8]] = [:]
        for (path, bytes) in overlay { table[Self.absolute(path)] = bytes }
        self.overlay = table
    }

    public static let disk = FileReader()

    /// The contents of a regular file (symbolic links followed), or nil when it cannot be read or
    /// is a directory, a device, a FIFO or a socket.
    public func contents(atPath path: String) -> [UInt8]? {
        contents(atPath: path, maxBytes: .max, allowingSpecialFiles: false)
    }

    /// The contents of a file, at most `maxBytes` of them (a caller that wants to report a file as
    /// too large asks for one byte more than its limit). With `allowingSpecialFiles`, FIFOs and
    /// character devices are read as well: a path named on the command line may be `<(helm template)`.
    public func contents(atPath path: String, maxBytes: Int, allowingSpecialFiles: Bool) -> [UInt8]? {
        if !overlay.isEmpty, let bytes = overlay[Self.absolute(path)] { return Array(bytes.prefix(maxBytes)) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        log?.record(info)
        let type = info.st_mode & S_IFMT
        let isRegular = type == S_IFREG
        guard isRegular || (allowingSpecialFiles && (type == S_IFIFO || type == S_IFCHR)) else { return nil }
        if !isRegular {
            let flags = fcntl(descriptor, F_GETFL)
            guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) == 0 else { return nil }
        }
        var bytes: [UInt8] = []
        if isRegular {
            let expected = min(Int(info.st_size), maxBytes)
            var failed = false
            bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
                while initialized < expected {
                    let count = read(descriptor, buffer.baseAddress.map { $0 + initialized }, expected - initialized)
                    if count < 0 && errno == EINTR { continue }
                    if count < 0 { failed = true }
                    if count <= 0 { break }
                    initialized += count
                }
            }
            if failed { return nil }
            if bytes.count < expected { return bytes }
        }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < maxBytes {
            let wanted = min(chunk.count, maxBytes - bytes.count)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// The contents of the file at `path`, checked before anything is read: its type and size come
    /// from `fstat` on the opened descriptor, so that a file replaced between a check and the read
    /// cannot slip through. A directory, a FIFO, a socket or a device is refused by type (unless
    /// `allowingSpecialFiles`, for paths named on the command line: FIFOs and character devices are
    /// then read, at most `limit` bytes of them); a file over `limit` bytes is refused with its size.
    public func contents(of path: String, limit: Int, allowingSpecialFiles: Bool = false) -> Result<[UInt8], FileReadFailure> {
        if !overlay.isEmpty, let bytes = overlay[Self.absolute(path)] {
            return bytes.count > limit ? .failure(.tooLarge(size: bytes.count, limit: limit)) : .success(bytes)
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return .failure(.missing) }
            return .failure(.unreadable(reason: String(cString: strerror(code))))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.unreadable(reason: String(cString: strerror(errno)))) }
        log?.record(info)
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { return .failure(.directory) }
        if type == S_IFREG, Int(info.st_size) > limit { return .failure(.tooLarge(size: Int(info.st_size), limit: limit)) }
        if type != S_IFREG {
            let kind = FileReadFailure.kind(of: info.st_mode) ?? "a special file"
            guard allowingSpecialFiles, type == S_IFIFO || type == S_IFCHR else { return .failure(.notRegular(kind: kind)) }
            let flags = fcntl(descriptor, F_GETFL)
            guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) == 0 else {
                return .failure(.unreadable(reason: String(cString: strerror(errno))))
            }
        }
        let wanted = limit == .max ? Int.max : limit + 1
        var bytes: [UInt8] = []
        if type == S_IFREG { bytes.reserveCapacity(Int(info.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < wanted {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, min($0.count, wanted - bytes.count)) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(reason: String(cString: strerror(errno))))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        guard bytes.count <= limit else {
            // A regular file that grew after fstat, or a pipe that would not end.
            return .failure(.tooLarge(size: type == S_IFREG ? bytes.count : nil, limit: limit))
        }
        return .success(bytes)
    }

    /// True when a regular file is at `path` (or the overlay holds one there).
    public func isFile(atPath path: String) -> Bool {
        if !overlay.isEmpty, overlay[Self.absolute(path)] != nil { return true }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The size of a file in bytes, or nil.
    public func size(atPath path: String) -> Int? {
        if !overlay.isEmpty, let bytes = overlay[Self.absolute(path)] { return bytes.count }
        return ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
