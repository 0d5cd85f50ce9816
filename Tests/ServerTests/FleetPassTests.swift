import Foundation
import Testing

@testable import Server

/// serve22 #11: `/fleet` answers within its patience whatever its summaries cost: a request that cannot wait for
/// them gets how far they are, the pass goes on without it, and a later request gets the fleet from what it kept.
struct FleetPassTests {
    @Test(arguments: [1, 3])
    func aRequestThatCannotWaitGetsProgressAndALaterOneTheFleet(hostCount: Int) async throws {
        let (recorded, bundles) = try FleetSealLineTests.oneHostFleet(seed: 99)
        defer { withExtendedLifetime(recorded) {} }
        for index in 1..<hostCount {
            try FileManager.default.copyItem(atPath: bundles + "/host-1.evlog", toPath: bundles + "/host-\(index + 1).evlog")
        }
        let pass = FleetPass()
        // No patience at all: the pass has just been started on its own thread, and cannot have summarised a log yet.
        guard case .summarising(let done, let total) = try await pass.answer(directory: bundles, patience: .zero) else {
            Issue.record("the fleet was summarised before a thread could start")
            return
        }
        #expect(done <= total && total <= hostCount)
        guard case .ready(let hosts) = try await pass.answer(directory: bundles, patience: .seconds(240)) else {
            Issue.record("no fleet after four minutes")
            return
        }
        #expect(hosts.map(\.name).sorted() == (1...hostCount).map { "host-\($0)" })
        // Each file was summarised once: the second request's own pass took what the first one kept.
        #expect(pass.summaries.summariesMade == hostCount)
    }

    @Test func theProgressPageReloadsItself() {
        let response = FleetProgressPage.response(done: 2, total: 8)
        #expect(response.headers.contains { $0.0 == "Refresh" })
        guard case .bytes(let bytes) = response.body else { return }
        #expect(String(decoding: bytes, as: UTF8.self).contains("2 of 8 files summarised"))
    }
}
