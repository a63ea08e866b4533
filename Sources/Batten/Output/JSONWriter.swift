import BattenYAML

/// Writes JSON text to a byte buffer as it goes, without building a tree first: objects and arrays
/// are opened and closed (``beginObject()``, ``endObject()``, ``beginArray()``, ``endArray()``),
/// members named with ``key(_:)`` or ``key(named:)`` and values appended; the writer puts the commas, line
/// breaks and indentation (two spaces a level) itself. Pretty text is that of the JSON reports;
/// compact text has no whitespace at all.
struct JSONWriter: Sendable {
    /// The text written so far, UTF-8 (the text handed on by ``drain(_:)`` excluded).
    private(set) var bytes: [UInt8] = []
    /// Line breaks and indentation between members.
    let pretty: Bool
    /// The open objects and arrays, innermost last: whether each has a member yet.
    private var open: [Bool] = []
    /// A key was written: the next value is its member's, with nothing before it.
    private var afterKey = false

    init(pretty: Bool = true, capacity: Int = 0) {
        self.pretty = pretty
        bytes.reserveCapacity(max(0, capacity))
    }

    /// Hands the text written so far to `sink` and empties the buffer, keeping its capacity and
    /// what is open.
    mutating func drain(_ sink: (UnsafeRawBufferPointer) -> Void) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { sink($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    /// Opens an object, as a value.
    mutating func beginObject() {
        beginValue()
        bytes.append(UInt8(ascii: "{"))
        open.append(false)
    }

    /// Closes the innermost object.
    mutating func endObject() {
        end(UInt8(ascii: "}"))
    }

    /// Opens an array, as a value.
    mutating func beginArray() {
        beginValue()
        bytes.append(UInt8(ascii: "["))
        open.append(false)
    }

    /// Closes the innermost array.
    mutating func endArray() {
        end(UInt8(ascii: "]"))
    }

    /// Starts a member of the innermost object with a key that needs no escaping; its value follows.
    mutating func key(_ name: StaticString) {
        beginMember()
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        bytes.append(UInt8(ascii: "\""))
        endKey()
    }

    /// Starts a member of the innermost object with any key (escaped); its value follows.
    mutating func key(named name: String) {
        beginMember()
        quoted(name)
        endKey()
    }

    /// Appends a line break at the end of the document.
    mutating func endLine() {
        bytes.append(0x0A)
    }

    private mutating func endKey() {
        if pretty { raw(": ") } else { bytes.append(UInt8(ascii: ":")) }
        afterKey = true
    }

    /// What comes before a value: nothing after a key, the separator of an array's item otherwise.
    private mutating func beginValue() {
        if afterKey {
            afterKey = false
        } else {
            beginMember()
        }
    }

    /// The separator before a member or item (`,` unless it is the first) and, when pretty, its
    /// line break and indentation. Nothing at the top level.
    private mutating func beginMember() {
        guard let last = open.indices.last else { return }
        if open[last] { bytes.append(UInt8(ascii: ",")) } else { open[last] = true }
        if pretty { newline(depth: open.count) }
    }

    /// Closes the innermost object or array with `bracket`: on a line of its own when it has members.
    private mutating func end(_ bracket: UInt8) {
        let hadMembers = open.popLast() ?? false
        if hadMembers, pretty { newline(depth: open.count) }
        bytes.append(bracket)
    }

    /// Appends a line break and two spaces for each level of `depth`.
    private mutating func newline(depth: Int) {
        let table = Self.indentation
        var remaining = depth * 2
        bytes.append(0x0A)
        while remaining > 0 {
            let count = min(remaining, table.count)
            table.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
            remaining -= count
        }
    }

    /// Spaces for ``newline(depth:)``, enough for every level a report reaches in one append.
    private static let indentation = [UInt8](repeating: 0x20, count: 64)

    /// Appends text that needs no escaping.
    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `null`.
    mutating func null() {
        beginValue()
        raw("null")
    }

    /// Appends `true` or `false`.
    mutating func bool(_ value: Bool) {
        beginValue()
        if value { raw("true") } else { raw("false") }
    }

    /// Appends an integer in decimal, as `String(value)` writes it.
    mutating func int(_ value: Int) {
        beginValue()
        guard value >= 0 else {
            var text = String(value)
            text.withUTF8 { bytes.append(contentsOf: $0) }
            return
        }
        var digitCount = 1
        var probe = value / 10
        while probe > 0 {
            digitCount += 1
            probe /= 10
        }
        let end = bytes.count + digitCount
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digitCount))
        var rest = value
        var position = end
        while rest > 0 {
            position -= 1
            bytes[position] = UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0")
            rest /= 10
        }
    }

