import BattenYAML
import Testing

@testable import Batten

@Suite("Compose include")
struct ComposeIncludeTests {
    @Test func includedServicesAreAddedWithTheirOwnEnvironmentAndPaths() throws {
        let project = try ComposeTestProject([
            "compose.yaml": """
            include:
              - lib/compose.yaml
            services:
              web:
                image: "web:${TAG:-dev}"
            """,
            "lib/compose.yaml": """
            services:
              libsvc:
                image: "lib:${LIBTAG}-${TAG}"
                volumes: ["./data:/data"]
            volumes:
              libvol: {}
            """,
            "lib/.env": "LIBTAG=from-lib-env\nTAG=lib-env-loses\n",
            ".env": "TAG=root\n",
        ])
        defer { project.remove() }
        let result = project.load()
        #expect(result.diagnostics.isEmpty)
        #expect(result.workloads.map(\.name) == ["libsvc", "web"])
        let lib = try result.workload("libsvc")
        #expect(lib.containers.first?.image?.value == "lib:from-lib-env-root")
        #expect(lib.location.shortLocation == "compose.yaml:2:3")
        #expect(lib.path.hasSuffix("lib/compose.yaml"))
        #expect(lib.containers.first?.mounts.first?.resolvedSource == project.directory + "/lib/data")
        #expect(try result.container("web").image?.value == "web:root")
        #expect(result.merged?["volumes"]?.entries?.map(\.key) == ["libvol"])
        #expect(result.files.count == 2)
    }

    @Test func longSyntaxWithProjectDirectoryAndEnvFile() throws {
        let project = try ComposeTestProject([
            "compose.yaml": """
            include:
              - path: ./stack/base.yaml
                project_directory: ./stack-root
                env_file: ./stack.env
              - path: [other/compose.yaml, other/override.yaml]
            services:
              main:
                image: main
            """,
            "stack/base.yaml": "services:\n  stacked:\n    image: \"stacked:${STACK_TAG}\"\n    volumes: [\"./relative:/r\"]\n",
            "stack.env": "STACK_TAG=from-env-file\n",
            "other/compose.yaml": "services:\n  other:\n    image: other\n    cap_add: [A]\n",
            "other/override.yaml": "services:\n  other:\n    cap_add: [B]\n",
        ])
        defer { project.remove() }
        let result = project.load()
        #expect(result.diagnostics.isEmpty)
        #expect(try result.container("stacked").image?.value == "stacked:from-env-file")
        #expect(try result.container("stacked").mounts.first?.resolvedSource == project.directory + "/stack-root/relative")
        #expect(try result.container("other").capabilitiesAdded.map(\.value) == ["A", "B"])
    }

    @Test func conflictWithAnIncludedServiceIsAnError() throws {
        let project = try ComposeTestProject([
            "compose.yaml": "include:\n  - lib.yaml\nservices:\n  shared:\n    image: mine\n",
            "lib.yaml": "services:\n  shared:\n    image: theirs\n  extra:\n    image: extra\n",
        ])
        defer { project.remove() }
        let result = project.load()
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.shortLocation == "compose.yaml:4:3")
        #expect(result.errors.first?.message.hasPrefix("service \"shared\" conflicts with the service of the same name imported by include") == true)
        #expect(try result.container("shared").image?.value == "mine")
        #expect(try result.container("extra").image?.value == "extra")
    }

    @Test func laterFileMayOverrideAnIncludedService() throws {
        let project = try ComposeTestProject([
            "compose.yaml": "include:\n  - lib.yaml\nservices:\n  web:\n    image: web\n",
            "lib.yaml": "services:\n  libsvc:\n    image: lib\n",
            "override.yaml": "services:\n  libsvc:\n    image: overridden\n",
        ])
        defer { project.remove() }
        let result = project.load(["compose.yaml", "override.yaml"])
        #expect(result.diagnostics.isEmpty)
        #expect(try result.container("libsvc").image?.value == "overridden")
    }

    @Test func includeCycleIsReported() throws {
        let project = try ComposeTestProject([
            "compose.yaml": "include:\n  - a.yaml\nservices:\n  main:\n    image: main\n",
            "a.yaml": "include:\n  - compose.yaml\nservices:\n  a:\n    image: a\n",
        ])
        defer { project.remove() }
        let result = project.load()
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.shortLocation == "a.yaml:2:5")
        #expect(result.errors.first?.message.hasPrefix("include cycle") == true)
        #expect(Set(result.workloads.map(\.name)) == ["a", "main"])
    }

    @Test func missingIncludedFileIsReportedAtItsEntry() throws {
        let result = try ComposeTestProject.loadSingle("include:\n  - missing.yaml\nservices:\n  main:\n    image: main\n")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.shortLocation == "compose.yaml:2:5")
        #expect(result.errors.first?.message == "cannot read included file missing.yaml: no such file or directory")
        #expect(result.workloads.map(\.name) == ["main"])
    }
}
