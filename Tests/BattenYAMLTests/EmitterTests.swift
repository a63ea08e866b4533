import Testing

@testable import BattenYAML

/// Emits `value`, parses the text back and returns the document.
private func emitAndParse(_ value: YAMLValue, options: YAMLEmitter.Options = YAMLEmitter.Options()) throws -> (text: String, document: YAMLDocument) {
    let text = try YAMLEmitter.emit(value, options: options)
    let document = try parseSingleDocument(text, path: "emitted.yaml")
    return (text, document)
}

@Suite("Emitter")
struct EmitterTests {
    static let shapes: [YAMLValue] = [
        .string("plain"),
        .literal("42"),
        .null,
        .bool(true),
        .int(-7),
        .mapping([("image", .string("nginx:1.25")), ("user", .string("1000:1000")), ("read_only", .bool(true))]),
        .mapping([("a", .mapping([("b", .mapping([("c", .sequence([.string("deep"), .int(1)]))]))]))]),
        .sequence([.sequence([.string("x"), .sequence([])]), .mapping([]), .mapping([("k", .null)])]),
        .sequence([]),
        .mapping([]),
        .mapping([("empty_list", .sequence([])), ("empty_map", .mapping([]))]),
        .mapping([("ports", .sequence([.string("8080:80")], tag: "!override"))]),
        .mapping([("environment", .mapping([("A", .string("1"))], tag: "!reset"))]),
        .mapping([("volumes", .sequence([], tag: "!reset")), ("labels", .mapping([], tag: "!override"))]),
        .mapping([("x", YAMLValue(.scalar("null", .literal), tag: "!reset"))]),
        .sequence([.string("a", tag: "!foo"), .string("yes", tag: "!!str"), .mapping([("k", .string("v"))], tag: "!bar")]),
        .mapping([("script", .string("echo one\necho two\n")), ("no_newline", .string("line one\nline two"))]),
        .mapping([("kept", .string("text\n\n\n")), ("indented", .string("  leading\nspaces\n")), ("blank_first", .string("\nafter"))]),
        .mapping([("only_newline", .string("\n")), ("trailing_space", .string("a \nb")), ("crlf", .string("a\r\nb"))]),
        .sequence([.string("日本語"), .string("é"), .string("😀 emoji"), .string("mixed 日本 and ascii"), .string("\u{FEFF}bom"), .string("nel\u{85}x")]),
        .mapping([("日本", .string("值")), ("ключ", .string("значение"))]),
        .sequence([.string("tab\there"), .string("bell\u{7}"), .string("nul\u{0}byte"), .string("del\u{7F}")]),
        .sequence([.string("flow"), .string("yes"), .string("a: b"), .string("multi\nline")], flow: true),
        .mapping([("inline", .mapping([("a", .string("on")), ("b", .sequence([.string("- x")], flow: true))], flow: true))]),
        YAMLValue(
            .mapping([
                YAMLValue.Entry(.sequence([.string("complex"), .string("key")]), .string("value")),
                YAMLValue.Entry(.mapping([("k", .string("v"))]), .string("map key")),
                YAMLValue.Entry(.literal("1"), .string("int key")),
                YAMLValue.Entry(.string("two\nlines"), .string("multi-line key")),
            ])),
        .mapping([("long", .string(String(repeating: "word ", count: 60) + "end"))]),
        .mapping([(String(repeating: "k", count: 200), .string("long key"))]),
    ]

    @Test(arguments: shapes)
    func roundTrip(value: YAMLValue) throws {
        let (text, document) = try emitAndParse(value)
        let root = try #require(document.root)
        #expect(document.value(root) == value, "emitted:\n\(text)")
    }

