/// Where a reporter writes: the report's bytes, kept whole (``init()``) or handed to a sink a few
/// megabytes at a time, so that a streamed report is never held in memory.
public struct ReportOutput {
    /// What is written and not yet handed on.
    public private(set) var bytes: [UInt8] = []
    private let sink: ((UnsafeRawBufferPointer) -> Void)?
    private let chunkSize: Int

    /// Keeps the whole report in ``bytes``.
    public init() {
        sink = nil
        chunkSize = .max
    }

    /// Hands the report to `sink` in order, whenever at least `chunkSize` bytes are waiting, and
    /// the rest at ``flush()``.
    public init(chunkSize: Int = 1 << 22, to sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.sink = sink
        self.chunkSize = max(1, chunkSize)
        bytes.reserveCapacity(min(self.chunkSize, 1 << 22) + 65_536)
    }

    /// Appends text.
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
        handOnWhenFull()
    }

    /// Appends the text a JSON writer has so far and empties its buffer.
    mutating func append(_ json: inout JSONWriter) {
        json.drain { bytes.append(contentsOf: $0) }
        handOnWhenFull()
    }

    /// Hands on everything written so far (with a sink; without one, the bytes stay).
    public mutating func flush() {
        guard let sink, !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { sink($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func handOnWhenFull() {
        if bytes.count >= chunkSize { flush() }
    }
}
