import Foundation
import InstallModel
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
}
