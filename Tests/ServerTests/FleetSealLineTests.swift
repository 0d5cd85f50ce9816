import EvlogKit
import Foundation
import Testing

@testable import Server

/// A bundle's page at `/fleet/<host>` says at its top what its seals prove, as the fleet table's row does: the page
/// a fleet link, a permalink or a search hit lands on never shows a bundle's output without it (serve10 #12).
struct FleetSealLineTests {
    /// A recorded plan, and a bundles directory in its home holding one host's log (`host-1.evlog`, unsealed).
    static func oneHostFleet(seed: UInt64) throws -> (RecordedPlan, String) {
        let recorded = try RecordedPlan(seed: seed)
        try recorded.recordOutput(lines: 3)
        try recorded.finish()
        let bundles = recorded.home + "/bundles"
        try FileManager.default.createDirectory(atPath: bundles, withIntermediateDirectories: true)
        try SplitSecretTests.writeAsOlderEvlog(recorded, to: bundles + "/host-1.evlog", label: "host-1", output: [Array("hello\n".utf8)])
        return (recorded, bundles)
    }

    @Test func aBundlesPageSaysWhatItsSealsProve() async throws {
        let (recorded, bundles) = try Self.oneHostFleet(seed: 97)
        let configuration = ServeConfiguration(home: recorded.home, bundles: bundles, simulationFixtureSet: nil, executable: "/bin/false")
        let router = Router(configuration: configuration, access: AccessGuard(token: AccessTests.token, listenHost: "127.0.0.1", port: AccessTests.port))
        let page = try await SplitSecretTests.body(await router.respond(AccessTests.request("/fleet/host-1", headers: [AccessTests.bearer])))
        let table = try await SplitSecretTests.body(await router.respond(AccessTests.request("/fleet", headers: [AccessTests.bearer])))
        #expect(page.contains("id=\"seal\"") && page.contains("not sealed"), "\(page.prefix(600))")
        #expect(table.contains("not sealed"), "the fleet row and the page say the same")
        let own = try await SplitSecretTests.body(await router.respond(AccessTests.request("/plans/\(recorded.id.rawValue)", headers: [AccessTests.bearer])))
        #expect(!own.contains("id=\"seal\""), "a plan of this home's own is no bundle")
    }
}

/// serve20 #7: a fleet summary whose asker has gone stops: `/fleet` asks `stopped` between bundles and while one is
/// read, so a summary of a big bundle nobody waits for no longer holds the server (nor its Ctrl-C).
struct FleetStopTests {
    @Test func aFleetSummaryNobodyWaitsForStops() async throws {
        let (recorded, bundles) = try FleetSealLineTests.oneHostFleet(seed: 98)
        defer { withExtendedLifetime(recorded) {} }
        let summaries = FleetSummaries()
        #expect(throws: CancellationError.self) { try summaries.hosts(directory: bundles, stopped: { true }) }
        #expect(summaries.summariesMade == 0)
        let catalog = try FleetExport.ruleCatalog()
        #expect(throws: CancellationError.self) { try FleetExport.host(bundles + "/host-1.evlog", catalog: catalog, writingReport: false, stopped: { true }) }
        #expect(try summaries.hosts(directory: bundles).map(\.name) == ["host-1"])
    }
}