    static let mustBeQuoted = [
        "yes", "no", "on", "off", "Yes", "NO", "y", "n", "true", "False", "null", "Null", "~", "",
        "0755", "1e3", "0x1F", "0X1F", "0o17", "0B11", "-_1", "1e1_0", "12", "-3", "+4", "1_000", "1.5", ".5", ".inf", "-.inf", ".nan", "190:20:30", "22:22",
        "2024-01-01", "2001-12-14t21:59:43.10-05:00", "<<", "=",
        "*alias", "&anchor", "!tag", "%directive", "@at", "`tick", "|pipe", "> folded", "'single", "\"double", "#comment",
        "? question", "?", ":", "a: b", "key:", "a #b", " leading", "trailing ", " both ", "-", "- x", "--- x", "---", "...",
        "[x]", "{x}", "[", "]", "{", "}", ",x",
    ]

    @Test(arguments: mustBeQuoted)
    func stringsThatWouldReadAsSomethingElseAreQuoted(text: String) throws {
        let value = YAMLValue.mapping([("key", .string(text)), ("list", .sequence([.string(text)])), ("flow", .sequence([.string(text)], flow: true))])
        let (emitted, document) = try emitAndParse(value)
        #expect(document.value(try #require(document.root)) == value, "emitted:\n\(emitted)")
        for path in ["key", "list/0", "flow/0"] {
            let node = try document.node(at: path)
            #expect(document.style(node).isQuoted, "\(path) in:\n\(emitted)")
            #expect(document.scalar(node) == text)
            #expect(document.scalarType(node) == .string)
        }
    }

    @Test(arguments: mustBeQuoted)
    func keysThatWouldReadAsSomethingElseAreQuoted(text: String) throws {
        let value = YAMLValue.mapping([(text, .string("v"))])
        let (emitted, document) = try emitAndParse(value)
        let root = try #require(document.root)
        #expect(document.value(root) == value, "emitted:\n\(emitted)")
        let key = try #require(document.pairs(root).first?.key)
        #expect(document.style(key).isQuoted, "emitted:\n\(emitted)")
        #expect(!document.hasMergeKeys(root))
    }

    @Test(arguments: [
        "nginx:1.25", "/var/run/docker.sock", "ALL", "NET_ADMIN", "web", "v1.25",
        "1.2.3", "yes please", "a-b", "a#b", "a:b", "日本", "http://example.com/x?y=1", "runtime/default",
    ])
    func ordinaryStringsStayPlain(text: String) throws {
        let value = YAMLValue.mapping([("key", .string(text)), ("list", .sequence([.string(text)])), (text, .string("as key"))])
        let (emitted, document) = try emitAndParse(value)
        #expect(document.value(try #require(document.root)) == value)
        #expect(document.style(try document.node(at: "key")) == .plain)
        #expect(document.style(try document.node(at: "list/0")) == .plain)
        let root = try #require(document.root)
        let key = try #require(document.pairs(root).first { document.scalar($0.key) == text }?.key)
        #expect(document.style(key) == .plain)
        #expect(emitted == "key: \(text)\nlist:\n- \(text)\n\(text): as key\n")
    }

    @Test func literalsAreWrittenPlain() throws {
        let value = YAMLValue.mapping([
            ("count", .int(3)), ("enabled", .bool(false)), ("nothing", .null), ("mode", .literal("0755")), ("ratio", .literal("1.5")),
        ])
        #expect(try YAMLEmitter.emit(value) == "count: 3\nenabled: false\nnothing: null\nmode: 0755\nratio: 1.5\n")
    }

