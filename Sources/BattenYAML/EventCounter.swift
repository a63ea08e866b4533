internal import CYAML

extension YAMLParser {
    /// Drives libyaml's event parser over `bytes` and counts the events, building nothing: the
    /// floor any libyaml-based reader pays. Returns nil when libyaml reports an error.
    public static func countEvents(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) != 0 else { return nil }
            defer { yaml_parser_delete(parser) }
            let empty: [UInt8] = [0]
            return empty.withUnsafeBufferPointer { emptyBuffer -> Int? in
                guard let base = buffer.count > 0 ? buffer.baseAddress : emptyBuffer.baseAddress else { return nil }
                yaml_parser_set_input_string(parser, base, buffer.count)
                var event = yaml_event_t()
                var count = 0
                while true {
                    guard yaml_parser_parse(parser, &event) != 0 else { return nil }
                    let type = event.type
                    yaml_event_delete(&event)
                    count += 1
                    if type == YAML_STREAM_END_EVENT { return count }
                }
            }
        }
    }
}
