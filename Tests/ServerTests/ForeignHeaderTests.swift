import Foundation
import Orchestrator
import Testing

@testable import InstallModel
@testable import Server

/// serve20 #2: a header is the file's own word. A log in the home whose header names another home, and any log of
/// the bundles directory, is read through this evlog's secret policy even when its header claims this revision
/// recorded it, so raw tokens put back into such a file are not shown on its page, raw output, event stream or search.
@Suite struct ForeignHeaderTests {
    static let token = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"

    @Test(arguments: ["another home", "bundle"])
    func aLogClaimingThisRevisionFromElsewhereIsRedactedAsItIsShown(_ case_: String) async throws {
        let written = try HandWrittenLog(creator: PlanArchive.creator(home: "0123456789abcdef0123456789abcdef"))
        try written.append(.outputChunk(step: written.step, stream: .stdout, data: Array("cloning with token \(Self.token) done\n".utf8), redacted: false))
        try written.append(.stepDone(step: written.step, exitCode: 0, durationMicros: 1, note: nil))
        try written.append(.stepDone(step: written.other, exitCode: 0, durationMicros: 1, note: nil))
        try written.append(.planDone)
        try written.close()
        var base = "/plans/\(written.id.rawValue)"
        var bundles: String?
        if case_ == "bundle" {
            bundles = written.home + "/bundles"
            try FileManager.default.createDirectory(atPath: bundles!, withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: written.log.path, toPath: bundles! + "/web9.evlog")
            base = "/fleet/web9"
        }
        let configuration = ServeConfiguration(home: written.home, bundles: bundles, simulationFixtureSet: nil, executable: "/bin/false")
        let router = Router(configuration: configuration, access: AccessGuard(token: AccessTests.token, listenHost: "127.0.0.1", port: AccessTests.port))
        for path in [base, base + "/steps/\(written.step.rawValue)/output", base + "/events", base + "/search?q=cloning"] {
            let response = await router.respond(AccessTests.request(path, headers: [AccessTests.bearer]))
            #expect(response.status == 200, "\(path)")
            let text = try await SplitSecretTests.body(response)
            #expect(text.contains("cloning"), "\(path) shows no output")
            #expect(!text.contains("A1b2C3d4"), "\(path) shows the token: \(text.prefix(400))")
        }
    }
}