    /// Appends a number: a whole number below 10^15 without a fraction, any other finite value as
    /// `String(value)` writes it, and `null` for infinities and NaN.
    mutating func double(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            int(Int(value))
        } else if value.isFinite {
            beginValue()
            var text = String(value)
            text.withUTF8 { bytes.append(contentsOf: $0) }
        } else {
            null()
        }
    }

    /// Appends a string, or `null` when it is nil.
    mutating func string(_ value: String?) {
        guard let value else {
            null()
            return
        }
        string(value)
    }

    /// Appends `value` as a quoted JSON string: `"`, `\` and control characters escaped (the
    /// short forms where JSON has one, else `\u00xx`), and U+2028 / U+2029 written `\u2028` /
    /// `\u2029` so that the text is also valid JavaScript.
    mutating func string(_ value: String) {
        beginValue()
        quoted(value)
    }

    /// Appends `value` quoted and escaped.
    private mutating func quoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8Bytes { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends the escaped text of valid UTF-8 `source`, copying runs of bytes that need no escape
    /// whole. A byte below 0x80 is a whole scalar, and 0xE2 starts a three-byte one (U+2028 is
    /// E2 80 A8, U+2029 E2 80 A9).
    private mutating func appendEscaped(_ source: UnsafeBufferPointer<UInt8>) {
        let count = source.count
        var runStart = 0
        var index = 0
        while index < count {
            // Eight plain ASCII bytes (none to escape) at once; anything else byte by byte.
            if index + 8 <= count, let base = source.baseAddress, Self.isPlain(ASCIIWord(base + index)) {
                index += 8
                continue
            }
            let byte = source[index]
            guard Self.special(byte) else {
                index += 1
                continue
            }
            if byte == 0xE2 {
                guard index + 2 < count, source[index + 1] == 0x80, source[index + 2] == 0xA8 || source[index + 2] == 0xA9
                else {
                    index += 1
                    continue
                }
                flushRun(source, from: runStart, to: index)
                raw(source[index + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                index += 3
                runStart = index
                continue
            }
            flushRun(source, from: runStart, to: index)
            escape(byte)
            index += 1
            runStart = index
        }
        flushRun(source, from: runStart, to: count)
    }

    private mutating func flushRun(_ source: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        if end > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<end])) }
    }

    /// True when the eight bytes of `word` are ASCII and none needs escaping: no control
    /// character, `"` or `\`.
    @inline(__always)
    private static func isPlain(_ word: ASCIIWord) -> Bool {
        word.isASCII && !word.containsByte(below: 0x20) && !word.contains(UInt8(ascii: "\""))
            && !word.contains(UInt8(ascii: "\\"))
    }

    /// True for a byte that needs escaping or may start U+2028 / U+2029.
    @inline(__always)
    private static func special(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2
    }

    /// Appends the escape of one ASCII byte that needs it.
    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        case 0x08: raw("\\b")
        case 0x0C: raw("\\f")
        default:
            let digits: StaticString = "0123456789abcdef"
            raw("\\u00")
            digits.withUTF8Buffer { hex in
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
    }
}
