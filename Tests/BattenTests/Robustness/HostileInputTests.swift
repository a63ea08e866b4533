import BattenYAML
import Foundation
import Testing

@testable import Batten

/// Input a pull request could contain to crash, hang or exhaust a pre-merge check. Each case ends
/// with a clear error on the hostile file or a correct result, and the well-formed file next to it
/// is analysed as usual. Bounds are asserted on what is deterministic (node counts, sizes read);
/// speed is measured by `batten-bench`, not here.
@Suite("Hostile input")
struct HostileInputTests {
    @Test("an alias bomb stops at the expansion limit without building the document")
    func aliasBomb() throws {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        let names = "bcdefghijklmnopqrstuvwxyz".map(String.init)
        var previous = "a"
        for name in names.prefix(12) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let stream = YAMLParser.parse(text, path: "bomb.yaml")
        #expect(stream.error?.kind == .tooManyNodes)
        #expect(stream.documents.isEmpty)

        let workspace = try HostileWorkspace("alias-bomb")
        defer { workspace.remove() }
        let bomb = try workspace.write(
            "bomb.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n" + text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n")
        try workspace.writeGoodManifest()
        let result = RobustnessPipeline.audit([workspace.root.path])
        let error = try #require(result.diagnostics.first { $0.path == bomb })
        #expect(error.level == .error)
        #expect(error.message.contains("alias bomb"))
        #expect(RobustnessPipeline.goodPodWasAudited(result))
        #expect(result.exitCode(threshold: .critical) == 2)
    }

    @Test("100,000 levels of nesting stop at the depth limit", arguments: ["[", "{a: "])
    func deepNesting(_ opener: String) throws {
        let workspace = try HostileWorkspace("deep")
        defer { workspace.remove() }
        let deep = try workspace.write("deep.yaml", String(repeating: opener, count: 100_000) + "x\n")
        try workspace.writeGoodManifest()
        let result = RobustnessPipeline.audit([workspace.root.path])
        let error = try #require(result.diagnostics.first { $0.path == deep })
        #expect(error.level == .error)
        #expect(error.message.contains("deeper than the limit of \(YAMLLimits.default.maxDepth) levels"))
        #expect(RobustnessPipeline.goodPodWasAudited(result))
    }

    @Test("a file over the size limit is refused before it is read")
    func fileOverSizeLimit() throws {
        let workspace = try HostileWorkspace("large")
        defer { workspace.remove() }
        let large = workspace.path("large.yaml")
        #expect(FileManager.default.createFile(atPath: large, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: large))
        try handle.truncate(atOffset: UInt64(YAMLLimits.default.maxFileSize + 1))
        try handle.close()
        try workspace.writeGoodManifest()
        let result = RobustnessPipeline.audit([workspace.root.path])
        let error = try #require(result.diagnostics.first { $0.path == large })
        #expect(error.level == .error)
        #expect(error.message == "file is \(YAMLLimits.default.maxFileSize + 1) bytes, over the limit of \(YAMLLimits.default.maxFileSize) bytes")
        #expect(result.loaded.sources[large] == nil)
        #expect(RobustnessPipeline.goodPodWasAudited(result))
    }

    @Test("an endless device named on the command line is read only up to the size limit")
    func endlessDevice() throws {
        guard FileManager.default.isReadableFile(atPath: "/dev/zero") else { return }
        let limits = YAMLLimits(maxFileSize: 1 << 20)
        let result = RobustnessPipeline.audit(["/dev/zero"], limits: limits)
        let error = try #require(result.diagnostics.first { $0.path == "/dev/zero" })
        #expect(error.message == "file gives more than the limit of \(1 << 20) bytes (read up to the limit)")
    }

    @Test("a binary file is a located error")
    func binaryFile() throws {
        let workspace = try HostileWorkspace("binary")
        defer { workspace.remove() }
        var state: UInt32 = 12345
        let noise: [UInt8] = (0..<4096).map { _ in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
        let binary = try workspace.write("image.yaml", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00] + noise)
        try workspace.writeGoodManifest()
        let result = RobustnessPipeline.audit([workspace.root.path])
        let error = try #require(result.diagnostics.first { $0.path == binary })
        #expect(error.level == .error)
        #expect(error.position != nil)
        #expect(RobustnessPipeline.goodPodWasAudited(result))
    }

    @Test("invalid UTF-8 is an encoding error at the offending byte")
    func invalidUTF8() throws {
        let workspace = try HostileWorkspace("utf8")
        defer { workspace.remove() }
        let bytes = Array("apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let file = try workspace.write("bad.yaml", bytes)
        try workspace.writeGoodManifest()
        let result = RobustnessPipeline.audit([workspace.root.path])
        let error = try #require(result.diagnostics.first { $0.path == file })
        #expect(error.level == .error)
        #expect(error.position?.line == 4)
        #expect(error.message.contains("UTF-8"))
        #expect(RobustnessPipeline.goodPodWasAudited(result))
    }

    @Test("a symlink loop in a scanned directory is entered once")
    func symlinkLoop() throws {
        let workspace = try HostileWorkspace("loop")
        defer { workspace.remove() }
        try workspace.writeGoodManifest("loop/pod.yaml")
        try FileManager.default.createSymbolicLink(atPath: workspace.path("loop/again"), withDestinationPath: workspace.path("loop"))
        let result = RobustnessPipeline.audit([workspace.root.path])
        #expect(result.diagnostics.contains { $0.level == .warning && $0.message.contains("symlink loop") })
        #expect(result.workloads.filter { $0.name == "good" }.count == 1)
        #expect(RobustnessPipeline.goodPodWasAudited(result))
    }

    @Test("an unreadable file is an error, or is read when the user may read anything (root)")
    func unreadableFile() throws {
        let workspace = try HostileWorkspace("unreadable")
        defer { workspace.remove() }
        let secret = try workspace.write("secret/pod.yaml", RobustnessPipeline.goodPod.replacingOccurrences(of: "name: good", with: "name: locked"))
        try workspace.writeGoodManifest()
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: secret)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: secret) }
        let canStillRead = open(secret, O_RDONLY) >= 0 ? true : false
        let result = RobustnessPipeline.audit([workspace.root.path])
        if canStillRead {
            #expect(result.workloads.contains { $0.name == "locked" })
            #expect(!result.diagnostics.contains { $0.path == secret })
        } else {
            let error = try #require(result.diagnostics.first { $0.path == secret })
            #expect(error.level == .error)
            #expect(error.message.contains("cannot read file"))
            #expect(!result.workloads.contains { $0.name == "locked" })
        }
        #expect(RobustnessPipeline.goodPodWasAudited(result))
    }

    @Test("a FIFO in a scanned directory and special files named by a manifest do not block")
    func specialFiles() throws {
        let workspace = try HostileWorkspace("special")
        defer { workspace.remove() }
        let fifo = workspace.path("pipe.yaml")
        #expect(mkfifo(fifo, 0o644) == 0)
        try workspace.write(
            "app/compose.yaml",
            """
            services:
              web:
                image: nginx:1.27
                env_file: /dev/zero
                extends:
                  file: ../pipe.yaml
                  service: base

            """)
        try workspace.writeGoodManifest()
        let result = RobustnessPipeline.audit([workspace.root.path])
        let fifoError = try #require(result.diagnostics.first { $0.path == fifo })
        #expect(fifoError.level == .error)
        #expect(result.diagnostics.contains { $0.message.contains("/dev/zero") })
        #expect(result.diagnostics.contains { $0.message.contains("pipe.yaml") })
        #expect(RobustnessPipeline.goodPodWasAudited(result))
    }

    @Test("10,000 small files in one directory are all analysed")
    func manySmallFiles() throws {
        let workspace = try HostileWorkspace("many")
        defer { workspace.remove() }
        for index in 0..<10_000 {
            try workspace.write(
                "many/pod-\(index).yaml",
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-\(index)\nspec:\n  containers:\n    - name: app\n      image: app:1\n")
        }
        try workspace.writeGoodManifest()
        let result = RobustnessPipeline.audit([workspace.root.path])
        #expect(result.diagnostics.filter { $0.level != .note }.isEmpty)
        #expect(result.workloads.count == 10_001)
        #expect(result.loaded.sources.count == 10_001)
        #expect(Set(result.findings.map(\.location.path)).count == 10_001)
        #expect(RobustnessPipeline.goodPodWasAudited(result))
    }

    @Test("a file of 20,000 documents loads every one, the same way on one thread and on several")
    func twentyThousandDocuments() throws {
        let workspace = try HostileWorkspace("documents")
        defer { workspace.remove() }
        var text = ""
        for index in 0..<20_000 {
            text += "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-\(index)\nspec:\n  containers:\n    - name: app\n      image: app:1\n"
        }
        let file = try workspace.write("pods.yaml", text)
        try workspace.writeGoodManifest()
        let parallel = RobustnessPipeline.audit([workspace.root.path], jobs: 4)
        #expect(parallel.loaded.kubernetesFiles.first { $0.path == file }?.documents == 20_000)
        #expect(parallel.workloads.count == 20_001)
        #expect(parallel.diagnostics.filter { $0.level != .note }.isEmpty)
        #expect(RobustnessPipeline.goodPodWasAudited(parallel))
        let serial = RobustnessPipeline.audit([workspace.root.path], jobs: 1)
        #expect(serial.workloads.map(\.id) == parallel.workloads.map(\.id))
        #expect(serial.findings.map(\.message) == parallel.findings.map(\.message))
        #expect(serial.findings.map(\.location) == parallel.findings.map(\.location))
    }
}
