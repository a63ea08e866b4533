import Testing

@testable import BattenYAML

@Suite("Tags")
struct TagTests {
    static let source = """
        ports: !override
          - "8080:80"
        environment: !reset {}
        volumes: !reset null
        labels: !override {a: b}
        count: !!str 0755
        when: !!int "12"
        custom: !foo bar
        seq: !foo [1]
        verbatim: !<tag:yaml.org,2002:str> x
        local: !<!bar> y
        plain: x

        """

    @Test(arguments: [
        ("ports", "!override"),
        ("environment", "!reset"),
        ("volumes", "!reset"),
        ("labels", "!override"),
        ("count", "!!str"),
        ("when", "!!int"),
        ("custom", "!foo"),
        ("seq", "!foo"),
        ("verbatim", "!!str"),
        ("local", "!bar"),
    ])
    func tagIsKeptAsWritten(key: String, tag: String) throws {
        let document = try parseSingleDocument(Self.source)
        let node = try document.node(at: key)
        #expect(document.tag(node) == tag)
        #expect(document.ref(node).tag == tag)
    }

    @Test func untaggedNodeHasNoTag() throws {
        let document = try parseSingleDocument(Self.source)
        #expect(document.tag(try document.node(at: "plain")) == nil)
        #expect(document.tag(try document.node(at: "ports/0")) == nil)
        #expect(document.tag(try document.node(at: "@ports")) == nil)
    }

    @Test func taggedNodeKindsAndRanges() throws {
        let document = try parseSingleDocument(Self.source)
        let ports = try document.node(at: "ports")
        #expect(document.kind(ports) == .sequence)
        #expect(document.slicedText(ports) == "!override\n  - \"8080:80\"")
        let environment = try document.node(at: "environment")
        #expect(document.kind(environment) == .mapping)
        #expect(document.children(environment).isEmpty)
        #expect(document.slicedText(environment) == "!reset {}")
        let volumes = try document.node(at: "volumes")
        #expect(document.kind(volumes) == .scalar)
        #expect(document.scalar(volumes) == "null")
    }

    @Test func tagWithoutContentIsAnEmptyScalar() throws {
        let document = try parseSingleDocument("a: !reset\nb: 1\n")
        let node = try document.node(at: "a")
        #expect(document.kind(node) == .scalar)
        #expect(document.tag(node) == "!reset")
        #expect(document.scalar(node) == "")
        #expect(document.slicedText(node) == "!reset")
    }

    @Test(arguments: [
        ("count", ScalarType.string),
        ("when", .int),
        ("custom", .string),
        ("volumes", .string),
        ("plain", .string),
    ])
    func scalarTypeFollowsTheTag(key: String, type: ScalarType) throws {
        let document = try parseSingleDocument(Self.source)
        #expect(document.scalarType(try document.node(at: key)) == type)
    }

    @Test func valueKeepsTags() throws {
        let document = try parseSingleDocument(Self.source)
        #expect(document.value(try document.node(at: "ports")) == .sequence([.string("8080:80")], tag: "!override"))
        #expect(document.value(try document.node(at: "environment")) == .mapping([], tag: "!reset"))
        #expect(document.value(try document.node(at: "count")) == .string("0755", tag: "!!str"))
        #expect(document.value(try document.node(at: "custom")) == .string("bar", tag: "!foo"))
        #expect(document.value(try document.node(at: "seq")) == .sequence([.literal("1")], tag: "!foo"))
    }

    @Test func tagDirectiveExpandsTheHandle() throws {
        let document = try parseSingleDocument("%TAG !e! tag:example.com,2024:\n---\na: !e!thing x\n")
        #expect(document.tag(try document.node(at: "a")) == "tag:example.com,2024:thing")
    }
}
