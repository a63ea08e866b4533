import BattenYAML

/// Appends JSON text to a byte buffer: the bytes ``JSONValue/render(pretty:sortedKeys:)`` writes,
/// without building a tree first. Callers write objects and arrays themselves: ``byte(_:)`` for the
/// opening bracket, ``key(_:first:indent:)`` or ``separator(first:indent:)`` before each member or
/// item, and ``close(_:indent:)``. `indent` is the depth of the member in a pretty document (two
/// spaces per level), nil for compact text.
struct JSONWriter: Sendable {
    /// The text written so far, UTF-8.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(max(0, capacity))
    }

    /// Appends text that needs no escaping (punctuation, literals, numbers already formatted).
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends one byte that needs no escaping.
    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    /// Appends the bytes of another writer.
    mutating func append(_ other: JSONWriter) {
        bytes.append(contentsOf: other.bytes)
    }

    /// Hands the text written so far to `sink` and empties the buffer, keeping its capacity.
    mutating func drain(_ sink: (UnsafeRawBufferPointer) -> Void) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { sink($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    /// Appends a line break and `indent` spaces.
    mutating func newline(indent: Int) {
        let table = Self.indentation
        var remaining = indent
        bytes.append(0x0A)
        while remaining > 0 {
            let count = min(remaining, table.count)
            table.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
            remaining -= count
        }
    }

    /// Spaces for ``newline(indent:)``, enough for every level a report reaches in one append.
    private static let indentation = [UInt8](repeating: 0x20, count: 64)

    /// Appends the separator before a member or item (`,` unless it is the first) and, when pretty
    /// (`indent` not nil), the line break and indentation of the member.
    mutating func separator(first: Bool, indent: Int?) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        if let indent { newline(indent: indent) }
    }

    /// Appends an object key at `indent` (nil: compact) after its separator: `"key": ` pretty,
    /// `"key":` compact.
    mutating func key(_ name: String, first: Bool, indent: Int?) {
        separator(first: first, indent: indent)
        string(name)
        if indent == nil {
            bytes.append(UInt8(ascii: ":"))
        } else {
            raw(": ")
        }
    }

    /// Appends the closing bracket of a non-empty object or array whose opening bracket is at
    /// `indent` (nil: compact).
    mutating func close(_ bracket: UInt8, indent: Int?) {
        if let indent { newline(indent: indent) }
        bytes.append(bracket)
    }

    /// Appends `null`.
    mutating func null() {
        raw("null")
    }

    /// Appends `true` or `false`.
    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// Appends an integer in decimal, as `String(value)` writes it.
    mutating func int(_ value: Int) {
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
