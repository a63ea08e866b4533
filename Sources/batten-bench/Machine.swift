import Foundation

/// A one-line description of the machine: cores, memory, CPU model, load.
enum Machine {
    static func describe() -> String {
        let info = ProcessInfo.processInfo
        var parts = ["\(info.activeProcessorCount) cores", String(format: "%.0f GiB", Double(info.physicalMemory) / 1_073_741_824)]
        if let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first(where: { $0.hasPrefix("model name") })?
            .split(separator: ":", maxSplits: 1).last
        {
            parts.append(cpu.trimmingCharacters(in: .whitespaces))
        }
        if let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3) {
            parts.append("load " + load.joined(separator: " "))
        }
        return parts.joined(separator: ", ")
    }
}
