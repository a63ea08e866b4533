import Testing

@testable import BattenYAML

@Suite("Merge keys")
struct MergeKeyTests {
    /// The entries of the mapping at `path` as (name, scalar value, merged) triples.
    private func summary(_ document: YAMLDocument, _ path: String) throws -> [String] {
        try document.entries(of: document.node(at: path)).map { entry in
            let value = document.scalar(document.resolve(entry.value)) ?? "?"
            return "\(entry.name ?? "?")=\(value)\(entry.isLocal ? "" : " (merged)")"
        }
    }

    @Test func singleMerge() throws {
        let document = try parseSingleDocument(
            """
            base: &base
              image: nginx
              user: root
            web:
              <<: *base
              ports: '80'

            """)
        #expect(try summary(document, "web") == ["image=nginx (merged)", "user=root (merged)", "ports=80"])
        let web = try document.node(at: "web")
        #expect(document.hasMergeKeys(web))
        #expect(!document.hasMergeKeys(try document.node(at: "base")))
        let image = try #require(document.value(forKey: "image", in: web))
        #expect(document.scalar(image) == "nginx")
        #expect(document.startPosition(image) == SourcePosition(offset: 21, line: 2, column: 10))
    }

    /// Without a merge, names clash only through an alias used as a key: the first entry stands.
    /// More keys than the merge's name lists hold before they turn to sets: the same precedence.
    @Test(arguments: [3, 15, 16, 17, 40])
    func manyKeysKeepThePrecedence(count: Int) throws {
        let base = (0..<count).map { "  k\($0): base-\($0)\n" }.joined()
        let other = (0..<count).map { "  k\($0 + count / 2): other-\($0)\n" }.joined()
        let local = (0..<count).filter { $0 % 3 == 0 }.map { "  k\($0): local-\($0)\n" }.joined()
        let document = try parseSingleDocument("base: &base\n\(base)other: &other\n\(other)m:\n  <<: [*base, *other]\n\(local)")
        let mapping = try document.node(at: "m")
        var expected: [String] = []
        for index in 0..<count where index % 3 != 0 { expected.append("k\(index)=base-\(index) (merged)") }
        for index in count..<(count + count / 2) {
            expected.append("k\(index)=other-\(index - count / 2) (merged)")
        }
        for index in 0..<count where index % 3 == 0 { expected.append("k\(index)=local-\(index)") }
        #expect(try summary(document, "m") == expected)
        #expect(document.entries(of: mapping).count == count + count / 2)
    }

    @Test func aliasKeyRepeatingALocalKeyIsDropped() throws {
        let document = try parseSingleDocument(
            """
            name: &key image
            web:
              image: nginx
              *key : redis
              user: app

            """)
        #expect(try summary(document, "web") == ["image=nginx", "user=app"])
    }

    @Test func listMergeEarlierSourceWins() throws {
        let document = try parseSingleDocument(
            """
            a: &a {x: from-a, y: from-a}
            b: &b {x: from-b, z: from-b}
            c:
              <<: [*a, *b]

            """)
        #expect(try summary(document, "c") == ["x=from-a (merged)", "y=from-a (merged)", "z=from-b (merged)"])
        let c = try document.node(at: "c")
        #expect(document.scalar(try #require(document.value(forKey: "x", in: c))) == "from-a")
        #expect(document.scalar(try #require(document.value(forKey: "z", in: c))) == "from-b")
        #expect(document.value(forKey: "w", in: c) == nil)
    }

    @Test(arguments: [
        "m:\n  <<: *a\n  x: local\n",
        "m:\n  x: local\n  <<: *a\n",
    ])
    func localKeyWinsWhereverItIsWritten(tail: String) throws {
        let document = try parseSingleDocument("a: &a {x: merged, y: merged}\n" + tail)
        let mapping = try document.node(at: "m")
        let x = try #require(document.value(forKey: "x", in: mapping))
        #expect(document.scalar(x) == "local")
        let entries = document.entries(of: mapping)
        #expect(entries.filter { $0.name == "x" }.count == 1)
        #expect(entries.first { $0.name == "x" }?.isLocal == true)
        #expect(entries.first { $0.name == "y" }?.isLocal == false)
        #expect(entries.count == 2)
    }

