import Testing

@testable import BattenYAML

@Suite("Anchors and aliases")
struct AnchorAliasTests {
    @Test func aliasPointsAtItsAnchoredNode() throws {
        let document = try parseSingleDocument("base: &b {x: 1}\nuse: *b\nagain: *b\n")
        let anchored = try document.node(at: "base")
        #expect(document.anchor(anchored) == "b")
        let root = try #require(document.root)
        let alias = try #require(document.value(forKey: "use", in: root))
        #expect(document.kind(alias) == .alias)
        #expect(document.aliasTarget(alias) == anchored)
        #expect(document.resolve(alias) == anchored)
        #expect(document.aliasTarget(anchored) == nil)
        #expect(document.slicedText(alias) == "*b")
        #expect(document.startPosition(alias) == SourcePosition(offset: 21, line: 2, column: 6))
        #expect(document.aliasCount(to: anchored) == 2)
        #expect(document.ref(alias).resolved == document.ref(anchored))
    }

    @Test func aliasOfAScalar() throws {
        let document = try parseSingleDocument("a: &v 'text'\nb: *v\n")
        let root = try #require(document.root)
        let alias = try #require(document.value(forKey: "b", in: root))
        #expect(document.scalar(alias) == nil)
        #expect(document.scalar(document.resolve(alias)) == "text")
        #expect(document.scalarType(alias) == .string)
    }

    @Test func redefinedAnchorIsSeenByLaterAliases() throws {
        let document = try parseSingleDocument("- &a first\n- *a\n- &a second\n- *a\n")
        let root = try #require(document.root)
        let items = Array(document.children(root))
        try #require(items.count == 4)
        #expect(document.scalar(document.resolve(items[1])) == "first")
        #expect(document.scalar(document.resolve(items[3])) == "second")
    }

    @Test func valueExpandsAliases() throws {
        let document = try parseSingleDocument("a: &a [1, x]\nb: *a\n")
        let value = document.value(try #require(document.root))
        let expected = YAMLValue.mapping([
            ("a", .sequence([.literal("1"), .string("x")])),
            ("b", .sequence([.literal("1"), .string("x")])),
        ])
        #expect(value == expected)
    }

    @Test func recursiveAliasIsRefused() throws {
        let error = try parseError("a: &x\n  b: *x\n")
        #expect(error.kind == .recursiveAlias)
        #expect(error.position == SourcePosition(offset: 11, line: 2, column: 6))
        #expect(error.message == "alias *x refers to the node that contains it")
    }

    @Test func recursiveAliasInAFlowSequence() throws {
        let error = try parseError("a: &x [*x]")
        #expect(error.kind == .recursiveAlias)
        #expect(error.position == SourcePosition(offset: 7, line: 1, column: 8))
    }

    @Test func undefinedAliasIsRefused() throws {
        let error = try parseError("a: 1\nb: *nowhere\n", path: "u.yaml")
        #expect(error.kind == .undefinedAlias)
        #expect(error.path == "u.yaml")
        #expect(error.position == SourcePosition(offset: 8, line: 2, column: 4))
        #expect(error.message == "alias *nowhere refers to no anchor defined before it")
    }

    @Test func aliasBeforeItsAnchorIsUndefined() throws {
        let error = try parseError("a: *later\nb: &later 1\n")
        #expect(error.kind == .undefinedAlias)
        #expect(error.position == SourcePosition(offset: 3, line: 1, column: 4))
    }
}
