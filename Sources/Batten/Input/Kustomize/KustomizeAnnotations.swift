import BattenYAML

/// The build-metadata annotations kustomize adds on request (`config.kubernetes.io/origin`,
/// `alpha.config.kubernetes.io/transformations`): read into each object's ``KustomizeObjectOrigin``
/// and cut out of the rendered text, so that the audit sees the objects as the cluster gets them.
enum KustomizeAnnotations {
    static let origin = "config.kubernetes.io/origin"
    static let transformations = "alpha.config.kubernetes.io/transformations"

    /// The rendered text without the annotations, and the origin of each document in order.
    /// `userPath` turns a path of an annotation into the path reports use.
    static func strip(_ stream: YAMLStream, userPath: (String) -> String) -> (bytes: [UInt8], origins: [KustomizeObjectOrigin]) {
        let bytes = stream.source.bytes
        var cuts: [Range<Int>] = []
        var origins: [KustomizeObjectOrigin] = []
        for document in stream.documents {
            var origin = KustomizeObjectOrigin()
            defer { origins.append(origin) }
            guard let root = document.root, document.kind(root) == .mapping,
                let metadata = document.value(forKey: "metadata", in: root), document.kind(metadata) == .mapping,
                let annotations = document.value(forKey: "annotations", in: metadata), document.kind(annotations) == .mapping
            else { continue }
            let pairs = document.pairs(annotations)
            var removed: [Range<Int>] = []
            for pair in pairs {
                guard let key = document.scalar(pair.key), key == Self.origin || key == Self.transformations,
                    let text = document.scalar(pair.value)
                else { continue }
                if key == Self.origin {
                    read(origin: text, into: &origin, userPath: userPath)
                } else {
                    read(transformations: text, into: &origin, userPath: userPath)
                }
                removed.append(lines(from: document.range(pair.key).lowerBound, to: document.range(pair.value).upperBound, in: bytes))
            }
            guard !removed.isEmpty else { continue }
            if removed.count == pairs.count, let key = document.key(ofValue: annotations) {
                cuts.append(lines(from: document.range(key).lowerBound, to: document.range(annotations).upperBound, in: bytes))
            } else {
                cuts += removed
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var position = 0
        for cut in cuts.sorted(by: { $0.lowerBound < $1.lowerBound }) where cut.lowerBound >= position {
            result += bytes[position..<cut.lowerBound]
            position = cut.upperBound
        }
        result += bytes[position...]
        return (result, origins)
    }

    /// The whole lines from the one holding `start` to the one holding `end - 1`, line breaks included.
    private static func lines(from start: Int, to end: Int, in bytes: [UInt8]) -> Range<Int> {
        var lower = min(start, bytes.count)
        while lower > 0, bytes[lower - 1] != UInt8(ascii: "\n") { lower -= 1 }
        var upper = min(max(end, lower), bytes.count)
        if upper > lower, bytes[upper - 1] == UInt8(ascii: "\n") { return lower..<upper }
        while upper < bytes.count, bytes[upper] != UInt8(ascii: "\n") { upper += 1 }
        return lower..<min(upper + 1, bytes.count)
    }

    private static func read(origin text: String, into origin: inout KustomizeObjectOrigin, userPath: (String) -> String) {
        let stream = YAMLParser.parse(text, path: Self.origin)
        guard let document = stream.documents.first, let root = document.root, document.kind(root) == .mapping else { return }
        // A resource fetched from a remote repository names no local file.
        guard document.value(forKey: "repo", in: root) == nil else { return }
        if let path = document.value(forKey: "path", in: root).flatMap(document.scalar) {
            origin.file = userPath(path)
        } else if let configured = document.value(forKey: "configuredIn", in: root).flatMap(document.scalar) {
            origin.generatedIn = userPath(configured)
        }
    }

    private static func read(transformations text: String, into origin: inout KustomizeObjectOrigin, userPath: (String) -> String) {
        let stream = YAMLParser.parse(text, path: Self.transformations)
        guard let document = stream.documents.first, let root = document.root, document.kind(root) == .sequence else { return }
        for item in document.children(root) where document.kind(item) == .mapping {
            guard let configured = document.value(forKey: "configuredIn", in: item).flatMap(document.scalar) else { continue }
            let kind =
                document.value(forKey: "configuredBy", in: item)
                .flatMap { document.value(forKey: "kind", in: $0) }.flatMap(document.scalar) ?? ""
            origin.transformations.append((userPath(configured), kind))
        }
    }
}
