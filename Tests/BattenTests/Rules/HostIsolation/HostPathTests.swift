import BattenYAML
import Testing

@testable import Batten

/// Host path normalisation and the segment-wise matching the host path rules rely on.
struct HostPathTests {
    @Test func normalisesLexically() {
        #expect(HostPath.normalized("/var//run/./docker.sock/") == "/var/run/docker.sock")
        #expect(HostPath.normalized("/srv/app/../../etc") == "/etc")
        #expect(HostPath.normalized("/../../root") == "/root")
        #expect(HostPath.normalized("/") == "/")
        #expect(HostPath.normalized("./src") == nil)
        #expect(HostPath.normalized("~/.ssh") == nil)
        #expect(HostPath.normalized("C:\\data") == nil)
    }

    /// Paths already in normal form come back unchanged without being split; the others are
    /// rewritten. Dots that are part of a name stay.
    @Test(arguments: [
        ("/var/run/docker.sock", "/var/run/docker.sock"), ("/...", "/..."), ("/.ssh", "/.ssh"), ("/a/..b/c.", "/a/..b/c."),
        ("//", "/"), ("/.", "/"), ("/..", "/"), ("/a/.", "/a"), ("/a/..", "/"), ("/a/b/../c", "/a/c"), ("/a//b", "/a/b"),
        ("/a/./b", "/a/b"), ("/a/", "/a"), ("/ü/x", "/ü/x"), ("/a/.../b", "/a/.../b"),
    ])
    func normalFormIsKept(path: String, expected: String) {
        #expect(HostPath.normalized(path) == expected)
    }

    @Test func containmentIsOnWholeSegments() {
        #expect(HostPath.isWithin("/etc/ssl", "/etc"))
        #expect(HostPath.isWithin("/etc", "/etc"))
        #expect(!HostPath.isWithin("/etcd", "/etc"))
        #expect(!HostPath.isWithin("/etc-backup/x", "/etc"))
        #expect(HostPath.isWithin("/anything", "/"))
    }

    @Test func sensitiveMatchCoversBelowAndAbove() {
        let paths = SensitiveHostPathRule.defaultPaths
        #expect(HostPath.sensitiveMatch("/etc/kubernetes/pki", in: paths) == "/etc")
        #expect(HostPath.sensitiveMatch("/etcd", in: paths) == nil)
        #expect(HostPath.sensitiveMatch("/", in: paths) == "/")
        #expect(HostPath.sensitiveMatch("/srv/data", in: paths) == nil)
        #expect(HostPath.sensitiveMatch("/var/www/html", in: paths) == nil)
        #expect(HostPath.sensitiveMatch("/var", in: paths) != nil, "/var contains /var/run")
        #expect(HostPath.sensitiveMatch("/var/lib", in: paths) != nil, "/var/lib contains /var/lib/docker")
        #expect(HostPath.sensitiveMatch("/var/lib/docker/volumes/x", in: paths) == "/var/lib/docker")
        #expect(HostPath.sensitiveMatch("/srv", in: ["/"]) == nil, "`/` matches only itself")
        #expect(HostPath.sensitiveMatch("/opt/secrets/key", in: ["/opt/secrets/"]) == "/opt/secrets")
    }

    @Test func eachUseHasOneClass() {
        func use(_ path: String) -> HostPathUse {
            HostPathUse(
                written: path, path: HostPath.normalized(path), isHome: false, isInsideProject: false, readOnly: true,
                hostPathType: nil, node: Self.node, pathNode: Self.node, container: nil, volumeName: nil, targets: [])
        }
        let paths = SensitiveHostPathRule.defaultPaths
        #expect(use("/var/run/docker.sock").classification(sensitivePaths: paths) != .plain)
        #expect(use("/var/run/docker.sock").classification(sensitivePaths: paths) == use("/var/run/docker.sock").classification(sensitivePaths: []))
        #expect(use("/etc").classification(sensitivePaths: paths) == .sensitive("/etc"))
        #expect(use("/etc").classification(sensitivePaths: []) == .plain)
        #expect(use("/var/log").classification(sensitivePaths: paths) == .plain)
        #expect(use("/srv/data").classification(sensitivePaths: paths) == .plain)
        var home = use("~/.ssh")
        home.path = nil
        home.isHome = true
        #expect(home.classification(sensitivePaths: paths) == .sensitive("the home directory"))
        var project = use("/work/project/src")
        project.isInsideProject = true
        #expect(project.classification(sensitivePaths: ["/work"]) == .plain)
    }

    @Test func runtimeSocketDetection() {
        func exposes(_ path: String) -> Bool {
            let use = HostPathUse(
                written: path, path: HostPath.normalized(path), isHome: false, isInsideProject: false, readOnly: true,
                hostPathType: nil, node: Self.node, pathNode: Self.node, container: nil, volumeName: nil, targets: [])
            return RuntimeSocketRule.exposedSocket(use) != nil
        }
        #expect(exposes("/var/run/docker.sock"))
        #expect(exposes("/run/user/1000/docker.sock"), "rootless Docker")
        #expect(exposes("/run/containerd"))
        #expect(exposes("/var/run"))
        #expect(exposes("/run"))
        #expect(exposes("/var/run/containerd"))
        #expect(!exposes("/"), "a sensitive host path, not a socket")
        #expect(!exposes("/var"), "a sensitive host path, not a socket")
        #expect(exposes("/var/run/crio/crio.sock"))
        #expect(exposes("/run/podman/podman.sock"))
        #expect(!exposes("/var/lib/docker"))
        #expect(!exposes("/run/postgresql"))
        #expect(!exposes("/srv/docker.socket"))
    }

    static let node: NodeRef = {
        let document = YAMLParser.parse("x: 1").documents[0]
        return document.ref(document.root ?? NodeID(0))
    }()
}
