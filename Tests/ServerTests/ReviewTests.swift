import Foundation
import Glibc
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

    /// A Run that races another evlog process for its plan's id (an `evlog install --seed` of the same seed,
    /// serve16 #1): the log at that id is not the one the page started, so the page says so (409), instead of
    /// sending the browser to another plan as if it were the one reviewed. The evlog started here is a script
    /// that plays the loser: the other process's log appears, and it stops with the CLI's complaint.
    @Test(arguments: [UInt64(97), 98])
    func aPlanAnotherProcessCreatedIsNotShownAsTheOneRun(seed: UInt64) async throws {
        let recorded = try RecordedPlan(seed: seed)
        try recorded.finish()
        let id = PlanIdentity.planID(seed: seed)
        let script = recorded.home + "/racing-evlog"
        try """
            #!/bin/sh
            cp '\(recorded.log.path)' '\(PlanArchive(home: recorded.home).logPath(for: id))'
            echo "evlog: a plan with id \(id.rawValue) already exists; pass a different --seed" >&2
            exit 2
            """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let configuration = ServeConfiguration(home: recorded.home, bundles: nil, simulationFixtureSet: "default", executable: script)
        let router = Router(configuration: configuration, access: AccessGuard(token: AccessTests.token, listenHost: "127.0.0.1", port: AccessTests.port))
        let answer = await router.respond(Self.run("jq", seed: String(seed)))
        let text = try await SplitSecretTests.body(answer)
        #expect(answer.status == 409, "\(answer.status) \(answer.headers): \(text)")
        #expect(text.contains(id.rawValue) && text.contains("another evlog process"), "\(text)")
    }

    /// A secret typed into the review box (or sent as a tool by a script) is never echoed, and no command is
    /// started with it, so no error file keeps it (serve16 #8).
    @Test(arguments: [UInt64(99), 100, 101])
    func aSecretNamedAsAToolIsNeitherEchoedNorWritten(seed: UInt64) async throws {
        var generator = SplitMix64(seed: seed)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let tail = String((0..<36).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        let secret = ["ghp_", "gho_", "ghs_"][Int(generator.next() % 3)] + tail
        #expect(SecretPolicy().redact(secret) != secret, "the policy does not take \(secret) for a secret: the test shows nothing")
        let recorded = try RecordedPlan(seed: seed)
        try recorded.finish()
        let router = Self.router(home: recorded.home)
        let review = await router.respond(AccessTests.request("/install?tools=jq,\(secret)", headers: [AccessTests.bearer]))
        var json = AccessTests.request("/api/plans", method: "POST", headers: [
            AccessTests.bearer, ("Origin", "http://127.0.0.1:\(AccessTests.port)"), ("Content-Type", "application/json"),
        ])
        json.body = Array("{\"tools\": [\"\(secret)\"]}".utf8)
        let run = await router.respond(json)
        for (answer, name) in [(review, "review"), (run, "run")] {
            let text = try await SplitSecretTests.body(answer)
            #expect(answer.status == 400, "\(name): \(answer.status) \(text)")
            #expect(!text.contains(tail.suffix(12)) && text.contains(SecretPolicy.markerText), "\(name): \(text)")
        }
        let serveFiles = (try? FileManager.default.contentsOfDirectory(atPath: PlanArchive(home: recorded.home).serveDirectory)) ?? []
        #expect(serveFiles.isEmpty, "a command was started for it: \(serveFiles)")
    }

    /// JSON sent with curl's default form type (`curl -d '{"tools": …}'`, serve16 #2) is read as JSON: its
    /// tools are reviewed (an unknown one named), not taken for a form without a `tools=` field.
    @Test func jsonSentAsAFormIsReadAsJSON() async throws {
        let recorded = try RecordedPlan(seed: 102)
        try recorded.finish()
        let router = Self.router(home: recorded.home)
        for lead in ["", " ", "\n", "\r\n\t"] {
            var request = AccessTests.request("/api/plans", method: "POST", headers: [
                AccessTests.bearer, ("Origin", "http://127.0.0.1:\(AccessTests.port)"), ("Content-Type", "application/x-www-form-urlencoded"),
            ])
            request.body = Array("\(lead){\"tools\": [\"no-such-tool-xyz\"]}".utf8)
            let answer = await router.respond(request)
            let text = try await SplitSecretTests.body(answer)
            #expect(answer.status == 400 && text.contains("no-such-tool-xyz"), "\(lead.debugDescription): \(text)")
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
