/// Eight bytes of text tested at once, for scans that skip runs of plain ASCII: a line table looking
/// for line breaks, a JSON escaper looking for bytes to escape.
///
/// The tests answer exactly only while every byte is ASCII (below 0x80), so a scan asks
/// ``isASCII`` first: with every high bit clear, subtracting `n` from each byte borrows into a
/// byte's high bit exactly when that byte is below `n`, and no borrow crosses into the next byte.
public struct ASCIIWord {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highBits: UInt64 = 0x8080_8080_8080_8080

    @usableFromInline let bits: UInt64

    /// The eight bytes at `pointer`, which need not be aligned.
    @inlinable
    public init(_ pointer: UnsafePointer<UInt8>) {
        bits = UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)
    }

    /// True when all eight bytes are below 0x80.
    @inlinable
    public var isASCII: Bool { bits & Self.highBits == 0 }

    /// True when a byte is below `limit` (at most 0x80). Exact only for an ASCII word.
    @inlinable
    public func containsByte(below limit: UInt8) -> Bool {
        Self.hasByteBelow(bits, limit)
    }

    /// True when a byte is `byte` (ASCII). Exact only for an ASCII word: a byte equal to `byte`
    /// becomes zero in `bits ^ byte per byte`, and zero is the one byte below 1.
    @inlinable
    public func contains(_ byte: UInt8) -> Bool {
        Self.hasByteBelow(bits ^ (Self.ones &* UInt64(byte)), 1)
    }

    @inlinable
    static func hasByteBelow(_ value: UInt64, _ limit: UInt8) -> Bool {
        (value &- Self.ones &* UInt64(limit)) & ~value & Self.highBits != 0
    }
}
