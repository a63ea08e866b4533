import Testing

@testable import BattenYAML

/// Reading documents on demand gives what parsing the whole stream gives.
@Suite("Document reader")
struct DocumentReaderTests {
    static let streams: [String] = [
        "", "a: 1\n", "---\n---\n", "a: 1\n---\n# nothing here\n---\nb: 2\n", "\u{FEFF}é: 1\r\n---\r\nb: [1, 2]\r\n",
        "a: &x {b: 1}\n---\nc: *x\n", "a: 1\n---\nb: [1\n---\nc: 3\n", "a: 1\na: 2\n", "---\n%YAML 1.1\n---\n",
        "a: 1\n---\nb: *missing\n", "- \u{1F600}\n---\n- x\n...\n---\n- y\n",
    ]

    @Test(arguments: streams)
    func sameDocumentsAndError(text: String) {
        let source = SourceFile(path: "s.yaml", text: text)
        let whole = YAMLParser.parse(source)
        let reader = YAMLDocumentReader(source)
        var read: [YAMLDocument] = []
        while let document = reader.next() { read.append(document) }
        #expect(reader.isFinished)
        #expect(reader.next() == nil)
        #expect(reader.count == whole.documents.count)
        #expect(reader.error == whole.error)
        #expect(read.map(\.range) == whole.documents.map(\.range))
        #expect(read.map(\.index) == whole.documents.map(\.index))
        #expect(read.map { $0.root == nil } == whole.documents.map { $0.root == nil })
        for (document, expected) in zip(read, whole.documents) {
            #expect(document.root.map { document.value($0) } == expected.root.map { expected.value($0) })
        }
    }

    @Test func refusedFilesEndAtOnce() {
        let large = YAMLDocumentReader(SourceFile(path: "l.yaml", text: "a: 1\n"), limits: YAMLLimits(maxFileSize: 2))
        #expect(large.next() == nil)
        #expect(large.error?.kind == .fileTooLarge)
        let utf16 = YAMLDocumentReader(SourceFile(path: "u.yaml", bytes: [0xFF, 0xFE, 0x61, 0x00]))
        #expect(utf16.next() == nil)
        #expect(utf16.error?.kind == .encoding)
    }

    @Test func readsOnePieceAtATime() throws {
        let reader = YAMLDocumentReader(SourceFile(path: "p.yaml", text: "a: 1\n---\nb: 2\n---\nc: [\n"))
        let first = try #require(reader.next())
        #expect(!reader.isFinished)
        #expect(first.scalar(try first.node(at: "a")) == "1")
        let second = try #require(reader.next())
        #expect(second.scalar(try second.node(at: "b")) == "2")
        #expect(reader.next() == nil)
        #expect(reader.error?.kind == .syntax)
        #expect(reader.count == 2)
    }
}