    @Test func tagsOnCollectionsAndScalars() throws {
        let value = YAMLValue.mapping([
            ("a", .sequence([.string("x")], tag: "!override")),
            ("b", .mapping([("c", .null)], tag: "!reset")),
            ("e", .sequence([], tag: "!reset")),
            ("f", .mapping([])),
            ("g", .string("0755", tag: "!!str")),
            ("h", .string("text", tag: "!foo")),
        ])
        #expect(
            try YAMLEmitter.emit(value) == """
                a: !override
                - x
                b: !reset
                  c: null
                e: !reset []
                f: {}
                g: !!str "0755"
                h: !foo text

                """)
    }

    @Test func multiLineStringsUseLiteralStyle() throws {
        let value = YAMLValue.mapping([("run", .string("echo one\necho two\n")), ("strip", .string("a\nb"))])
        let (text, document) = try emitAndParse(value)
        #expect(text == "run: |\n  echo one\n  echo two\nstrip: |-\n  a\n  b\n")
        #expect(document.style(try document.node(at: "run")) == .literal)
        #expect(document.style(try document.node(at: "strip")) == .literal)
    }

    @Test func unicodeIsWrittenAsIs() throws {
        #expect(try YAMLEmitter.emit(.mapping([("name", .string("café 日本"))])) == "name: café 日本\n")
    }

    @Test func indentOption() throws {
        let value = YAMLValue.mapping([("a", .mapping([("b", .sequence([.string("c")]))]))])
        #expect(try YAMLEmitter.emit(value, options: YAMLEmitter.Options(indent: 4)) == "a:\n    b:\n    - c\n")
    }

    @Test func explicitDocumentStartOption() throws {
        let options = YAMLEmitter.Options(explicitDocumentStart: true)
        #expect(try YAMLEmitter.emit(.mapping([("a", .int(1))]), options: options) == "---\na: 1\n")
    }

    @Test func streamOfDocuments() throws {
        let documents: [YAMLValue] = [.mapping([("a", .int(1))]), .sequence([.string("b")]), .mapping([])]
        let text = try YAMLEmitter.emit(documents: documents)
        #expect(text == "a: 1\n---\n- b\n--- {}\n")
        let stream = YAMLParser.parse(text)
        #expect(stream.error == nil)
        #expect(stream.documents.compactMap { document in document.root.map { document.value($0) } } == documents)
    }

    @Test func fullTagSpelling() {
        #expect(YAMLEmitter.fullTag("!!str") == "tag:yaml.org,2002:str")
        #expect(YAMLEmitter.fullTag("!override") == "!override")
    }

    @Test func parsedDocumentEmitsBackToAnEqualValue() throws {
        let source = """
            services:
              web:
                image: "nginx:1.25"
                ports: !override ["8080:80", '443']
                environment:
                  DEBUG: 'yes'
                  LEVEL: 3
                command: |
                  run --flag
                  exit
                user: 1000:1000
                healthcheck: {test: [CMD, curl, -f, http://localhost], interval: 30s}
                read_only: true
                cap_drop: [ALL]
                tmpfs: ~

            """
        let document = try parseSingleDocument(source)
        let value = document.value(try #require(document.root))
        let (text, reparsed) = try emitAndParse(value)
        #expect(reparsed.value(try #require(reparsed.root)) == value, "emitted:\n\(text)")
        #expect(value["services"]?["web"]?["environment"]?["DEBUG"] == .string("yes"))
        #expect(value["services"]?["web"]?["ports"]?.tag == "!override")
    }
}

/// Numbers joined by colons are always quoted: YAML 1.1 readers take some of them (`22:22`) for
/// base-60 numbers, and the Compose documentation recommends quoting ports.
struct ColonNumberQuotingTests {
    @Test(arguments: ["1000:1000", "8080:80", "22:22", "127.0.0.1:8080:80", "8000-8010:8000-8010", "53:53/udp", "8080:80/tcp"])
    func colonNumbersAreQuoted(text: String) throws {
        let value = YAMLValue.mapping([("key", .string(text))])
        let emitted = try YAMLEmitter.emit(value)
        let document = try #require(YAMLParser.parse(emitted).documents.first)
        let root = try #require(document.root)
        let node = try #require(document.value(forKey: "key", in: root))
        #expect(document.style(node).isQuoted, "emitted:\n\(emitted)")
        #expect(document.value(root) == value)
    }

    @Test(arguments: ["nginx:1.25", "a:b", "v1.25:x", "1.2.3", "12", "8080:80/", "8080:80/t1", "/8080:80"])
    func otherStringsAreNotColonNumbers(text: String) {
        #expect(!ScalarResolution.isColonSeparatedNumbers(text))
    }
}