    @Test func nestedMerge() throws {
        let document = try parseSingleDocument(
            """
            base: &base {a: 1, b: base}
            mid: &mid
              <<: *base
              b: mid
              c: mid
            top:
              <<: *mid
              c: top
              d: top

            """)
        #expect(try summary(document, "top") == ["a=1 (merged)", "b=mid (merged)", "c=top", "d=top"])
        #expect(try summary(document, "mid") == ["a=1 (merged)", "b=mid", "c=mid"])
    }

    @Test func mergedViaNamesTheValueOfTheMergeKey() throws {
        let document = try parseSingleDocument(
            """
            a: &a {x: 1}
            b: &b {y: 2}
            single: &single
              <<: *a
            list:
              <<: [*a, *b]
            inline:
              <<: {z: 3}
            nested:
              <<: *single

            """)
        let root = try #require(document.root)
        func mergeValue(_ key: String) throws -> NodeID {
            let mapping = try document.node(at: key)
            let pair = try #require(document.pairs(mapping).first { document.isMergeKey($0.key) })
            return pair.value
        }

        let single = try #require(document.entry(forKey: "x", in: document.node(at: "single")))
        #expect(single.mergedVia == (try mergeValue("single")))
        #expect(document.kind(try #require(single.mergedVia)) == .alias)
        #expect(single.key == (try document.node(at: "a/@x")))

        let list = try mergeValue("list")
        let listItems = Array(document.children(list))
        let x = try #require(document.entry(forKey: "x", in: document.node(at: "list")))
        let y = try #require(document.entry(forKey: "y", in: document.node(at: "list")))
        #expect(x.mergedVia == listItems[0])
        #expect(y.mergedVia == listItems[1])
        #expect(document.slicedText(try #require(y.mergedVia)) == "*b")

        let z = try #require(document.entry(forKey: "z", in: document.node(at: "inline")))
        #expect(z.mergedVia == (try mergeValue("inline")))
        #expect(document.kind(try #require(z.mergedVia)) == .mapping)

        let nested = try #require(document.entry(forKey: "x", in: document.node(at: "nested")))
        #expect(nested.mergedVia == (try mergeValue("nested")))
        #expect(document.slicedText(try #require(nested.mergedVia)) == "*single")
        #expect(nested.key == (try document.node(at: "a/@x")))

        let local = try #require(document.entry(forKey: "single", in: root))
        #expect(local.mergedVia == nil)
        #expect(local.isLocal)
    }

    @Test func valueAppliesMergesOnlyWhenAsked() throws {
        let document = try parseSingleDocument("a: &a {x: 1, w: 2}\nb:\n  <<: *a\n  w: 3\n")
        let b = try document.node(at: "b")
        let merged = document.value(b, applyMerges: true)
        #expect(merged == .mapping([("x", .literal("1")), ("w", .literal("3"))]))
        let written = document.value(b)
        let expectedWritten = YAMLValue(
            .mapping([
                YAMLValue.Entry(.literal("<<"), .mapping([("x", .literal("1")), ("w", .literal("2"))], flow: true)),
                YAMLValue.Entry(.string("w"), .literal("3")),
            ]))
        #expect(written == expectedWritten)
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() throws {
        let document = try parseSingleDocument("a: &a {x: 1}\nb:\n  '<<': *a\n")
        let b = try document.node(at: "b")
        #expect(!document.hasMergeKeys(b))
        #expect(document.value(forKey: "x", in: b) == nil)
        #expect(document.entries(of: b).map(\.name) == ["<<"])
    }

    @Test func explicitMergeTag() throws {
        let document = try parseSingleDocument("a: &a {x: 1}\nb:\n  !!merge <<: *a\n")
        let b = try document.node(at: "b")
        #expect(document.hasMergeKeys(b))
        #expect(document.scalar(try #require(document.value(forKey: "x", in: b))) == "1")
    }

    @Test func entriesOfANonMappingIsEmpty() throws {
        let document = try parseSingleDocument("s: [1]\nv: x\n")
        #expect(document.entries(of: try document.node(at: "s")).isEmpty)
        #expect(document.entries(of: try document.node(at: "v")).isEmpty)
        #expect(document.value(forKey: "x", in: try document.node(at: "s")) == nil)
    }

    @Test func entriesThroughAnAliasToAMapping() throws {
        let document = try parseSingleDocument("a: &a {x: 1}\nb: *a\n")
        let root = try #require(document.root)
        let alias = try #require(document.value(forKey: "b", in: root))
        #expect(document.entries(of: alias).map(\.name) == ["x"])
        #expect(document.scalar(try #require(document.value(forKey: "x", in: alias))) == "1")
    }
}
