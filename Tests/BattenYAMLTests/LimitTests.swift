import Testing

@testable import BattenYAML

@Suite("Limits")
struct LimitTests {
    /// Nine levels of nine aliases each: about 387 million nodes once expanded.
    static let billionLaughs: String = {
        var lines = ["a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            let aliases = Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
            lines.append("\(name): &\(name) [\(aliases)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func defaultLimits() {
        let limits = YAMLLimits.default
        #expect(limits.maxFileSize == 32 * 1024 * 1024)
        #expect(limits.maxDepth == 256)
        #expect(limits.maxExpandedNodes == 1_000_000)
        #expect(limits.maxAliasExpansion == 100_000)
        #expect(limits.aliasExpansionFactor == 10)
        #expect(limits.aliasExpansionBudget(nodes: 5_000) == 100_000)
        #expect(limits.aliasExpansionBudget(nodes: 50_000) == 500_000)
        #expect(limits.maxAliasTextExpansion == 8 << 20)
        #expect(limits.aliasTextBudget(bytes: 512 << 10) == 8 << 20)
        #expect(limits.aliasTextBudget(bytes: 1 << 30) == 10 << 30)
        #expect(YAMLLimits() == limits)
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        let clock = ContinuousClock()
        var stream: YAMLStream?
        let elapsed = clock.measure {
            stream = YAMLParser.parse(Self.billionLaughs, path: "bomb.yaml")
        }
        #expect(elapsed < .seconds(1))
        let error = try #require(stream?.error)
        #expect(error.kind == .tooManyNodes)
        #expect(error.path == "bomb.yaml")
        // f expands to 597,871 nodes; g, nine of those, is the first node over the limit.
        #expect(error.position == SourcePosition(offset: 288, line: 7, column: 4))
        #expect(error.message == "document has more than 1000000 nodes once aliases are expanded (an alias bomb?)")
        #expect(stream?.documents.isEmpty == true)
    }

    @Test func expandedCountAtTheLimitIsAccepted() throws {
        // Root + a (1 + 4 items) + two aliases of 5 each = 16 nodes.
        let text = "- &a [1, 2, 3, 4]\n- *a\n- *a\n"
        #expect(YAMLParser.parse(text, limits: YAMLLimits(maxExpandedNodes: 16)).error == nil)
        let error = try parseError(text, limits: YAMLLimits(maxExpandedNodes: 15))
        #expect(error.kind == .tooManyNodes)
        #expect(error.position == SourcePosition(offset: 0, line: 1, column: 1))
    }

    @Test func aliasExpansionOverTheBudgetNamesTheHeaviestAnchor() throws {
        // 17 nodes written: the root, three keys, two anchored sequences of 2 and 3 items, a sequence
        // of five aliases. The aliases stand for 3 + 3 + 4 + 4 + 4 = 18 nodes.
        let text = "a: &small [1, 2]\nb: &big [1, 2, 3]\nc: [*small, *small, *big, *big, *big]\n"
        #expect(YAMLParser.parse(text, limits: YAMLLimits(maxAliasExpansion: 18, aliasExpansionFactor: 1)).error == nil)
        #expect(YAMLParser.parse(text, limits: YAMLLimits(maxAliasExpansion: 1, aliasExpansionFactor: 2)).error == nil)
        let error = try parseError(text, limits: YAMLLimits(maxAliasExpansion: 17, aliasExpansionFactor: 1))
        #expect(error.kind == .aliasExpansion)
        #expect(error.position == SourcePosition(offset: 20, line: 2, column: 4))
        #expect(
            error.message.hasPrefix("anchor &big stands for 4 nodes and is used by 3 aliases: the document's aliases stand for 18 nodes, over the limit of 17"))
    }

    @Test func aliasedTextOverTheBudgetNamesTheHeaviestAnchor() throws {
        // A document of 82 bytes whose aliases stand for 4 × 10 + 2 × 3 = 46 bytes of text.
        let text = "a: &long 0123456789\nb: &short abc\nc: [*long, *long, *long, *long, *short, *short]\n"
        let limits = YAMLLimits(maxAliasTextExpansion: 45, aliasExpansionFactor: 0)
        let error = try parseError(text, limits: limits)
        #expect(error.kind == .aliasExpansion)
        #expect(error.position == SourcePosition(offset: 3, line: 1, column: 4))
        #expect(
            error.message.hasPrefix(
                "anchor &long stands for 10 bytes of text and is used by 4 aliases: the document's aliases stand for 46 bytes of text, over the limit of 45"))
        #expect(YAMLParser.parse(text, limits: YAMLLimits(maxAliasTextExpansion: 46, aliasExpansionFactor: 0)).error == nil)
        #expect(YAMLParser.parse(text, limits: YAMLLimits(maxAliasTextExpansion: 0, aliasExpansionFactor: 1)).error == nil)
    }

