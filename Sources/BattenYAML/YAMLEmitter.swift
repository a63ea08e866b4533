internal import CYAML

/// Writes new YAML documents through libyaml's emitter.
///
/// Strings that a reader would take for something else (`yes`, `on`, `null`, `~`, `0755`, `1e3`,
/// an empty string, text starting with an indicator or holding `: `) are quoted; multi-line strings
/// use literal block style where libyaml allows it.
public enum YAMLEmitter {
    public struct Options: Sendable {
        public var indent: Int
        /// Maximum line width; -1 for no folding.
        public var width: Int
        /// Write `---` before each document.
        public var explicitDocumentStart: Bool

        public init(indent: Int = 2, width: Int = -1, explicitDocumentStart: Bool = false) {
            self.indent = indent
            self.width = width
            self.explicitDocumentStart = explicitDocumentStart
        }
    }

    public struct EmitError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { "YAML emitter error: \(message)" }
    }

    /// Emits one document.
    public static func emit(_ value: YAMLValue, options: Options = Options()) throws -> String {
        try emit(documents: [value], options: options)
    }

    /// Emits a stream of documents.
    public static func emit(documents: [YAMLValue], options: Options = Options()) throws -> String {
        let sink = OutputSink()
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        defer { emitter.deallocate() }
        guard yaml_emitter_initialize(emitter) != 0 else { throw EmitError(message: "could not allocate an emitter") }
        defer { yaml_emitter_delete(emitter) }
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_indent(emitter, Int32(options.indent))
        yaml_emitter_set_width(emitter, Int32(options.width))
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        yaml_emitter_set_output(
            emitter,
            { data, buffer, size in
                guard let data, let buffer else { return 0 }
                let sink = Unmanaged<OutputSink>.fromOpaque(data).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
                return 1
            }, context)

        let writer = EventWriter(emitter: emitter)
        var event = yaml_event_t()
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        try writer.send(&event)
        for document in documents {
            yaml_document_start_event_initialize(&event, nil, nil, nil, options.explicitDocumentStart ? 0 : 1)
            try writer.send(&event)
            try writer.write(document)
            yaml_document_end_event_initialize(&event, 1)
            try writer.send(&event)
        }
        yaml_stream_end_event_initialize(&event)
        try writer.send(&event)
        yaml_emitter_flush(emitter)
        return withExtendedLifetime(sink) { String(decoding: sink.bytes, as: UTF8.self) }
    }

    /// The tag in libyaml's full form: `!!str` becomes `tag:yaml.org,2002:str`.
    static func fullTag(_ tag: String) -> String {
        tag.hasPrefix("!!") ? "tag:yaml.org,2002:" + tag.dropFirst(2) : tag
    }
}

private final class OutputSink {
    var bytes: [UInt8] = []
}

private struct EventWriter {
    let emitter: UnsafeMutablePointer<yaml_emitter_t>

    func send(_ event: inout yaml_event_t) throws {
        guard yaml_emitter_emit(emitter, &event) != 0 else {
            let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "unknown"
            throw YAMLEmitter.EmitError(message: problem)
        }
    }

    func write(_ value: YAMLValue) throws {
        var event = yaml_event_t()
        let tag = value.tag.map(YAMLEmitter.fullTag)
        try withOptionalCString(tag) { tagPointer in
            switch value.content {
            case .scalar(let text, let kind):
                let style: yaml_scalar_style_t
                let plainImplicit: Int32
                switch kind {
                case .literal:
                    style = YAML_PLAIN_SCALAR_STYLE
                    plainImplicit = tag == nil ? 1 : 0
                case .string:
                    if text.contains("\n") {
                        style = YAML_LITERAL_SCALAR_STYLE
                    } else if ScalarResolution.readsBackAsString(text) && !ScalarResolution.isColonSeparatedNumbers(text) {
                        style = YAML_PLAIN_SCALAR_STYLE
                    } else {
                        style = YAML_DOUBLE_QUOTED_SCALAR_STYLE
                    }
                    plainImplicit = tag == nil && ScalarResolution.readsBackAsString(text) ? 1 : 0
                }
                var bytes = Array(text.utf8)
                bytes.append(0)
                let ok = bytes.withUnsafeMutableBufferPointer { buffer in
                    yaml_scalar_event_initialize(
                        &event, nil, tagPointer, buffer.baseAddress, Int32(buffer.count - 1),
                        plainImplicit, tag == nil ? 1 : 0, style)
                }
                guard ok != 0 else { throw YAMLEmitter.EmitError(message: "could not create a scalar event") }
                try send(&event)
            case .sequence(let items):
                yaml_sequence_start_event_initialize(
                    &event, nil, tagPointer, tag == nil ? 1 : 0,
                    value.flow || items.isEmpty ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE)
                try send(&event)
                for item in items { try write(item) }
                yaml_sequence_end_event_initialize(&event)
                try send(&event)
            case .mapping(let entries):
                yaml_mapping_start_event_initialize(
                    &event, nil, tagPointer, tag == nil ? 1 : 0,
                    value.flow || entries.isEmpty ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE)
                try send(&event)
                for entry in entries {
                    try write(entry.key)
                    try write(entry.value)
                }
                yaml_mapping_end_event_initialize(&event)
                try send(&event)
            }
        }
    }

    private func withOptionalCString<R>(_ text: String?, _ body: (UnsafeMutablePointer<yaml_char_t>?) throws -> R) rethrows -> R {
        guard let text else { return try body(nil) }
        var bytes = Array(text.utf8)
        bytes.append(0)
        return try bytes.withUnsafeMutableBufferPointer { try body($0.baseAddress) }
    }
}
