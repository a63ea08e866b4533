import Foundation

/// The process's peak resident set size, read from `/proc/self/status` (`VmHWM`), and resettable
/// between phases through `/proc/self/clear_refs` where the kernel allows it.
enum Memory {
    /// Peak RSS in bytes since start or the last successful ``resetPeak()``; nil off Linux.
    static func peakResident() -> Int? {
        field("VmHWM")
    }

    /// Current RSS in bytes.
    static func resident() -> Int? {
        field("VmRSS")
    }

    /// Resets the peak to the current RSS. Returns false when the kernel refuses.
    @discardableResult
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }

    private static func field(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
            return digits.map { $0 * 1024 }
        }
        return nil
    }
}
