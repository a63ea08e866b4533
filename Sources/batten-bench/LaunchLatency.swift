import Foundation

/// Wall time of `batten audit --format json` on one small file, process start included: the cost a
/// pre-merge hook pays per invocation.
enum LaunchLatency {
    struct Sample {
        var binary: String
        var runs: Int
        var median: Double
        var p90: Double
        var fastest: Double
    }

    /// The `batten` executable next to this one, if it was built.
    static func battenBinary() -> String? {
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let candidate = own.deletingLastPathComponent().appendingPathComponent("batten").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// Launches `batten` `runs` times, one after the other, and times each until it exits.
    static func measure(binary: String, file: String, runs: Int) throws -> Sample {
        let arguments = [binary, "audit", "--policy", "production", "--format", "json", file]
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = Clock.now()
            let pid = try ChildProcess.start(arguments)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            times.append(Clock.now() - start)
        }
        times.sort()
        return Sample(
            binary: binary, runs: times.count, median: times[times.count / 2],
            p90: times[min(times.count - 1, times.count * 9 / 10)], fastest: times[0])
    }

    /// A small Compose file of three services.
    static let smallFile = """
        services:
          web:
            image: nginx:1.27
            ports:
              - "8080:80"
          api:
            image: registry.example.com/api:1.4.2
            read_only: true
            user: "10001"
            environment:
              LOG_LEVEL: info
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: example

        """
}

/// Monotonic seconds.
enum Clock {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
