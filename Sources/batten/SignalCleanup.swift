import Batten
import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the temporary files being written when the command is interrupted (SIGINT, SIGTERM,
/// SIGHUP), then ends the process by the same signal. The signals are taken by dispatch sources,
/// so the removal runs on an ordinary thread, not inside a signal handler.
enum SignalCleanup {
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Installs the handlers; call once, before anything is written.
    static func install() {
        let queue = DispatchQueue(label: "batten.signals")
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                TemporaryFileRegistry.shared.removeAllAndHold()
                // Dispatch's threads block signals: unblock it on this one and raise it again, now
                // with its default action, so the process ends by the signal; should it still live,
                // it exits with the code a shell gives that signal.
                signal(number, SIG_DFL)
                var unblocked = sigset_t()
                sigemptyset(&unblocked)
                sigaddset(&unblocked, number)
                pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
                raise(number)
                _exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