    @Test func aliasExpansionIsCountedPerDocument() {
        let document = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n"
        let text = document + "---\n" + document
        #expect(YAMLParser.parse(text, limits: YAMLLimits(maxAliasExpansion: 12, aliasExpansionFactor: 1)).error == nil)
        #expect(YAMLParser.parse(text, limits: YAMLLimits(maxAliasExpansion: 11, aliasExpansionFactor: 1)).error?.kind == .aliasExpansion)
    }

    @Test func deepFlowNestingIsRefused() throws {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let clock = ContinuousClock()
        var stream: YAMLStream?
        let elapsed = clock.measure { stream = YAMLParser.parse(text, path: "deep.yaml") }
        #expect(elapsed < .seconds(1))
        let error = try #require(stream?.error)
        #expect(error.kind == .tooDeep)
        #expect(error.position == SourcePosition(offset: 256, line: 1, column: 257))
        #expect(error.message == "nesting is deeper than the limit of 256 levels")
    }

    @Test func deepBlockNestingIsRefused() throws {
        var text = ""
        for level in 0..<300 {
            text += String(repeating: " ", count: level) + "k:\n"
        }
        let error = try parseError(text)
        #expect(error.kind == .tooDeep)
        #expect(error.position == SourcePosition(offset: independentByteOffset(in: Array(text.utf8), line: 257, column: 257), line: 257, column: 257))
    }

    /// `name: &name [[[ … *previous … ]]]`, `levels` brackets deep.
    private static func nestedAliasLine(_ name: String, levels: Int, inner: String) -> String {
        "\(name): &\(name) " + String(repeating: "[", count: levels) + inner + String(repeating: "]", count: levels)
    }

    @Test func aliasesThatNestTooDeepOnceExpandedAreRefused() throws {
        let text =
            [
                Self.nestedAliasLine("a1", levels: 100, inner: "x"),
                Self.nestedAliasLine("a2", levels: 100, inner: "*a1"),
                Self.nestedAliasLine("a3", levels: 100, inner: "*a2"),
            ].joined(separator: "\n") + "\n"
        let error = try parseError(text)
        #expect(error.kind == .tooDeep)
        #expect(error.position.line == 3)
        #expect(error.position.column == 109)
        #expect(error.message == "alias *a2 nests deeper than the limit of 256 levels once expanded")
    }

    /// 45 KB that expand to 21,000 levels within the node limit: enough to overflow the stack of
    /// anything that walks the tree recursively, such as `value(_:)`.
    @Test func longChainOfNestedAliasesIsRefusedBeforeAnythingRecursesThroughIt() throws {
        var lines = [Self.nestedAliasLine("n0", levels: 250, inner: "x")]
        for index in 1..<85 {
            lines.append(Self.nestedAliasLine("n\(index)", levels: 250, inner: "*n\(index - 1)"))
        }
        let error = try parseError(lines.joined(separator: "\n"))
        #expect(error.kind == .tooDeep)
        #expect(error.position.line == 2)
    }

    @Test func aliasNestingAtTheLimitIsAccepted() throws {
        let text = Self.nestedAliasLine("a", levels: 3, inner: "x") + "\n" + Self.nestedAliasLine("b", levels: 2, inner: "*a") + "\n"
        let document = try #require(YAMLParser.parse(text, limits: YAMLLimits(maxDepth: 6)).documents.first)
        let value = document.value(try #require(document.root))
        #expect(value["b"] == .sequence([.sequence([.sequence([.sequence([.sequence([.string("x")], flow: true)])])])]))
        let error = try parseError(text, limits: YAMLLimits(maxDepth: 5))
        #expect(error.kind == .tooDeep)
        #expect(error.position == SourcePosition(offset: 22, line: 2, column: 9))
    }

    @Test func nestingAtTheDepthLimitIsAccepted() throws {
        let limits = YAMLLimits(maxDepth: 3)
        #expect(YAMLParser.parse("[[[x]]]", limits: limits).error == nil)
        let error = try parseError("[[[[x]]]]", limits: limits)
        #expect(error.kind == .tooDeep)
        #expect(error.position == SourcePosition(offset: 3, line: 1, column: 4))
    }

    @Test func fileOverTheSizeLimitIsRefused() throws {
        let limits = YAMLLimits(maxFileSize: 16)
        let error = try parseError("a: 0123456789abc\n", path: "big.yaml", limits: limits)
        #expect(error.kind == .fileTooLarge)
        #expect(error.path == "big.yaml")
        #expect(error.position == SourcePosition(offset: 0, line: 1, column: 1))
        #expect(error.message == "file is 17 bytes, over the limit of 16 bytes")
    }

    @Test func fileAtTheSizeLimitIsAccepted() throws {
        let limits = YAMLLimits(maxFileSize: 16)
        let stream = YAMLParser.parse("a: 0123456789ab\n", limits: limits)
        #expect(stream.error == nil)
        #expect(stream.documents.count == 1)
    }

    @Test func sizeLimitCountsTheByteOrderMark() throws {
        let limits = YAMLLimits(maxFileSize: 4)
        let error = try parseError(bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1".utf8), limits: limits)
        #expect(error.kind == .fileTooLarge)
    }
}
