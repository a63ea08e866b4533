import Testing

@testable import BattenYAML

@Suite("Emitter round trip over generated values")
struct EmitterPropertyTests {
    @Test(arguments: 0..<4)
    func generatedValuesRoundTrip(batch: Int) throws {
        for index in 0..<100 {
            let seed = UInt64(batch * 100 + index)
            var generator = RandomYAMLValueGenerator(seed: seed)
            let value = generator.value()
            let text = try YAMLEmitter.emit(value)
            let stream = YAMLParser.parse(text, path: "generated.yaml")
            #expect(stream.error == nil, "seed \(seed): \(String(describing: stream.error))\n\(text)")
            let document = try #require(stream.documents.first, "seed \(seed)")
            let root = try #require(document.root)
            #expect(document.value(root) == value, "seed \(seed) emitted:\n\(text)")
        }
    }

    @Test func generatedStreamsRoundTrip() throws {
        var generator = RandomYAMLValueGenerator(seed: 0xB477E4)
        let documents = (0..<20).map { _ in generator.value() }
        let text = try YAMLEmitter.emit(documents: documents)
        let stream = YAMLParser.parse(text)
        #expect(stream.error == nil)
        try #require(stream.documents.count == documents.count)
        for (document, value) in zip(stream.documents, documents) {
            #expect(document.value(try #require(document.root)) == value, "emitted:\n\(text)")
        }
    }

    @Test func generatorIsDeterministic() {
        var first = RandomYAMLValueGenerator(seed: 7)
        var second = RandomYAMLValueGenerator(seed: 7)
        #expect(first.value() == second.value())
        var splitMix = SplitMix64(seed: 0)
        #expect(splitMix.next() == 0xE220_A839_7B1D_CDAF)
    }
}
