import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs the kustomize tool on one directory, without a shell, with a time limit and bounded output.
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
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        let process = self
        // The tool's task runs on threads of its own, not on the shared pool: a caller that
        // waits here may itself be a thread of that pool.
        Task.detached(executorPreference: KustomizeProcessExecutor.shared) {
            box.result = await process.run(directory: directory)
            semaphore.signal()
        }
        semaphore.wait()
        return box.result ?? .failure(.launch("no result"))
    }

    private func run(directory: String) async -> Result<[UInt8], Failure> {
        let limit = timeLimit
        do {
            return try await withThrowingTaskGroup(of: Result<[UInt8], Failure>.self) { group in
                group.addTask { await self.execute(directory: directory) }
                group.addTask {
                    try await Task.sleep(for: limit)
                    return .failure(.timedOut(limit))
                }
                defer { group.cancelAll() }
                return try await group.next() ?? .failure(.launch("no result"))
            }
        } catch {
            return .failure(.launch("\(error)"))
        }
    }

    private func execute(directory: String) async -> Result<[UInt8], Failure> {
        do {
            let result = try await Subprocess.run(
                .path(FilePath(tool.executable)), arguments: Arguments(tool.arguments + [directory]),
                output: .bytes(limit: outputLimit), error: .bytes(limit: errorLimit))
            if case .exited(0) = result.terminationStatus { return .success(result.standardOutput) }
            let message = String(decoding: result.standardError, as: UTF8.self)
            return .failure(.failed(Self.cleaned(message)))
        } catch let error as SubprocessError {
            if "\(error)".contains("limit") { return .failure(.outputTooLarge(outputLimit)) }
            return .failure(.launch("\(error)"))
        } catch {
            return .failure(.launch("\(error)"))
        }
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

/// Carries the result of the detached task to the waiting thread; written once before the
/// semaphore is signalled and read after it.
private final class ResultBox: @unchecked Sendable {
    var result: Result<[UInt8], KustomizeProcess.Failure>?
}
