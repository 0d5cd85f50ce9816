import Foundation
import InstallModel
import Testing

@testable import Server

/// The raw output of a step the plan does not have is a 404 saying so, never a 200 with an empty body
/// (which would say the step printed nothing); a step the plan has gets its bytes, empty when it printed none.
@Suite struct RawOutputStepTests {
    @Test func aStepThePlanLacksIsNotFoundAndOneItHasIsServed() async throws {
        let recorded = try RecordedPlan(seed: 71)
        try recorded.recordOutput(lines: 30)
        try recorded.finish()
        let router = AccessTests.router(home: recorded.home)
        let base = "/plans/\(recorded.id.rawValue)/steps/"
        var generator = SplitMix64(seed: 71)
        for _ in 0..<20 {
            let name = AccessTests.word(&generator)
            guard name != recorded.step.rawValue else { continue }
            for range in [[], [("Range", "bytes=0-9")], [("Range", "bytes=-100")]] {
                let response = await router.respond(AccessTests.request(base + PercentEncoding.segment(name) + "/output", headers: [AccessTests.bearer] + range))
                #expect(response.status == 404, "\(name) \(range)")
                #expect(try await SplitSecretTests.body(response).contains("no step named"))
            }
        }
        let known = await router.respond(AccessTests.request(base + recorded.step.rawValue + "/output", headers: [AccessTests.bearer]))
        #expect(known.status == 200)
        #expect(try await SplitSecretTests.body(known).contains("line 29"))
    }
}
