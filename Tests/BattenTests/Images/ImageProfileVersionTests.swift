import BattenYAML
import Testing

@testable import Batten

/// Version-aware profiles: no two built-in profiles claim one image and tag, the tags just below and
/// just above every version boundary pick the right profile (or none), and an image whose tag no
/// profile covers gets decisions rather than the nearest profile's fixes.
struct ImageProfileVersionTests {
    static let builtIn = ImageProfileLibrary.builtIn

    /// Tags around every bound of `profiles`' ranges: the bound, one below and one above in its last
    /// part, its prefixes and a longer patch, each bare and with every variant word of the profiles.
    static func probeTags(_ profiles: [ImageProfile]) -> [String?] {
        var versions: Set<[Int]> = []
        for profile in profiles {
            for bound in profile.tags.versions?.bounds ?? [] {
                let version = bound.version
                versions.insert(version)
                versions.insert(version + [0])
                versions.insert(version + [99])
                for length in 1..<max(version.count, 2) { versions.insert(Array(version.prefix(length))) }
                if let last = version.last {
                    versions.insert(Array(version.dropLast()) + [last + 1])
                    if last > 0 { versions.insert(Array(version.dropLast()) + [last - 1]) }
                }
            }
        }
        let words = Set(profiles.flatMap { $0.tags.variants + $0.tags.excludedVariants })
        var tags: [String?] = [nil, "latest", "lts"]
        for version in versions.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let text = version.map(String.init).joined(separator: ".")
            tags.append(text)
            tags += words.sorted().map { "\(text)-\($0)" }
        }
        tags += words.sorted().map { Optional($0) }
        return tags
    }

    /// Two profiles may overlap only where the library's precedence decides between them: one lists
    /// variant words (`httpd-alpine`) or a version range and the other does not. Equally specific
    /// profiles must not both take a tag, or file order would choose.
    @Test func noTwoBuiltInProfilesClaimTheSameImageAndTag() {
        let profiles = BuiltInImageProfiles.profiles
        for (index, first) in profiles.enumerated() {
            for second in profiles.dropFirst(index + 1) {
                guard first.tags.variants.isEmpty == second.tags.variants.isEmpty,
                    (first.tags.versions == nil) == (second.tags.versions == nil)
                else { continue }
                let shared = first.patterns.map(\.description).filter { Set(second.patterns.map(\.description)).contains($0) }
                guard !shared.isEmpty else { continue }
                for tag in Self.probeTags([first, second]) {
                    let both = first.tags.mismatch(tag) == nil && second.tags.mismatch(tag) == nil
                    #expect(!both, "\(first.name) and \(second.name) both take \(shared[0]):\(tag ?? "(none)")")
                }
            }
        }
    }

    /// Image → the profile it must get, nil for none; the tags just below and above each boundary.
    static let boundaries: [(String, String?)] = [
        ("mongo:3.6", nil), ("mongo:3.6.23", nil), ("mongo:4.0", "mongo-early"), ("mongo:4.4.29", "mongo-early"),
        ("mongo:5", "mongo-early"), ("mongo:5.0.31", "mongo-early"), ("mongo:6", "mongo"), ("mongo:6.0.0", "mongo"),
        ("mongo:latest", "mongo"), ("mongo", "mongo"),
        ("mariadb:10.1", nil), ("mariadb:10.1.48", nil), ("mariadb:10.2", "mariadb-legacy"), ("mariadb:10.5", "mariadb-legacy"),
        ("mariadb:10.5.27", "mariadb-legacy"), ("mariadb:10.6.0", "mariadb-early"), ("mariadb:10.6.5", "mariadb-early"),
        ("mariadb:10.6.6", "mariadb"), ("mariadb:10.6", "mariadb"), ("mariadb:lts", "mariadb"), ("mariadb", "mariadb"),
        ("mysql:5.6", nil), ("mysql:5.7", "mysql-5-7"), ("mysql:5.7.44-oracle", "mysql-5-7"), ("mysql:5", nil),
        ("mysql:8.0", "mysql"), ("mysql:8", "mysql"), ("mysql:lts", "mysql"), ("mysql", "mysql"),
        ("postgres:17.6", "postgres"), ("postgres:17", "postgres"), ("postgres:18.0", "postgres-18"), ("postgres", "postgres-18"),
        ("gitea/gitea:1.16-rootless", nil), ("gitea/gitea:1.17-rootless", "gitea-rootless"), ("gitea/gitea:1.17.0-rootless", "gitea-rootless"),
        ("gitea/gitea:latest-rootless", "gitea-rootless"), ("gitea/gitea:rootless", "gitea-rootless"), ("gitea/gitea:1.22", "gitea"),
        ("gitea/gitea:1.16", nil), ("gitea/gitea:1.17", "gitea"), ("gitea/gitea", "gitea"),
        ("nextcloud:30-apache", "nextcloud"), ("nextcloud:30", "nextcloud"), ("nextcloud:fpm", "nextcloud-fpm"),
        ("nextcloud:30-fpm-alpine", "nextcloud-fpm"),
        ("dpage/pgadmin4:8.12", nil), ("dpage/pgadmin4:8.13", "pgadmin4"), ("dpage/pgadmin4", "pgadmin4"),
        ("mcr.microsoft.com/azure-sql-edge:1.0.6", nil), ("mcr.microsoft.com/azure-sql-edge:1.0.7", "azure-sql-edge"),
        ("lscr.io/linuxserver/sonarr:latest", "linuxserver"), ("linuxserver/nginx", "linuxserver"),
        ("ghcr.io/linuxserver/radarr:5.14.0", "linuxserver"), ("phpmyadmin/phpmyadmin:5.2", "phpmyadmin"),
        ("sonarqube:10.7.0-community", nil), ("sonarqube:24.12.0.100206-community", "sonarqube"), ("sonarqube:community", "sonarqube"),
        ("sonarqube:2025.1-developer", "sonarqube"),
        ("php:8.3-apache", "php-apache"), ("php:apache", "php-apache"), ("php:8.3-fpm", nil), ("php:8.3-cli", nil),
        ("adminer:3.7", nil), ("adminer:4", "adminer"), ("adminer", "adminer"), ("adminer:4.8.1-fastcgi", nil),
        ("mcr.microsoft.com/mssql/server:2017-latest", nil), ("mcr.microsoft.com/mssql/server:2019-latest", "mssql"),
        ("mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04", "mssql"),
        ("jenkins/jenkins:lts", "jenkins"), ("jenkins/jenkins:2.479.1-jdk17", "jenkins"), ("jenkins/jenkins:lts-rhel-ubi9-jdk21", nil),
        ("bitnami/kafka:3.2", nil), ("bitnami/kafka:3.2.3-debian-11-r9", nil), ("bitnami/kafka:3.3", "bitnami-kafka"),
        ("bitnami/kafka:3.3.0", "bitnami-kafka"), ("bitnamilegacy/kafka:4.0.0-debian-12-r10", "bitnami-kafka"),
        ("docker.io/bitnami/kafka:latest", "bitnami-kafka"), ("bitnami/zookeeper:3.7", nil), ("bitnami/zookeeper:3.7.2", nil),
        ("bitnami/zookeeper:3.8", "bitnami-zookeeper"), ("bitnami/zookeeper:3.8.0", "bitnami-zookeeper"),
        ("bitnamilegacy/zookeeper:3.9.3-debian-12-r21", "bitnami-zookeeper"), ("bitnami/zookeeper", "bitnami-zookeeper"),
    ]

    @Test(arguments: boundaries)
    func theTagsAroundEachBoundaryPickTheRightProfile(_ image: String, _ expected: String?) {
        #expect(Self.builtIn.match(image)?.profile.name == expected, "\(image)")
    }

    /// A tag that names no version (`lts`, `latest`, `bookworm`) is the newest release: it falls in
    /// the ranges without an upper bound and no other.
    @Test func aTagWithoutAVersionIsTheNewestRelease() {
        #expect(TagConstraint.version(of: "lts") == nil)
        #expect(VersionRange(">=6")?.contains(nil) == true)
        #expect(VersionRange(">=4 <6")?.contains(nil) == false)
        #expect(Self.builtIn.match("postgres:bookworm")?.profile.name == "postgres-18")
    }

    /// An image whose tag no profile covers gets the generic fixes as decisions, not the fixes of the
    /// profile of a neighbouring version.
    @Test(arguments: ["mongo:3.6", "mariadb:10.1", "mysql:5.6", "gitea/gitea:1.16-rootless"])
    func anUncoveredTagGetsDecisions(_ image: String) throws {
        let compose = """
            services:
              db:
                image: \(image)
            """
        let outcome = try ExampleRunner.run(compose, format: .compose, rules: [CapabilitiesNotDroppedRule.self, RunsAsRootRule.self])
        let fixes = outcome.findings.compactMap(\.fix)
        #expect(!fixes.isEmpty)
        for fix in fixes {
            #expect(fix.kind == .decision, "\(image): \(fix.labelledTitle)")
            #expect((fix.reason ?? "").hasPrefix("no image profile for \(image)"), "\(image): \(fix.labelledTitle)")
        }
    }
}
