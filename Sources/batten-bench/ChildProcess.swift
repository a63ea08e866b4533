import Foundation

/// Starts a program with `posix_spawn`, its standard output and error going to `/dev/null`
/// (Foundation's `Process` adds tens of milliseconds of its own).
enum ChildProcess {
    /// The process id of `arguments[0]` started with `arguments`.
    static func start(_ arguments: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard let program = arguments.first, posix_spawn(&pid, program, &actions, nil, &argv, environ) == 0 else {
            throw BenchError("cannot start \(arguments.first ?? "nothing")")
        }
        return pid
    }
}
