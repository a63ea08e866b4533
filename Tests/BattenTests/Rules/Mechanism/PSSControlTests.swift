import Testing

@testable import Batten

/// Named Pod Security Standards controls against pinned policy versions.
struct PSSControlTests {
    @Test func latestEnforcesEveryControl() {
        for control in PSSControl.allCases { #expect(PSSVersion.latest.enforces(control)) }
    }

    @Test func pinnedVersionEnforcesControlsFromTheirRelease() throws {
        let v121 = try #require(PSSVersion("v1.21"))
        let v122 = try #require(PSSVersion("v1.22"))
        #expect(!v121.enforces(.restrictedCapabilities))
        #expect(v122.enforces(.restrictedCapabilities))
        #expect(v121.enforces(.seccompProfileField))
        #expect(!v122.enforces(.runAsNonZeroUser))
    }

    @Test func controlsAreListedInTheOrderOfTheirReleases() {
        let releases = PSSControl.allCases.map(\.introducedIn)
        #expect(releases == releases.sorted())
    }
}
