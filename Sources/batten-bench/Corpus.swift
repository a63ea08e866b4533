import Foundation

/// The benchmark corpus on disk: what was written and where.
struct Corpus {
    var root: String
    /// Every YAML file, by path (the `.env` files and Dockerfiles are not counted).
    var yamlFiles: [String]
    var yamlBytes: Int
    var composeProjects: Int
    var composeFiles: Int
    var kubernetesFiles: Int
    var bulkDeployments: Int
    var bulkFileBytes: Int

    struct Shape {
        var composeProjects: Int
        var kubernetesFiles: Int
        var bulkDeployments: Int
    }

    /// Writes the corpus for `seed` below a new temporary directory.
    static func write(seed: UInt64, shape: Shape) throws -> Corpus {
        let root = NSTemporaryDirectory() + "batten-bench-\(seed)-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: root)
        var corpus = Corpus(
            root: root, yamlFiles: [], yamlBytes: 0, composeProjects: shape.composeProjects, composeFiles: 0,
            kubernetesFiles: 0, bulkDeployments: shape.bulkDeployments, bulkFileBytes: 0)
        var compose = ComposeCorpus(random: SeededGenerator(seed: seed))
        for index in 0..<shape.composeProjects {
            for file in compose.project(index) {
                try corpus.add(file.path, file.text)
                if file.path.hasSuffix(".yaml") { corpus.composeFiles += 1 }
            }
        }
        var kubernetes = KubernetesCorpus(random: SeededGenerator(seed: seed &* 31 &+ 7))
        for index in 0..<shape.kubernetesFiles {
            try corpus.add("kubernetes/app-\(index / 100)/app-\(index).yaml", kubernetes.file(index))
            corpus.kubernetesFiles += 1
        }
        if shape.bulkDeployments > 0 {
            let text = kubernetes.deployments(shape.bulkDeployments)
            try corpus.add("kubernetes/bulk/deployments.yaml", text)
            corpus.bulkFileBytes = text.utf8.count
        }
        corpus.yamlFiles.sort()
        return corpus
    }

    private mutating func add(_ relative: String, _ text: String) throws {
        let path = root + "/" + relative
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let bytes = Data(text.utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
            yamlFiles.append(path)
            yamlBytes += bytes.count
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}
