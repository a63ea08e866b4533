import Testing

@testable import Batten

@Suite("Kustomize paths")
struct KustomizePathsTests {
    @Test("normalizing folds name/.. pairs and drops dots")
    func normalizing() {
        #expect(KustomizePaths.normalized("deploy/overlays/prod/../../base/deployment.yaml") == "deploy/base/deployment.yaml")
        #expect(KustomizePaths.normalized("./a/./b") == "a/b")
        #expect(KustomizePaths.normalized("../a/../../b") == "../../b")
        #expect(KustomizePaths.normalized("/x/../y") == "/y")
    }

    @Test("relative paths between absolute directories")
    func relative() {
        #expect(KustomizePaths.relative(from: "/tmp/scratch", to: "/work/deploy") == "../../work/deploy")
        #expect(KustomizePaths.relative(from: "/work/deploy/overlays/prod", to: "/work/deploy/base/a.yaml") == "../../base/a.yaml")
    }

    @Test("JSON pointers match a value's path or a parent's")
    func pointers() {
        let path = KustomizeValuePath(components: [.key("spec"), .key("containers"), .item(index: 0, mergeKey: "web"), .key("image")])
        #expect(path.starts(withPointer: KustomizeValuePath.pointerTokens("/spec/containers/0")))
        #expect(path.starts(withPointer: KustomizeValuePath.pointerTokens("/spec/containers/-")))
        #expect(!path.starts(withPointer: KustomizeValuePath.pointerTokens("/spec/containers/1")))
        #expect(KustomizeValuePath.pointerTokens("/metadata/annotations/a~1b") == ["metadata", "annotations", "a/b"])
    }
}
