import Foundation
import EvlogKit
import InstallModel
import Orchestrator
import Testing

@testable import Server

/// The review page resolves the plan in the server's own process, through what `evlog install --dry-run`
/// uses: no evlog binary is run (the configured one is `/bin/false`), an unknown tool is a 400 with the
/// catalog's reason.
@Suite struct ReviewTests {
    static func router(home: String) -> Router {
        let configuration = ServeConfiguration(home: home, bundles: nil, simulationFixtureSet: "default", executable: "/bin/false")
        return Router(configuration: configuration, access: AccessGuard(token: AccessTests.token, listenHost: "127.0.0.1", port: AccessTests.port))
    }

    @Test func aPlanIsReviewedInProcess() async throws {
        let recorded = try RecordedPlan(seed: 95)
        try recorded.finish()
        let router = Self.router(home: recorded.home)
        for tools in ["ripgrep", "jq", "ripgrep,jq"] {
            let response = await router.respond(AccessTests.request("/install?tools=\(tools)", headers: [AccessTests.bearer]))
            let page = try await SplitSecretTests.body(response)
            #expect(response.status == 200, "\(tools): \(page.prefix(300))")
            for tool in tools.split(separator: ",") { #expect(page.contains("verify-\(tool)"), "\(tools)") }
            #expect(page.contains("<form action=\"/api/plans\" method=\"post\">"))
        }
        let unknown = await router.respond(AccessTests.request("/install?tools=no-such-tool-xyz", headers: [AccessTests.bearer]))
        #expect(unknown.status == 400)
        #expect(try await SplitSecretTests.body(unknown).contains("no-such-tool-xyz"))
    }

    /// The review shows the id the plan it starts will have: its Run button sends the seed of that id, and a
    /// seed whose plan exists already (the same review run twice) or a malformed one is refused, not run.
    @Test func theRunButtonStartsThePlanWithTheIDTheReviewShows() async throws {
        let recorded = try RecordedPlan(seed: 96)
        try recorded.finish()
        let router = Self.router(home: recorded.home)
        for tools in ["ripgrep", "jq,ripgrep"] {
            let page = try await SplitSecretTests.body(await router.respond(AccessTests.request("/install?tools=\(tools)", headers: [AccessTests.bearer])))
            let field = try #require(page.firstRange(of: "name=\"seed\" value=\""), "the Run form sends no seed")
            let seed = try #require(UInt64(page[field.upperBound...].prefix { $0.isNumber }))
            let id = PlanIdentity.planID(seed: seed)
            #expect(page.contains(id.rawValue), "the review does not show the id its Run button gives the plan")
            // That plan exists now (it ran from this review): running the review again is refused.
            try FileManager.default.copyItem(atPath: recorded.log.path, toPath: PlanArchive(home: recorded.home).logPath(for: id))
            let again = await router.respond(Self.run(tools, seed: String(seed)))
            #expect(again.status == 409)
            #expect(try await SplitSecretTests.body(again).contains(id.rawValue))
        }
        for bad in ["", "0", "-1", "12x", "18446744073709551616", " 7"] {
            #expect(await router.respond(Self.run("jq", seed: bad)).status == 400, "seed '\(bad)'")
        }
    }

    static func run(_ tools: String, seed: String) -> ServerRequest {
        var request = AccessTests.request("/api/plans", method: "POST", headers: [
            AccessTests.bearer, ("Origin", "http://127.0.0.1:\(AccessTests.port)"), ("Content-Type", "application/x-www-form-urlencoded"),
        ])
        request.body = Array("tools=\(tools)&seed=\(PercentEncoding.encode(seed))".utf8)
        return request
    }
}
