import BattenYAML
import Testing

@testable import Batten

/// Which profile an image gets: name patterns (registries, `library/`, wildcards), tag ranges and
/// variants, and the precedence of user profiles over built-in ones.
struct ImageProfileMatchingTests {
    static let builtIn = ImageProfileLibrary.builtIn

    @Test func namesAreNormalizedLikeDockerHub() {
        #expect(ImageName("docker.io/library/postgres").text == "postgres")
        #expect(ImageName("index.docker.io/library/postgres").text == "postgres")
        #expect(ImageName("docker.io/bitnami/postgresql").text == "bitnami/postgresql")
        #expect(ImageName("library/redis").text == "redis")
        #expect(ImageName("Quay.io/Keycloak/keycloak").text == "quay.io/keycloak/keycloak")
        #expect(ImageName("localhost:5000/library/postgres").text == "localhost:5000/library/postgres")
    }

    @Test func patterns() throws {
        let star = try #require(ImagePattern("*/postgres"))
        #expect(star.matches(ImageName("bitnami/postgres")))
        #expect(star.matches(ImageName("registry.example.com:5000/team/postgres")))
        #expect(!star.matches(ImageName("postgres")), "`*` stands for at least one segment")
        #expect(!star.matches(ImageName("bitnami/postgresql")))
        let mirror = try #require(ImagePattern("*/library/postgres"))
        #expect(mirror.matches(ImageName("mirror.gcr.io/library/postgres")))
        #expect(mirror.matches(ImageName("public.ecr.aws/docker/library/postgres")))
        #expect(!mirror.matches(ImageName("docker.io/library/postgres")), "Docker Hub's own name is `postgres`")
        let inSegment = try #require(ImagePattern("grafana/grafana-*"))
        #expect(inSegment.matches(ImageName("grafana/grafana-oss")))
        #expect(!inSegment.matches(ImageName("grafana/grafana")))
        #expect(ImagePattern("docker.io/library/postgres")?.matches(ImageName("postgres")) == true)
        #expect(ImagePattern("") == nil)
        #expect(ImagePattern("a b") == nil)
    }

    @Test func registryPrefixesSelectTheSameProfile() {
        for image in [
            "postgres:16", "docker.io/library/postgres:16", "docker.io/postgres:16", "mirror.gcr.io/library/postgres:16",
            "postgres:16@sha256:" + String(repeating: "a", count: 64),
        ] {
            #expect(Self.builtIn.match(image)?.profile.name == "postgres", "\(image)")
        }
        #expect(Self.builtIn.match("bitnami/postgresql:16") == nil, "another image with another layout")
        #expect(Self.builtIn.match("example/postgres:16") == nil)
    }

    @Test func versionRanges() throws {
        #expect(Self.builtIn.match("postgres:17.2")?.profile.name == "postgres")
        #expect(Self.builtIn.match("postgres:18")?.profile.name == "postgres-18")
        #expect(Self.builtIn.match("postgres")?.profile.name == "postgres-18", "no tag is the newest release")
        #expect(Self.builtIn.match("postgres:latest")?.profile.name == "postgres-18")
        #expect(Self.builtIn.match("postgres:alpine")?.profile.name == "postgres-18")
        #expect(Self.builtIn.match("mongo:5.0")?.profile.name == "mongo-early", "the mongo profile starts at 6")
        #expect(Self.builtIn.match("mongo:3.6") == nil, "mongo-early starts at 4")
        #expect(Self.builtIn.match("rabbitmq:3-management")?.profile.name == "rabbitmq", "3 floats to the newest 3.x")
        #expect(Self.builtIn.match("traefik:v3.1")?.profile.name == "traefik", "a leading v is read")

        let range = try #require(VersionRange(">=12 <18"))
        #expect(range.contains([12]) && range.contains([17, 9]) && !range.contains([18]) && !range.contains([11, 9]))
        #expect(!range.contains(nil), "the newest release is above an upper bound")
        let atLeast = try #require(VersionRange(">=16.4"))
        #expect(atLeast.contains([16]), "16 is the newest 16.x")
        #expect(!atLeast.contains([16, 3]))
        let upTo = try #require(VersionRange("<=16"))
        #expect(upTo.contains([16, 9]) && !upTo.contains([17]))
        let exactly = try #require(VersionRange("=8"))
        #expect(exactly.contains([8, 4]) && !exactly.contains([9]))
        #expect(VersionRange("newer") == nil)
    }

