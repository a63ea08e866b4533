import BattenYAML
import Foundation
import Testing

@testable import Batten

/// Files that would make a run read without end or leave the tree it was given: every file is
/// checked on its opened descriptor (type, then size) before a byte is read, and a directory walk
/// stays inside its root.
@Suite("Runaway input")
struct RunawayInputTests {
    /// A sparse file of `size` bytes: as large as asked, without writing it.
    static func sparse(_ path: String, size: Int) throws {
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
    }

    @Test("the reader refuses by type and by size before reading, and says which")
    func readerRefusals() throws {
        let workspace = try HostileWorkspace("reader")
        defer { workspace.remove() }
        let reader = FileReader.disk
        let small = try workspace.write("small.yaml", "a: 1\n")
        #expect(try reader.contents(of: small, limit: 16).get() == Array("a: 1\n".utf8))
        #expect(throws: FileReadFailure.tooLarge(size: 5, limit: 4)) { try reader.contents(of: small, limit: 4).get() }
        #expect(throws: FileReadFailure.directory) { try reader.contents(of: workspace.root.path, limit: 16).get() }
        #expect(throws: FileReadFailure.missing) { try reader.contents(of: workspace.path("nope.yaml"), limit: 16).get() }
        let fifo = workspace.path("pipe.yaml")
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(throws: FileReadFailure.notRegular(kind: "a FIFO")) { try reader.contents(of: fifo, limit: 16).get() }
        if FileManager.default.fileExists(atPath: "/dev/zero") {
            #expect(throws: FileReadFailure.notRegular(kind: "a character device")) {
                try reader.contents(of: "/dev/zero", limit: 16).get()
            }
            #expect(throws: FileReadFailure.tooLarge(size: nil, limit: 16)) {
                try reader.contents(of: "/dev/zero", limit: 16, allowingSpecialFiles: true).get()
            }
        }
        let overlaid = FileReader(overlay: [small: Array("b: 22\n".utf8)])
        #expect(throws: FileReadFailure.tooLarge(size: 6, limit: 5)) { try overlaid.contents(of: small, limit: 5).get() }
    }

    @Test("env_file: /dev/zero is refused as a device, with its location")
    func envFileDevice() throws {
        guard FileManager.default.fileExists(atPath: "/dev/zero") else { return }
        let workspace = try HostileWorkspace("env-device")
        defer { workspace.remove() }
        try workspace.write(
            "app/compose.yaml",
            """
            services:
              web:
                image: nginx:1.27
                env_file: /dev/zero

            """)
        try workspace.writeGoodManifest()
        let result = RobustnessPipeline.audit([workspace.root.path])
        let warning = try #require(result.diagnostics.first { $0.message.contains("/dev/zero") })
        #expect(warning.message == "env file /dev/zero is a character device, not a regular file")
        #expect(warning.position?.line == 4)
        #expect(result.workloads.contains { $0.name == "web" })
        #expect(RobustnessPipeline.goodPodWasAudited(result))
    }

    @Test("a .env over the size limit is refused by its size, not read")
    func oversizedDotEnv() throws {
        let workspace = try HostileWorkspace("env-large")
        defer { workspace.remove() }
        let limits = YAMLLimits(maxFileSize: 1 << 16)
        try workspace.write("app/compose.yaml", "services:\n  web:\n    image: nginx:1.27\n")
        let env = workspace.path("app/.env")
        try Self.sparse(env, size: 1 << 30)
        let result = RobustnessPipeline.audit([workspace.path("app")], limits: limits)
        let error = try #require(result.diagnostics.first { $0.message.contains("over the limit") })
        #expect(error.level == .error)
        #expect(error.message == "env file is \(1 << 30) bytes, over the limit of \(1 << 16) bytes")
        #expect(result.workloads.contains { $0.name == "web" })
    }

    @Test("--env-file that is a FIFO does not block")
    func envFileFIFO() throws {
        let workspace = try HostileWorkspace("env-fifo")
        defer { workspace.remove() }
        try workspace.write("compose.yaml", "services:\n  web:\n    image: nginx:1.27\n")
        let fifo = workspace.path("vars.env")
        #expect(mkfifo(fifo, 0o644) == 0)
        let request = AnalysisRequest(
            paths: [workspace.path("compose.yaml")], compose: ComposeProjectOptions(envFiles: [fifo]), environment: [:])
        let result = Analyzer(policy: RobustnessPipeline.policy, today: "2025-06-01").run(request) { [] }
        #expect(result.diagnostics.contains { $0.message == "env file is a FIFO, not a regular file" })
    }

    @Test("an extends file over the size limit is refused by its size")
    func oversizedExtends() throws {
        let workspace = try HostileWorkspace("extends-large")
        defer { workspace.remove() }
        let limits = YAMLLimits(maxFileSize: 1 << 16)
        try workspace.write(
            "compose.yaml",
            """
            services:
              web:
                image: nginx:1.27
                extends:
                  file: base.yaml
                  service: base

            """)
        try Self.sparse(workspace.path("base.yaml"), size: 1 << 20)
        let result = RobustnessPipeline.audit([workspace.path("compose.yaml")], limits: limits)
        #expect(
            result.diagnostics.contains {
                $0.message.hasPrefix("cannot read extends file ")
                    && $0.message.hasSuffix("base.yaml: file is \(1 << 20) bytes, over the limit of \(1 << 16) bytes")
            }, "\(result.diagnostics.map(\.message))")
    }

    @Test("a policy file that is a FIFO or over the limit is refused before it is read")
    func policyFiles() throws {
        let workspace = try HostileWorkspace("policy")
        defer { workspace.remove() }
        let fifo = workspace.path("policy.yaml")
        #expect(mkfifo(fifo, 0o644) == 0)
        let piped = PolicyResolver().resolve(selection: fifo)
        #expect(piped.policy == nil)
        #expect(piped.diagnostics.map(\.message) == ["policy file is a FIFO, not a regular file"])
        let large = workspace.path("large.yaml")
        try Self.sparse(large, size: YAMLLimits.default.maxFileSize + 1)
        let oversized = PolicyResolver().resolve(selection: large)
        #expect(
            oversized.diagnostics.map(\.message) == [
                "policy file is \(YAMLLimits.default.maxFileSize + 1) bytes, over the limit of \(YAMLLimits.default.maxFileSize) bytes"
            ])
    }

    @Test("an image profile that is a FIFO is refused by type")
    func imageProfileFIFO() throws {
        let workspace = try HostileWorkspace("profiles")
        defer { workspace.remove() }
        #expect(mkfifo(workspace.path("profile.yaml"), 0o644) == 0)
        let loaded = ImageProfileLoader().load(directory: workspace.root.path)
        #expect(loaded.diagnostics.map(\.message) == ["cannot read this image profile: is a FIFO, not a regular file"])
    }

    @Test("a walk does not follow a symbolic link out of its root; links inside are followed")
    func walkStaysInsideItsRoot() throws {
        let workspace = try HostileWorkspace("walk")
        defer { workspace.remove() }
        let outside = try HostileWorkspace("walk-outside")
        defer { outside.remove() }
        try outside.write("pod.yaml", RobustnessPipeline.goodPod.replacingOccurrences(of: "name: good", with: "name: outsider"))
        try workspace.writeGoodManifest("tree/good/pod.yaml")
        try workspace.write("tree/real/pod.yaml", RobustnessPipeline.goodPod.replacingOccurrences(of: "name: good", with: "name: linked"))
        try FileManager.default.createSymbolicLink(atPath: workspace.path("tree/rootfs"), withDestinationPath: outside.root.path)
        try FileManager.default.createSymbolicLink(atPath: workspace.path("tree/up.yaml"), withDestinationPath: outside.path("pod.yaml"))
        try FileManager.default.createSymbolicLink(atPath: workspace.path("tree/z-link"), withDestinationPath: workspace.path("tree/real"))
        try FileManager.default.createSymbolicLink(atPath: workspace.path("tree/z-root"), withDestinationPath: "/")
        let result = RobustnessPipeline.audit([workspace.path("tree")])
        #expect(!result.workloads.contains { $0.name == "outsider" })
        let notes = result.diagnostics.filter { $0.level == .note && $0.message.contains("outside") }
        #expect(Set(notes.map(\.path)) == [workspace.path("tree/rootfs"), workspace.path("tree/up.yaml"), workspace.path("tree/z-root")])
        #expect(result.workloads.contains { $0.name == "linked" })
        #expect(RobustnessPipeline.goodPodWasAudited(result))
    }
}
