import Batten
import Testing

/// Named volumes whose definition binds a host path: which definitions count, and how their path is
/// resolved (as `docker compose config` resolves it).
struct ComposeNamedVolumeBindTests {
    private static let project = """
        services:
          app:
            image: example/app:1.0
            volumes:
              - sock:/var/run/docker.sock
              - data:/data
              - loose:/loose
              - persist:/persist
              - home:/home-copy
              - nfs:/nfs
              - managed:/managed
              - outside:/outside
              - ./direct:/direct
        volumes:
          sock:
            driver: local
            driver_opts:
              type: none
              o: bind
              device: ${SOCKET:-/var/run/docker.sock}
          data:
            driver: local
            driver_opts:
              type: none
              o: bind
              device: ./data
          loose:
            driver_opts:
              type: none
              o: bind,ro
              device: ./loose
          persist:
            driver: cwspear/local-persist:latest
            driver_opts:
              mountpoint: /srv/persist
          home:
            driver: local
            driver_opts:
              type: none
              o: bind
              device: ~/notes
          nfs:
            driver_opts:
              type: nfs
              o: addr=10.0.0.5,rw
              device: ":/exports"
          managed: {}
          outside:
            external: true
            driver_opts:
              o: bind
              device: /etc
        """

    @Test func hostPathDefinitionsReachTheirMounts() throws {
        let result = try ComposeTestProject.loadSingle(Self.project, environment: ["HOME": "/home/dev"])
        let mounts = try result.container("app").mounts
        func mount(_ target: String) throws -> Mount { try #require(mounts.first { $0.target == target }) }

        let socket = try mount("/var/run/docker.sock")
        #expect(socket.kind == .volume)
        #expect(socket.namedVolumeBind?.volumeName == "sock")
        #expect(socket.namedVolumeBind?.device == "/var/run/docker.sock")
        #expect(socket.resolvedSource == "/var/run/docker.sock")
        #expect(socket.namedVolumeBind?.label.hasPrefix("volume `sock` is a bind of /var/run/docker.sock, driver_opts at ") == true)

        let data = try mount("/data")
        #expect(data.namedVolumeBind?.composeResolvesDevice == true)
        #expect(data.resolvedSource?.hasSuffix("/data") == true)
        #expect(data.resolvedSource?.hasPrefix("/") == true)

        // Compose resolves a relative device only for `driver: local` with `o: bind` exactly.
        let loose = try mount("/loose")
        #expect(loose.namedVolumeBind?.readOnly == true)
        #expect(loose.resolvedSource == "./loose")

        #expect(try mount("/persist").resolvedSource == "/srv/persist")
        #expect(try mount("/home-copy").resolvedSource == "/home/dev/notes")
        #expect(try mount("/nfs").namedVolumeBind == nil)
        #expect(try mount("/managed").namedVolumeBind == nil)
        #expect(try mount("/outside").namedVolumeBind == nil)
        #expect(try mount("/direct").namedVolumeBind == nil)
    }

    @Test func aBindOfTheSocketIsReportedLikeADirectBind() throws {
        let named = try ComposeTestProject.loadSingle(
            """
            services:
              runner:
                image: example/runner:16.1
                volumes:
                  - dockersock:/var/run/docker.sock
            volumes:
              dockersock:
                driver: local
                driver_opts:
                  type: none
                  o: bind
                  device: /var/run/docker.sock
            """)
        let direct = try ComposeTestProject.loadSingle(
            """
            services:
              runner:
                image: example/runner:16.1
                volumes:
                  - /var/run/docker.sock:/var/run/docker.sock
            """)
        let rule = RuntimeSocketRule()
        let context = RuleContext(rule: RuntimeSocketRule.description)
        let namedFindings = rule.check(try named.workload("runner"), context: context)
        let directFindings = rule.check(try direct.workload("runner"), context: context)
        #expect(namedFindings.count == 1)
        #expect(directFindings.count == 1)
        #expect(namedFindings.first?.severity == directFindings.first?.severity)
        #expect(namedFindings.first?.location.line == directFindings.first?.location.line)
        #expect(namedFindings.first?.message.contains("volume `dockersock` is a bind of /var/run/docker.sock") == true)
        #expect(namedFindings.first?.fix == nil && directFindings.first?.fix == nil)
    }
}