    @Test func variants() {
        #expect(Self.builtIn.match("memcached:1.6-alpine3.20")?.profile.name == "memcached-alpine")
        #expect(Self.builtIn.match("memcached:alpine")?.profile.name == "memcached-alpine")
        #expect(Self.builtIn.match("memcached:1.6-bookworm")?.profile.name == "memcached")
        #expect(Self.builtIn.match("grafana/grafana:11.2.0")?.profile.name == "grafana")
        #expect(Self.builtIn.match("grafana/grafana:11.2.0-ubuntu") == nil, "the Ubuntu variant is left out")
        #expect(TagConstraint.variantWords("1.27.3-alpine-slim") == ["alpine", "slim"])
        #expect(TagConstraint.version(of: "v2.54.1") == [2, 54, 1])
        #expect(TagConstraint.version(of: "RELEASE.2024-10-13T13-34-11Z") == nil)
    }

    static func profile(_ name: String, images: [String], tags: TagConstraint = TagConstraint(), origin: String = "mine.yaml") -> ImageProfile {
        ImageProfile(
            name: name, summary: name, patterns: images.compactMap(ImagePattern.init), tags: tags,
            capabilities: .init(add: [], reason: "r"), user: .init(image: "root", runAs: .any, reason: "r"), writable: [],
            healthcheck: .init(test: nil, reason: "r"), documentation: [.init(url: "https://example.com", facts: ["f"])],
            origin: origin)
    }

    @Test func aUsersProfileWinsOverTheBuiltIns() {
        let mine = Self.builtIn.adding([Self.profile("our-postgres", images: ["*/library/postgres", "postgres"])])
        #expect(mine.match("postgres:16")?.profile.name == "our-postgres")
        #expect(mine.match("postgres:16")?.pattern.text == "postgres")
        #expect(mine.match("redis:7")?.profile.name == "redis", "other images keep the built-in profiles")
        let replaced = Self.builtIn.adding([Self.profile("redis", images: ["example/cache"])])
        #expect(replaced.match("redis:7") == nil, "a profile named like a built-in one replaces it")
        #expect(replaced.match("example/cache")?.profile.name == "redis")
        #expect(replaced.profiles.first?.name == "redis")
    }

    @Test func withinALayerTheMostSpecificWins() {
        let library = ImageProfileLibrary([
            Self.profile("wild", images: ["*/app"]),
            Self.profile("plain", images: ["team/app"]),
            Self.profile("ranged", images: ["team/app"], tags: TagConstraint(versions: VersionRange(">=2"))),
            Self.profile("alpine", images: ["team/app"], tags: TagConstraint(variants: ["alpine"])),
        ])
        #expect(library.match("team/app:1")?.profile.name == "plain")
        #expect(library.match("team/app:2")?.profile.name == "ranged")
        #expect(library.match("team/app:2-alpine")?.profile.name == "alpine")
        #expect(library.match("other/app:2")?.profile.name == "wild")
        #expect(library.candidates("team/app:1").map(\.profile.name).sorted() == ["alpine", "plain", "ranged", "wild"])
    }

    @Test func explanationNamesThePatternTheTagsAndTheReasons() {
        let text = ImageProfileExplanation(image: "postgres:16", library: Self.builtIn).text()
        #expect(text.contains("Profile postgres (<builtin>/images/postgres.yaml)"))
        #expect(text.contains("matched by the pattern `postgres`; tag 16 is within versions <18"))
        #expect(text.contains("not postgres-18 (<builtin>/images/postgres-18.yaml): tag 16 is outside the versions >=18"))
        #expect(text.contains("  CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID"))
        #expect(text.contains("/var/run/postgresql (tmpfs)"))
        #expect(text.contains("https://hub.docker.com/_/postgres"))
        #expect(text.contains("why: "))

        let none = ImageProfileExplanation(image: "example/app:1.0", library: Self.builtIn).text()
        #expect(none.contains("No image profile matches it"))
        let close = ImageProfileExplanation(image: "mongo:3.6", library: Self.builtIn).text()
        #expect(close.contains("mongo (<builtin>/images/mongo.yaml) matches the name, but tag 3.6 is outside the versions >=6"))
    }
}
