import BattenYAML
import Testing

@testable import Batten

/// The Kubernetes fixes of `runs-as-root`, `writable-root-filesystem`, `capabilities-not-dropped` and
/// `automount-service-account-token`: known from the container's image profile or from the manifest,
/// decisions without either.
struct KubernetesProfileFixTests {
    static let profileRules: Set<String> = ["runs-as-root", "writable-root-filesystem", "capabilities-not-dropped"]

    static func pod(_ name: String, _ spec: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: \(name)
        spec:
        \(spec)
        """
    }

    /// The findings of `rule` on `text`, with `library` as the image profiles.
    static func findings(_ rule: any Rule.Type, _ text: String, library: ImageProfileLibrary = .builtIn) throws -> [Finding] {
        let context = RuleContext(rule: rule.description, imageProfiles: library)
        let instance = rule.init()
        return try RuleHarness.workloads(text, format: .kubernetes).flatMap { instance.check($0, context: context) }
    }

    static func single(_ rule: any Rule.Type, _ text: String, library: ImageProfileLibrary = .builtIn) throws -> Finding {
        let all = try findings(rule, text, library: library)
        try #require(all.count == 1, "\(all.count) findings: \(all.map(\.message))")
        return try #require(all.first)
    }

    /// The built-in library with the postgres profile's user ids filled in (uid 999 on Debian, 70 on
    /// Alpine, as the image's Dockerfiles create the postgres user).
    static func postgresWithIDs() throws -> ImageProfileLibrary {
        var profile = try #require(ImageProfileLibrary.builtIn.match("postgres:16")?.profile)
        profile.user.ids = ["default": "999:999", "alpine": "70:70"]
        return ImageProfileLibrary.builtIn.adding([profile])
    }

    static func postgres(_ tag: String) -> String {
        pod(
            "db",
            """
              containers:
              - name: db
                image: postgres:\(tag)
                volumeMounts:
                - name: data
                  mountPath: /var/lib/postgresql/data
              volumes:
              - name: data
                persistentVolumeClaim:
                  claimName: db-data
            """)
    }

    // MARK: runs-as-root

    @Test func postgresRunsAsTheProfilesNumericUser() throws {
        let library = try Self.postgresWithIDs()
        for (tag, id) in [("16", 999), ("16-alpine", 70)] {
            let fix = try #require(try Self.single(RunsAsRootRule.self, Self.postgres(tag), library: library).fix)
            #expect(fix.kind == .known, "postgres:\(tag)")
            #expect(fix.reason?.contains("the postgres image profile") == true)
            #expect(fix.changes.map(\.scope) == [.container("db"), .container("db"), .container("db"), .pod])
            #expect(
                fix.changes.map(\.path) == [
                    ["securityContext", "runAsNonRoot"], ["securityContext", "runAsUser"], ["securityContext", "runAsGroup"],
                    ["securityContext", "fsGroup"],
                ])
            #expect(fix.changes.map(\.operation) == [.set(.bool(true)), .set(.int(id)), .set(.int(id)), .set(.int(id))])
        }
    }

    @Test func postgresWithTheBuiltInProfile() throws {
        let finding = try Self.single(RunsAsRootRule.self, Self.postgres("16"))
        let fix = try #require(finding.fix)
        let profile = try #require(ImageProfileLibrary.builtIn.match("postgres:16")?.profile)
        if let ids = profile.user.numericRunAs(tag: "16") {
            #expect(fix.kind == .known)
            #expect(fix.changes.contains { $0.path.last == "runAsUser" && $0.operation == .set(.int(ids.uid)) })
        } else {
            #expect(fix.kind == .decision, "the profile names the user postgres but no uid yet")
            #expect(fix.reason?.contains("postgres") == true)
        }
    }

    @Test func grafanaAndPrometheusRunAsTheirNumericUsers() throws {
        let grafana = try #require(
            try Self.single(
                RunsAsRootRule.self,
                Self.pod(
                    "dash",
                    """
                      containers:
                      - name: grafana
                        image: grafana/grafana:11.2.0
                    """)
            ).fix)
        #expect(grafana.kind == .known)
        #expect(grafana.reason == "the grafana image profile says the image runs as uid 472")
        #expect(grafana.changes.map(\.operation) == [.set(.bool(true)), .set(.int(472)), .set(.int(472))])
        #expect(!grafana.changes.contains { $0.scope == .pod }, "no claimed volume: no fsGroup")

        let prometheus = try #require(
            try Self.single(
                RunsAsRootRule.self,
                Self.pod(
                    "metrics",
                    """
                      securityContext:
                        fsGroup: 2000
                      containers:
                      - name: prometheus
                        image: prom/prometheus:2.53.0
                        volumeMounts:
                        - name: data
                          mountPath: /prometheus
                      volumes:
                      - name: data
                        persistentVolumeClaim:
                          claimName: metrics
                    """)
            ).fix)
        #expect(prometheus.kind == .known)
        #expect(prometheus.changes.map(\.operation) == [.set(.bool(true)), .set(.int(65534)), .set(.int(65534))])
        #expect(!prometheus.changes.contains { $0.path.last == "fsGroup" }, "the pod's own fsGroup is kept")
    }

    @Test func anImageThatCannotRunAsAnotherUserGetsNoFix() throws {
        let finding = try Self.single(
            RunsAsRootRule.self,
            Self.pod(
                "web",
                """
                  containers:
                  - name: web
                    image: nginx:1.27
                """))
        #expect(finding.fix == nil)
        #expect(finding.message.contains("the nginx image profile says the image cannot run as another user"))
        #expect(finding.message.contains("nginx.conf"), "the message carries the profile's reason")
    }

    // MARK: writable-root-filesystem

    @Test func nginxGetsAnEmptyDirForEveryPathItWrites() throws {
        let text = Self.pod(
            "web",
            """
              containers:
              - name: web
                image: nginx:1.27
            """)
        let finding = try Self.single(WritableRootFilesystemRule.self, text)
        let fix = try #require(finding.fix)
        #expect(fix.kind == .known)
        #expect(fix.reason?.contains("the nginx image profile") == true)
        let volumes = fix.changes.filter { $0.scope == .pod }
        #expect(volumes.allSatisfy { $0.path == ["volumes"] })
        #expect(
            volumes.map(\.operation)
                == ["var-cache-nginx", "var-run", "tmp"].map {
                    .append(.mapping([("name", .string($0)), ("emptyDir", .mapping([]))]))
                })
        let mounts = fix.changes.filter { $0.scope == .container("web") && $0.path == ["volumeMounts"] }
        #expect(
            mounts.map(\.operation)
                == [("var-cache-nginx", "/var/cache/nginx"), ("var-run", "/var/run"), ("tmp", "/tmp")].map {
                    .append(.mapping([("name", .string($0.0)), ("mountPath", .string($0.1))]))
                })

        let fixed = try ExampleRunner.fix(text, format: .kubernetes, rules: ["writable-root-filesystem"], upTo: .known)
        #expect(fixed.refusals.isEmpty, "\(fixed.refusals)")
        #expect(!fixed.stillTriggers)
        #expect(
            fixed.text.contains(
                """
                    readOnlyRootFilesystem: true
                    volumeMounts:
                    - name: var-cache-nginx
                      mountPath: /var/cache/nginx
                    - name: var-run
                      mountPath: /var/run
                    - name: tmp
                      mountPath: /tmp
                  volumes:
                  - name: var-cache-nginx
                    emptyDir: {}
                """))
    }

    @Test func volumeNamesAreDNSLabelsThatDoNotClash() {
        #expect(WritableRootFilesystemRule.volumeName(for: "/var/cache/nginx", prefix: nil, taken: []) == "var-cache-nginx")
        #expect(WritableRootFilesystemRule.volumeName(for: "/tmp", prefix: nil, taken: ["tmp", "tmp-2"]) == "tmp-3")
        #expect(WritableRootFilesystemRule.volumeName(for: "/tmp", prefix: "web", taken: []) == "web-tmp")
        #expect(WritableRootFilesystemRule.volumeName(for: "/Var/_Lib/x.y", prefix: nil, taken: []) == "var-lib-x-y")
        let long = WritableRootFilesystemRule.volumeName(for: "/" + String(repeating: "a", count: 70), prefix: nil, taken: [])
        #expect(long.count == 63)
        let clash = WritableRootFilesystemRule.volumeName(for: "/" + String(repeating: "a", count: 70), prefix: nil, taken: [long])
        #expect(clash.count == 63 && clash.hasSuffix("-2"))
    }

    // MARK: capabilities-not-dropped

    @Test func aProfileAddsBackWhatAnImageThatStaysRootNeeds() throws {
        let nginx = try #require(
            try Self.single(
                CapabilitiesNotDroppedRule.self,
                Self.pod(
                    "web",
                    """
                      containers:
                      - name: web
                        image: nginx:1.27
                    """)
            ).fix)
        #expect(nginx.kind == .known)
        #expect(
            nginx.changes.map(\.operation) == [.append(.string("ALL"))]
                + ["CHOWN", "NET_BIND_SERVICE", "SETGID", "SETUID"].map { .append(.string($0)) })
        #expect(nginx.changes.dropFirst().allSatisfy { $0.path == ["securityContext", "capabilities", "add"] })

        let nonRoot = try #require(
            try Self.single(
                CapabilitiesNotDroppedRule.self,
                Self.pod(
                    "web",
                    """
                      securityContext:
                        runAsNonRoot: true
                      containers:
                      - name: web
                        image: nginx:1.27
                    """)
            ).fix)
        #expect(nonRoot.changes.count == 1, "with runAsNonRoot the image cannot start as root: nothing to add back")
    }

    @Test func anImageWithANonRootUserGetsNothingBack() throws {
        let known = try #require(try Self.single(CapabilitiesNotDroppedRule.self, Self.postgres("16"), library: try Self.postgresWithIDs()).fix)
        #expect(known.kind == .known, "the runs-as-root fix runs it as uid 999")
        #expect(known.changes.map(\.operation) == [.append(.string("ALL"))])
        let profile = try #require(ImageProfileLibrary.builtIn.match("postgres:16")?.profile)
        if profile.user.numericRunAs(tag: "16") == nil {
            let decision = try #require(try Self.single(CapabilitiesNotDroppedRule.self, Self.postgres("16")).fix)
            #expect(decision.kind == .decision, "without the uid, running as postgres is a decision")
            #expect(decision.changes.map(\.operation) == [.append(.string("ALL"))])
        }
        let fixed = try ExampleRunner.fix(
            Self.postgres("16"), format: .kubernetes, rules: Self.profileRules, upTo: .decision)
        #expect(fixed.refusals.isEmpty, "the user and capability fixes must not contradict each other: \(fixed.refusals)")
    }

    @Test func aNonRootManifestDropsAllAsKnown() throws {
        let text = Self.pod(
            "api",
            """
              securityContext:
                runAsUser: 1000
              containers:
              - name: api
                image: example/api:1.0
                securityContext:
                  capabilities:
                    add: [ALL, NET_BIND_SERVICE]
            """)
        let caps = try #require(try Self.single(CapabilitiesNotDroppedRule.self, text).fix)
        #expect(caps.kind == .known)
        #expect(caps.reason?.contains("uid 1000") == true)
        #expect(caps.changes.map(\.operation) == [.append(.string("ALL")), .removeItem(.string("ALL"))])
        let user = try #require(try Self.single(RunsAsRootRule.self, text).fix)
        #expect(user.kind == .known)
        #expect(user.reason == "the manifest sets uid 1000")
        #expect(user.changes.map(\.path) == [["securityContext", "runAsNonRoot"]])

        let fixed = try ExampleRunner.fix(
            text, format: .kubernetes, rules: ["capabilities-not-dropped", "runs-as-root"], upTo: .known)
        #expect(fixed.refusals.isEmpty, "\(fixed.refusals)")
        #expect(!fixed.stillTriggers)
        #expect(fixed.text.contains("add: [NET_BIND_SERVICE]"), "add: [ALL] does not stay beside drop: [ALL]")
        #expect(fixed.text.contains("runAsNonRoot: true"))
    }

    // MARK: Unknown images

    @Test func anUnknownImageGetsDecisionsOnly() throws {
        let text = Self.pod(
            "api",
            """
              containers:
              - name: api
                image: example/api:1.0
            """)
        for rule in [RunsAsRootRule.self, WritableRootFilesystemRule.self, CapabilitiesNotDroppedRule.self] as [any Rule.Type] {
            let fix = try #require(try Self.single(rule, text).fix, "\(rule.description.id)")
            #expect(fix.kind == .decision, "\(rule.description.id)")
            #expect(fix.reason?.contains("no image profile for example/api:1.0") == true, "\(rule.description.id)")
        }
        let root = try #require(try Self.single(RunsAsRootRule.self, text).fix)
        #expect(root.reason == "no image profile for example/api:1.0: Batten cannot know that it runs as uid 10001")
        let writable = try #require(try Self.single(WritableRootFilesystemRule.self, text).fix)
        #expect(
            writable.changes.contains { $0.operation == .append(.mapping([("name", .string("tmp")), ("mountPath", .string("/tmp"))])) },
            "the decision's snippet still carries the /tmp emptyDir")

        let known = try ExampleRunner.fix(text, format: .kubernetes, rules: Self.profileRules, upTo: .known)
        #expect(known.text == text, "FixSelection(upTo: .known) applies none of the decisions")
        #expect(known.refusals.isEmpty)
        let decided = try ExampleRunner.fix(text, format: .kubernetes, rules: Self.profileRules, upTo: .decision)
        #expect(decided.refusals.isEmpty, "\(decided.refusals)")
        #expect(!decided.stillTriggers)
    }

    @Test func everyKnownFixOfAProfiledPodAppliesTogether() throws {
        let text = Self.pod(
            "web",
            """
              containers:
              - name: web
                image: nginx:1.27
              - name: dash
                image: grafana/grafana:11.2.0
            """)
        let fixed = try ExampleRunner.fix(
            text, format: .kubernetes, rules: Self.profileRules.union(["automount-service-account-token"]), upTo: .known)
        #expect(fixed.refusals.isEmpty, "the capabilities nginx needs back must not bring a new finding: \(fixed.refusals)")
        #expect(fixed.text.contains("- name: web-var-cache-nginx"))
        #expect(fixed.text.contains("- name: dash-tmp"))
        #expect(fixed.text.contains("runAsUser: 472"))
        #expect(fixed.text.contains("automountServiceAccountToken: false"))
    }

    // MARK: automount-service-account-token

    @Test func automountIsKnownOnlyForTheDefaultAccount() throws {
        let unnamed = try #require(
            try Self.single(
                AutomountServiceAccountTokenRule.self,
                Self.pod(
                    "a",
                    """
                      containers:
                      - name: a
                        image: example/a:1.0
                    """)
            ).fix)
        #expect(unnamed.kind == .known)
        let named = try #require(
            try Self.single(
                AutomountServiceAccountTokenRule.self,
                Self.pod(
                    "b",
                    """
                      serviceAccountName: default
                      containers:
                      - name: b
                        image: example/b:1.0
                    """)
            ).fix)
        #expect(named.kind == .known)
        let other = try #require(
            try Self.single(
                AutomountServiceAccountTokenRule.self,
                Self.pod(
                    "c",
                    """
                      serviceAccountName: reporter
                      containers:
                      - name: c
                        image: example/c:1.0
                    """)
            ).fix)
        #expect(other.kind == .decision)
        #expect(other.reason?.contains("reporter") == true)
    }
}
