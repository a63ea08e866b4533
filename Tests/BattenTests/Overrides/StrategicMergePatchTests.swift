import BattenYAML
import Testing

@testable import Batten

struct StrategicMergePatchTests {
    static func value(_ text: String) throws -> YAMLValue {
        let document = try #require(YAMLParser.parse(SourceFile(path: "t.yaml", text: text)).documents.first)
        return try #require(document.root.map { document.value($0, applyMerges: true) })
    }

    @Test func differenceKeepsOnlyWhatChanged() throws {
        let before = try Self.value("a: 1\nb: {c: 2, d: 3}\nlist: [x]\nold: 1\n")
        let after = try Self.value("a: 1\nb: {c: 2, d: 4}\nlist: [x, y]\nnew: 1\n")
        let patch = try #require(StrategicMergePatch.difference(before, after))
        #expect(patch.means(try Self.value("b: {d: 4}\nlist: [x, y]\nnew: 1\nold: null\n")))
        #expect(StrategicMergePatch.apply(patch, to: before).means(after))
        #expect(StrategicMergePatch.difference(after, after) == nil)
    }

    @Test func containersMergeByName() throws {
        let target = try Self.value(
            """
            containers:
            - name: a
              image: x
              securityContext: {runAsUser: 0}
            - name: b
              image: y
            """)
        let patch = try Self.value("containers:\n- name: b\n  securityContext: {readOnlyRootFilesystem: true}\n")
        let result = StrategicMergePatch.apply(patch, to: target)
        #expect(
            result.means(
                try Self.value(
                    """
                    containers:
                    - name: a
                      image: x
                      securityContext: {runAsUser: 0}
                    - name: b
                      image: y
                      securityContext: {readOnlyRootFilesystem: true}
                    """)))
    }

    @Test func otherListsAreReplaced() throws {
        let target = try Self.value("capabilities: {drop: [NET_RAW], add: [CHOWN]}\n")
        let patch = try Self.value("capabilities: {drop: [NET_RAW, ALL]}\n")
        #expect(StrategicMergePatch.apply(patch, to: target).means(try Self.value("capabilities: {drop: [NET_RAW, ALL], add: [CHOWN]}\n")))
    }
}
