import Foundation

/// Runs the kustomize tool on one directory, without a shell, with a time limit and bounded output.
///
/// The tool runs as a `Process` whose output is read on threads of its own, and the caller's
/// thread waits on a semaphore: nothing here needs a thread of the shared cooperative pool, which
/// a caller that waits here may itself be one of, and which other work may keep busy for longer
/// than the time limit.
struct KustomizeProcess: Sendable {
    var tool: KustomizeTool
    /// Seconds the tool may run before it is stopped.
    var timeLimit: Duration = .seconds(60)
    /// Bytes of standard output kept; more is an error.
    var outputLimit: Int
    /// Bytes of standard error kept for the message of a failure.
    var errorLimit = 16 * 1024

    enum Failure: Error, Sendable, Equatable {
        /// The tool could not be started.
        case launch(String)
        /// The tool ran and failed: its message.
        case failed(String)
        case timedOut(Duration)
        case outputTooLarge(Int)
    }

    /// What the tool printed, or why it gave nothing.
    func render(directory: String) -> Result<[UInt8], Failure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool.executable)
        process.arguments = tool.arguments + [directory]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            return .failure(.launch(error.localizedDescription))
        }
        let pid = process.processIdentifier
        let standardOutput = BoundedPipeReader(output.fileHandleForReading, limit: outputLimit) { _ = kill(pid, SIGTERM) }
        let standardError = BoundedPipeReader(errors.fileHandleForReading, limit: errorLimit, onOverflow: nil)
        let seconds = Double(timeLimit.components.seconds) + Double(timeLimit.components.attoseconds) / 1e18
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            if exited.wait(timeout: .now() + 2) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            _ = standardOutput.finish(waiting: 2)
            _ = standardError.finish(waiting: 2)
            return .failure(.timedOut(timeLimit))
        }
        let (bytes, overflowed) = standardOutput.finish(waiting: 5)
        let (message, _) = standardError.finish(waiting: 5)
        if overflowed { return .failure(.outputTooLarge(outputLimit)) }
        if process.terminationReason == .exit, process.terminationStatus == 0 { return .success(bytes) }
        return .failure(.failed(Self.cleaned(String(decoding: message, as: UTF8.self))))
    }

    /// The tool's message on one line, without kubectl's log prefix.
    static func cleaned(_ message: String) -> String {
        let lines = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var text = lines.joined(separator: "; ")
        if let range = text.range(of: "err=\"") {
            text = String(text[range.upperBound...])
            if text.hasSuffix("\"") { text.removeLast() }
        } else if text.hasPrefix("Error: ") {
            text.removeFirst("Error: ".count)
        }
        return text.isEmpty ? "the tool failed without a message" : text
    }
}

/// Reads a pipe to its end on a thread of its own, keeping at most `limit` bytes; past the limit
/// it calls `onOverflow` once (to stop the writer) and keeps draining, so the writer never blocks.
private final class BoundedPipeReader: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var overflowed = false
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle, limit: Int, onOverflow: (@Sendable () -> Void)?) {
        let thread = Thread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                lock.lock()
                let room = max(0, limit - bytes.count)
                bytes += data.prefix(room)
                let overflow = data.count > room && !overflowed
                if data.count > room { overflowed = true }
                lock.unlock()
                if overflow { onOverflow?() }
            }
            done.signal()
        }
        thread.start()
    }

    /// What was read, and whether there was more than the limit, once the pipe is closed (or
    /// after `seconds`, with what was read so far).
    func finish(waiting seconds: Double) -> ([UInt8], Bool) {
        _ = done.wait(timeout: .now() + seconds)
        lock.lock()
        defer { lock.unlock() }
        return (bytes, overflowed)
    }
}
