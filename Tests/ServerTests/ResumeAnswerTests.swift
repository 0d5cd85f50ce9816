import Foundation
import InstallModel
import Testing

@testable import Server

/// `POST /api/plans/<id>/resume` answers "resumed" only when the resume recorded something: a resume
/// that exits having recorded nothing (however long it took to decide) is answered with its refusal.
@Suite struct ResumeAnswerTests {
    /// An `evlog` stand-in that decides slowly, then refuses the way `evlog resume` does (exit 2, one line).
    static func refusingExecutable(in directory: String, after seconds: String, status: Int) throws -> String {
        let path = directory + "/evlog-refuses"
        let script = "#!/bin/sh\nsleep \(seconds)\necho 'evlog: this log was imported (`evlog import`), so it is read-only here' >&2\nexit \(status)\n"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test(arguments: [("0.1", 2), ("1.5", 2), ("1.5", 0)])
    func aRefusedResumeIsAnsweredWithItsReason(seconds: String, status: Int) async throws {
        let recorded = try RecordedPlan(seed: 41)
        try recorded.finish()
        let executable = try Self.refusingExecutable(in: recorded.home, after: seconds, status: status)
        let configuration = ServeConfiguration(home: recorded.home, bundles: nil, simulationFixtureSet: nil, executable: executable)
        let router = Router(configuration: configuration, access: AccessGuard(token: AccessTests.token, listenHost: "127.0.0.1", port: AccessTests.port))
        let response = await router.respond(AccessTests.request(
            "/api/plans/\(recorded.id.rawValue)/resume", method: "POST",
            headers: [AccessTests.bearer, ("Origin", "http://127.0.0.1:\(AccessTests.port)")]))
        #expect(response.status == 409)
        guard case .bytes(let body) = response.body else { Issue.record("no body"); return }
        let text = String(decoding: body, as: UTF8.self)
        #expect(!text.contains("resumed"))
        #expect(text.contains(status == 0 ? "nothing left to resume" : "read-only here"), "\(text)")
    }
}
