internal import CYAML

/// Reads the documents of one stream one at a time, on demand: the caller decides when to parse
/// the next one, so that a file of thousands of documents can be handed out in slices while it is
/// read, without holding every document at once.
///
/// Reading is sequential: one caller at a time, though not always on the same thread (a task that
/// reads a slice can leave the rest to a later task). The reader keeps its own copy of the bytes,
/// since libyaml reads them for as long as the reader lives.
public final class YAMLDocumentReader: @unchecked Sendable {
    public let source: SourceFile
    /// The error that stopped the stream, once ``next()`` has returned nil; nil when the whole
    /// stream was read.
    public private(set) var error: YAMLError?
    /// True once ``next()`` has returned nil.
    public private(set) var isFinished = false
    /// Documents returned so far.
    public private(set) var count = 0

    private let input: UnsafeMutableBufferPointer<UInt8>
    private let parser: UnsafeMutablePointer<yaml_parser_t>?
    private var builder: DocumentBuilder

    public init(_ source: SourceFile, limits: YAMLLimits = .default) {
        self.source = source
        builder = DocumentBuilder(source: source, limits: limits)
        // One byte more than the file, so that an empty file still has a valid pointer.
        input = .allocate(capacity: source.bytes.count + 1)
        _ = input.initialize(from: source.bytes)
        input[source.bytes.count] = 0
        if let refusal = YAMLParser.refusal(source, limits: limits) {
            parser = nil
            error = refusal
            isFinished = true
        } else if let base = input.baseAddress, let parser = YAMLParser.makeParser(input: base, count: source.bytes.count) {
            self.parser = parser
        } else {
            parser = nil
            error = YAMLParser.parserUnavailable(source)
            isFinished = true
        }
    }

    deinit {
        if let parser { YAMLParser.deleteParser(parser) }
        input.deallocate()
    }

    /// The next document, or nil at the end of the stream or at the error that stopped it
    /// (``error``).
    public func next() -> YAMLDocument? {
        guard !isFinished, let parser else { return nil }
        var document: YAMLDocument?
        if let failure = builder.next(parser: parser, produced: &document) {
            error = failure
        }
        guard let document else {
            isFinished = true
            return nil
        }
        count += 1
        return document
    }
}
