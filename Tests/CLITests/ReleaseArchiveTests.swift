import Foundation
import Testing

/// The portable release (Scripts/release.sh): a binary that needs nothing but the C and C++ runtime,
/// with its checksum, its version and commit, and the wheel that carries it.
@Suite(.enabled(if: ReleaseArchive.located != nil, Comment(rawValue: ReleaseArchive.missing)))
struct ReleaseArchiveTests {
    /// The libraries a glibc distribution always has; the Swift runtime and libyaml are linked in.
    static let allowedLibraries = [
        "libc.so.", "libm.so.", "libpthread.so.", "libdl.so.", "librt.so.", "libutil.so.",
        "ld-linux", "libstdc++.so.", "libgcc_s.so.",
    ]

    private func archive() throws -> ReleaseArchive { try #require(ReleaseArchive.located) }

    private func binary(in directory: URL) throws -> URL {
        let version = try ReleaseArchive.sourceVersion()
        return directory.appendingPathComponent("batten-\(version)-x86_64-linux").appendingPathComponent("batten")
    }

    @Test func archiveHoldsTheBinaryAndAReadme() throws {
        let release = try archive()
        #expect(FileManager.default.fileExists(atPath: release.archive.path), "missing: \(release.archive.path)")
        let directory = try release.unpack()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = try binary(in: directory).deletingLastPathComponent()
        #expect(FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("batten").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("README").path))
        if FileManager.default.fileExists(atPath: try CLIHarness.packageRoot().appendingPathComponent("LICENSE").path) {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("LICENSE").path))
        }
    }

    @Test func binaryNeedsNoSwiftAndNoLibyamlLibrary() throws {
        let directory = try archive().unpack()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try binary(in: directory).path
        let dynamic = try ReleaseArchive.tool("/usr/bin/readelf", ["-d", path])
        #expect(dynamic.status == 0, "readelf: \(dynamic.stderr)")
        let needed = dynamic.stdout.split(separator: "\n").filter { $0.contains("(NEEDED)") }.compactMap { line -> String? in
            guard let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else { return nil }
            return String(line[line.index(after: open)..<close])
        }
        #expect(!needed.isEmpty, "the binary is expected to be dynamically linked against glibc")
        for library in needed {
            #expect(Self.allowedLibraries.contains { library.hasPrefix($0) }, "the release binary needs \(library)")
        }
        let ldd = try ReleaseArchive.tool("/usr/bin/ldd", [path])
        #expect(ldd.status == 0, "ldd: \(ldd.stderr)")
        for word in ["swift", "yaml", "Foundation", "dispatch", "BlocksRuntime", "not found"] {
            #expect(!ldd.stdout.contains(word), "ldd lists \(word): \(ldd.stdout)")
        }
    }

    @Test func checksumFileMatchesTheArchive() throws {
        let release = try archive()
        let checksum = try CLIHarness.read(URL(fileURLWithPath: release.archive.path + ".sha256"))
        let computed = try ReleaseArchive.tool("/usr/bin/sha256sum", [release.archive.path])
        let expected = try #require(computed.stdout.split(separator: " ").first)
        #expect(checksum == "\(expected)  \(release.archive.lastPathComponent)\n")
    }

    @Test func binaryPrintsItsVersionAndCommit() throws {
        let directory = try archive().unpack()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try ReleaseArchive.tool(try binary(in: directory).path, ["--version"])
        #expect(run.status == 0)
        let version = try ReleaseArchive.sourceVersion()
        #expect(
            run.stdout.wholeMatch(of: /(\d+\.\d+\.\d+) \(commit [0-9a-f]{7,40}\)\n/)?.output.1 == Substring(version),
            "unexpected: \(run.stdout)")
    }

    @Test func wheelCarriesTheSameBinaryWithTheGlibcItNeeds() throws {
        let release = try archive()
        let directory = try release.unpack()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try binary(in: directory).path
        let symbols = try ReleaseArchive.tool("/usr/bin/objdump", ["-T", path])
        let glibc = symbols.stdout.matches(of: /GLIBC_2\.(\d+)/).compactMap { Int($0.output.1) }.max()
        let minor = try #require(glibc)
        let version = try ReleaseArchive.sourceVersion()
        let wheel = release.archive.deletingLastPathComponent()
            .appendingPathComponent("batten-\(version)-py3-none-manylinux_2_\(minor)_x86_64.whl")
        #expect(FileManager.default.fileExists(atPath: wheel.path), "missing: \(wheel.lastPathComponent)")
        // The script inside the wheel is the archive's binary, and the wheel's RECORD lists it.
        let check = try ReleaseArchive.tool(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import sys, zipfile
                wheel = zipfile.ZipFile(sys.argv[1])
                script = wheel.read(sys.argv[2] + ".data/scripts/batten")
                record = wheel.read(sys.argv[2] + ".dist-info/RECORD").decode()
                assert script == open(sys.argv[3], "rb").read(), "the wheel's batten differs from the archive's"
                assert (sys.argv[2] + ".data/scripts/batten,sha256=") in record, record
                assert (wheel.getinfo(sys.argv[2] + ".data/scripts/batten").external_attr >> 16) & 0o111, "not executable"
                """, wheel.path, "batten-\(version)", path,
            ])
        #expect(check.status == 0, "\(check.stderr)")
    }
}
