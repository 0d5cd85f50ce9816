import Foundation
import InstallModel
import Orchestrator
import Testing

@testable import Server

/// A log a writer killed as it created it (empty, its header torn at any byte, the magic's first bytes only) is
/// answered on its page as `/api/plans/<id>` and `evlog status` answer it, "holds no plan", never a 500 or a
/// "not an evlog bundle" (serve20b #9); and remove still removes it, as prune does.
@Suite struct StillbornPageTests {
    @Test(arguments: [UInt64(7), 8])
    func everyTornHeaderIsAPlanHoldingNoPlanOnEveryRoute(seed: UInt64) async throws {
        let recorded = try RecordedPlan.finished(seed: seed, lines: 3)
        let whole = try Array(Data(contentsOf: URL(fileURLWithPath: recorded.log.path)))
        var generator = SplitMix64(seed: seed)
        // Every cut shorter than the file header: a writer killed before its first record.
        var lengths: Set<Int> = [0, 1, 4]
        while lengths.count < 8 { lengths.insert(Int(generator.next() % 32)) }
        let router = ReviewTests.router(home: recorded.home)
        for (index, length) in lengths.sorted().enumerated() {
            let id = String(format: "p-00000000e%03d", index)
            try Data(whole.prefix(length)).write(to: URL(fileURLWithPath: recorded.home + "/plans/\(id).evlog"))
            for path in ["/plans/\(id)", "/api/plans/\(id)", "/plans/\(id)/search?q=x"] {
                let response = await router.respond(AccessTests.request(path, headers: [AccessTests.bearer]))
                let body = try await SplitSecretTests.body(response)
                #expect(response.status == 409, "\(path) of a \(length)-byte log: \(response.status) \(body)")
                #expect(body.contains("holds no plan") && body.contains("a writer killed while it created the log"), "\(path) of a \(length)-byte log: \(body)")
            }
            let removed = await router.respond(AccessTests.request("/api/plans/\(id)/prune", method: "POST", headers: [AccessTests.bearer, ("Origin", "http://127.0.0.1:\(AccessTests.port)")]))
            #expect(removed.status == 200, "remove of a \(length)-byte log")
            #expect(!FileManager.default.fileExists(atPath: recorded.home + "/plans/\(id).evlog"))
        }
    }
}
