import BattenYAML
import Foundation
import Testing

@testable import Batten

@Suite struct KubernetesPositionTests {
    static let manifest = """
        # Wörkload für café ☕ — 日本語 🚀
        apiVersion: v1
        kind: Pod
        metadata:
          name: positions
          annotations:
            description: "naïve 🚀 text"
        spec:
          securityContext:
            runAsUser: 1000
          containers:
            - name: app  # ünïcödé
              image: "nginx:1.27"
              securityContext: {description: "é", privileged: true}
        """

    static func check(_ source: SourceFile) throws {
        let workload = try #require(try loadKubernetes(source).workloads.first)
        #expect(workload.location.start.line == 8)
        #expect(workload.location.start.column == 1)
        let container = try workload.container("app")
        #expect(container.location.start.line == 12)
        #expect(container.location.start.column == 7)
        #expect(container.runAsUser?.node.start.line == 10)
        #expect(container.runAsUser?.node.start.column == 16)
        #expect(container.image?.node.start.line == 13)
        #expect(container.image?.node.start.column == 14)
        #expect(container.privileged?.node.start.line == 14)
        #expect(container.privileged?.node.start.column == 55)
        let annotation = try #require(workload.annotations["description"])
        #expect(annotation.node.start.column == 18)
        #expect(annotation.value == "naïve 🚀 text")
    }

    @Test func multiByteCharactersBeforeValues() throws {
        try Self.check(SourceFile(path: "utf8.yaml", text: Self.manifest))
    }

    @Test func crlfLineEnds() throws {
        try Self.check(SourceFile(path: "crlf.yaml", text: Self.manifest.replacingOccurrences(of: "\n", with: "\r\n")))
    }

    @Test func byteOrderMark() throws {
        try Self.check(SourceFile(path: "bom.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array(Self.manifest.utf8)))
    }

    @Test func byteOrderMarkAndCRLFTogether() throws {
        let text = Self.manifest.replacingOccurrences(of: "\n", with: "\r\n")
        try Self.check(SourceFile(path: "bom-crlf.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8)))
    }

    @Test func nodeByteRangeSlicesTheValue() throws {
        let source = SourceFile(path: "utf8.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array(Self.manifest.utf8))
        let workload = try #require(try loadKubernetes(source).workloads.first)
        let image = try #require(workload.containers.first?.image)
        #expect(source.text(image.node.range) == "\"nginx:1.27\"")
        #expect(source.text(workload.location.range) == "spec")
    }
}
