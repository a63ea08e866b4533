/// A unified diff of two texts (`--- a/path`, `+++ b/path`, `@@` hunks with three lines of context),
/// computed with Myers' shortest edit script on lines.
public enum UnifiedDiff {
    /// The diff with the secrets of `old` masked, found by parsing it again with the default name
    /// patterns; a run that has loaded the file passes its own redaction to
    /// ``render(old:new:path:secrets:context:)`` instead (the policy's patterns, no second parse).
    public static func render(old: [UInt8], new: [UInt8], path: String, context: Int = 3) -> String {
        render(old: old, new: new, path: path, secrets: SecretRedaction(parsing: old, path: path), context: context)
    }

    /// The diff with the secrets of the run masked on every line it prints: removed and context
    /// lines (of the file as read, `old`) with the ranges Batten found on its nodes and what the
    /// line shows by itself; added lines with the run's secret values and what the line shows.
    /// The lines are compared unmasked, so the hunks are those of ``render(old:new:path:context:)``.
    public static func render(old: [UInt8], new: [UInt8], path: String, secrets: SecretRedaction, context: Int = 3) -> String {
        let oldLines = lines(old)
        let newLines = lines(new)
        let maskedOld = secrets.maskedLines(of: old, path: path)
        return render(
            oldLines, newLines, path: path, context: context,
            oldLine: { index in
                maskedOld.indices.contains(index) ? displayMasked(maskedOld[index]) : display(oldLines[index])
            },
            newLine: { index in displayMasked(secrets.maskedText(String(decoding: newLines[index], as: UTF8.self))) })
    }

    /// A masked line (with its line break, if it had one) as ``display(_:)`` shows it.
    static func displayMasked(_ text: String) -> String {
        if text.hasSuffix("\n") { return text }
        return text + "\n\\ No newline at end of file\n"
    }

    /// The diff of `oldLines` and `newLines`, each line printed as `oldLine` or `newLine` shows
    /// the line of that index.
    private static func render(
        _ oldLines: [[UInt8]], _ newLines: [[UInt8]], path: String, context: Int,
        oldLine: (Int) -> String, newLine: (Int) -> String
    ) -> String {
        let script = editScript(oldLines, newLines)
        guard script.contains(where: { $0.kind != .same }) else { return "" }
        var output = "--- a/\(path)\n+++ b/\(path)\n"
        var index = 0
        while index < script.count {
            guard script[index].kind != .same else {
                index += 1
                continue
            }
            let hunkStart = max(0, index - context)
            var hunkEnd = index
            var lastChange = index
            while hunkEnd < script.count {
                if script[hunkEnd].kind != .same { lastChange = hunkEnd }
                if hunkEnd - lastChange > context * 2 { break }
                hunkEnd += 1
            }
            hunkEnd = min(script.count, lastChange + context + 1)
            let hunk = script[hunkStart..<hunkEnd]
            let oldStart = hunk.first.map { $0.oldIndex } ?? 0
            let newStart = hunk.first.map { $0.newIndex } ?? 0
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            output += "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@\n"
            for step in hunk {
                switch step.kind {
                case .same: output += " " + oldLine(step.oldIndex)
                case .delete: output += "-" + oldLine(step.oldIndex)
                case .insert: output += "+" + newLine(step.newIndex)
                }
            }
            index = hunkEnd
        }
        return output
    }

    struct Step {
        enum Kind { case same, delete, insert }
        var kind: Kind
        var oldIndex: Int
        var newIndex: Int
    }

    /// Lines with their line breaks, so that a missing final newline or CRLF shows.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in bytes {
            current.append(byte)
            if byte == 0x0A {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    static func display(_ line: [UInt8]) -> String {
        var text = String(decoding: line, as: UTF8.self)
        if text.hasSuffix("\n") {
            text.removeLast()
            return text + "\n"
        }
        return text + "\n\\ No newline at end of file\n"
    }

    /// Myers' O((N+M)D) algorithm.
    static func editScript(_ old: [[UInt8]], _ new: [[UInt8]]) -> [Step] {
        let n = old.count
        let m = new.count
        let maximum = n + m
        var frontier = [Int](repeating: 0, count: 2 * maximum + 2)
        var trace: [[Int]] = []
        var found = false
        for d in 0...maximum {
            trace.append(frontier)
            var k = -d
            while k <= d {
                var x: Int
                if k == -d || (k != d && frontier[k - 1 + maximum] < frontier[k + 1 + maximum]) {
                    x = frontier[k + 1 + maximum]
                } else {
                    x = frontier[k - 1 + maximum] + 1
                }
                var y = x - k
                while x < n, y < m, old[x] == new[y] {
                    x += 1
                    y += 1
                }
                frontier[k + maximum] = x
                if x >= n && y >= m {
                    found = true
                    break
                }
                k += 2
            }
            if found { break }
        }
        var steps: [Step] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && v[k - 1 + maximum] < v[k + 1 + maximum]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : v[previousK + maximum]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                x -= 1
                y -= 1
                steps.append(Step(kind: .same, oldIndex: x, newIndex: y))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    steps.append(Step(kind: .insert, oldIndex: x, newIndex: y))
                } else {
                    x -= 1
                    steps.append(Step(kind: .delete, oldIndex: x, newIndex: y))
                }
            }
        }
        return steps.reversed()
    }
}
