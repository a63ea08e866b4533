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
    /// Only the lines the diff prints are masked (a line of `old` where it starts in the file, so
    /// that the ranges of its nodes apply), not every line of both texts.
    public static func render(old: [UInt8], new: [UInt8], path: String, secrets: SecretRedaction, context: Int = 3) -> String {
        let oldLines = lines(old)
        let newLines = lines(new)
        var oldStarts: [Int] = []
        oldStarts.reserveCapacity(oldLines.count)
        var offset = 0
        for line in oldLines {
            oldStarts.append(offset)
            offset += line.count
        }
        return render(
            oldLines, newLines, path: path, context: context,
            oldLine: { index in
                displayMasked(maskedLine(oldLines[index], startingAt: oldStarts[index], path: path, secrets: secrets))
            },
            newLine: { index in displayMasked(secrets.maskedText(String(decoding: newLines[index], as: UTF8.self))) })
    }

    /// One line of a file as read (with its line break, starting at byte `offset` of the file) with
    /// its secrets masked, as ``SecretRedaction/maskedLines(of:path:)`` masks it.
    static func maskedLine(_ line: [UInt8], startingAt offset: Int, path: String, secrets: SecretRedaction) -> String {
        var contentEnd = line.count
        if contentEnd > 0, line[contentEnd - 1] == 0x0A { contentEnd -= 1 }
        if contentEnd > 0, line[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        let text = String(decoding: line[..<contentEnd], as: UTF8.self)
        let lineBreak = String(decoding: line[contentEnd...], as: UTF8.self)
        return secrets.masked(text, startingAt: offset, in: path).text + lineBreak
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
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            result.append(Array(bytes[start..<end]))
            start = end
        }
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

    /// The most differences one run of Myers' algorithm looks for before the lines are split at
    /// anchors; its trace holds about this number squared of positions.
    static let myersLimit = 1_000

    /// Myers' O((N+M)D) algorithm on the whole texts when they differ in at most ``myersLimit`` lines;
    /// larger differences (a fix of thousands of workloads in one file) are first cut at anchors —
    /// lines that occur once in each text, in the same order (patience diff) — and each stretch
    /// between anchors is compared the same way, so time and memory stay proportional to the texts.
    static func editScript(_ old: [[UInt8]], _ new: [[UInt8]]) -> [Step] {
        var steps: [Step] = []
        steps.reserveCapacity(max(old.count, new.count))
        script(old, 0..<old.count, new, 0..<new.count, into: &steps)
        return steps
    }

    private static func script(_ old: [[UInt8]], _ oldRange: Range<Int>, _ new: [[UInt8]], _ newRange: Range<Int>, into steps: inout [Step]) {
        if let found = myers(old, oldRange, new, newRange, limit: myersLimit) {
            steps += found
            return
        }
        let anchors = uniqueCommonLines(old, oldRange, new, newRange)
        guard !anchors.isEmpty else {
            // Nothing to anchor on: the stretch is replaced as a whole.
            for index in oldRange { steps.append(Step(kind: .delete, oldIndex: index, newIndex: newRange.lowerBound)) }
            for index in newRange { steps.append(Step(kind: .insert, oldIndex: oldRange.upperBound, newIndex: index)) }
            return
        }
        var oldStart = oldRange.lowerBound
        var newStart = newRange.lowerBound
        for anchor in anchors {
            script(old, oldStart..<anchor.old, new, newStart..<anchor.new, into: &steps)
            steps.append(Step(kind: .same, oldIndex: anchor.old, newIndex: anchor.new))
            oldStart = anchor.old + 1
            newStart = anchor.new + 1
        }
        script(old, oldStart..<oldRange.upperBound, new, newStart..<newRange.upperBound, into: &steps)
    }

    /// The longest increasing run of lines that occur exactly once in each range, as pairs of indices.
    private static func uniqueCommonLines(
        _ old: [[UInt8]], _ oldRange: Range<Int>, _ new: [[UInt8]], _ newRange: Range<Int>
    ) -> [(old: Int, new: Int)] {
        var counts: [[UInt8]: (old: Int, new: Int, oldIndex: Int, newIndex: Int)] = [:]
        for index in oldRange {
            let count = counts[old[index]] ?? (0, 0, index, 0)
            counts[old[index]] = (count.old + 1, count.new, count.oldIndex, count.newIndex)
        }
        for index in newRange {
            guard let count = counts[new[index]] else { continue }
            counts[new[index]] = (count.old, count.new + 1, count.oldIndex, index)
        }
        let pairs = counts.values.filter { $0.old == 1 && $0.new == 1 }.map { (old: $0.oldIndex, new: $0.newIndex) }
            .sorted { $0.old < $1.old }
        // Patience sorting: the longest run of pairs increasing in `new`.
        var tails: [Int] = []
        var previous = [Int](repeating: -1, count: pairs.count)
        for (position, pair) in pairs.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if pairs[tails[middle]].new < pair.new { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[position] = tails[low - 1] }
            if low == tails.count { tails.append(position) } else { tails[low] = position }
        }
        var result: [(old: Int, new: Int)] = []
        var current = tails.last ?? -1
        while current >= 0 {
            result.append(pairs[current])
            current = previous[current]
        }
        return result.reversed()
    }

    /// Myers' algorithm on two ranges; nil when they differ in more than `limit` lines.
    private static func myers(
        _ old: [[UInt8]], _ oldRange: Range<Int>, _ new: [[UInt8]], _ newRange: Range<Int>, limit: Int
    ) -> [Step]? {
        let n = oldRange.count
        let m = newRange.count
        let o = oldRange.lowerBound
        let w = newRange.lowerBound
        let maximum = min(n + m, limit)
        let offset = maximum + 1
        var frontier = [Int](repeating: 0, count: 2 * maximum + 3)
        // trace[d] holds the frontier before round d, for the diagonals -(d-1)...(d-1).
        var trace: [[Int]] = []
        var found = false
        for d in 0...maximum {
            trace.append(d == 0 ? [] : Array(frontier[(offset - d + 1)...(offset + d - 1)]))
            var k = -d
            while k <= d {
                var x: Int
                if k == -d || (k != d && frontier[k - 1 + offset] < frontier[k + 1 + offset]) {
                    x = frontier[k + 1 + offset]
                } else {
                    x = frontier[k - 1 + offset] + 1
                }
                var y = x - k
                while x < n, y < m, old[o + x] == new[w + y] {
                    x += 1
                    y += 1
                }
                frontier[k + offset] = x
                if x >= n && y >= m {
                    found = true
                    break
                }
                k += 2
            }
            if found { break }
        }
        guard found else { return nil }
        var steps: [Step] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            func at(_ k: Int) -> Int { v[k + d - 1] }
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && at(k - 1) < at(k + 1)) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : at(previousK)
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                x -= 1
                y -= 1
                steps.append(Step(kind: .same, oldIndex: o + x, newIndex: w + y))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    steps.append(Step(kind: .insert, oldIndex: o + x, newIndex: w + y))
                } else {
                    x -= 1
                    steps.append(Step(kind: .delete, oldIndex: o + x, newIndex: w + y))
                }
            }
        }
        return steps.reversed()
    }
}
