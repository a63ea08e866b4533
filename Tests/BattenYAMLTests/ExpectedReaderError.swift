/// The first byte libyaml's reader refuses in a UTF-8 input, worked out independently of it:
/// where the bad character starts, its 1-based line and column, and the message Batten reports.
struct ExpectedReaderError: Equatable {
    let offset: Int
    let line: Int
    let column: Int
    let message: String

    /// Nil when every byte decodes to a character YAML allows.
    static func find(in bytes: [UInt8]) -> ExpectedReaderError? {
        var offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var column = 1
        while offset < bytes.count {
            let lead = bytes[offset]
            func failure(_ problem: String, _ value: Int?) -> ExpectedReaderError {
                let suffix = value.map { " (byte or character #x\(String($0, radix: 16, uppercase: true)))" } ?? ""
                return ExpectedReaderError(offset: offset, line: line, column: column, message: problem + suffix)
            }
            let width = lead & 0x80 == 0 ? 1 : lead & 0xE0 == 0xC0 ? 2 : lead & 0xF0 == 0xE0 ? 3 : lead & 0xF8 == 0xF0 ? 4 : 0
            guard width > 0 else { return failure("invalid leading UTF-8 octet", Int(lead)) }
            guard offset + width <= bytes.count else { return failure("incomplete UTF-8 octet sequence", nil) }
            var value = width == 1 ? Int(lead) : Int(lead) & (0x7F >> width)
            for index in (offset + 1)..<(offset + width) {
                guard bytes[index] & 0xC0 == 0x80 else { return failure("invalid trailing UTF-8 octet", Int(bytes[index])) }
                value = value << 6 | Int(bytes[index] & 0x3F)
            }
            let minimum = [1: 0, 2: 0x80, 3: 0x800, 4: 0x10000][width] ?? 0
            guard value >= minimum else { return failure("invalid length of a UTF-8 sequence", nil) }
            guard !(0xD800...0xDFFF).contains(value), value <= 0x10FFFF else {
                return failure("invalid Unicode character", value)
            }
            let allowed =
                value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0x7E).contains(value)
                || value == 0x85 || (0xA0...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
                || (0x10000...0x10FFFF).contains(value)
            guard allowed else { return failure("control characters are not allowed", value) }
            if value == 0x0A || (value == 0x0D && (offset + 1 >= bytes.count || bytes[offset + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if value != 0x0D {
                column += 1
            }
            offset += width
        }
        return nil
    }
}
