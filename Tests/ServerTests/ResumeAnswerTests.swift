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

    /// A router whose `evlog` is a stand-in shell script, `script`, in the plan's home.
    static func router(_ recorded: RecordedPlan, standIn script: String, simulationFixtureSet: String? = nil) throws -> Router {
        let executable = recorded.home + "/evlog-stand-in"
        try ("#!/bin/sh\n" + script).write(toFile: executable, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: executable)
        let configuration = ServeConfiguration(home: recorded.home, bundles: nil, simulationFixtureSet: simulationFixtureSet, executable: executable)
        return Router(configuration: configuration, access: AccessGuard(token: AccessTests.token, listenHost: "127.0.0.1", port: AccessTests.port))
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

    /// A server that simulates the plans it starts never resumes one that ran for real (serve10 #8: the page's
    /// Resume ran a recorded real command on a `--simulate` server); the stand-in evlog it would run is never run.
    @Test func aSimulatingServerRefusesToResumeARealPlan() async throws {
        let recorded = try RecordedPlan(seed: 43)
        try recorded.finish()
        let marker = recorded.home + "/ran"
        let router = try Self.router(recorded, standIn: "touch '\(marker)'\n", simulationFixtureSet: "default")
        let response = await router.respond(AccessTests.request(
            "/api/plans/\(recorded.id.rawValue)/resume", method: "POST",
            headers: [AccessTests.bearer, ("Origin", "http://127.0.0.1:\(AccessTests.port)")]))
        #expect(response.status == 409)
        if case .bytes(let body) = response.body { #expect(String(decoding: body, as: UTF8.self).contains("ran for real")) }
        try await Task.sleep(for: .milliseconds(300))
        #expect(!FileManager.default.fileExists(atPath: marker), "the server ran evlog resume for a real plan")
    }

    /// Two resumes of one plan posted at once (two tabs, a double click) start one `evlog resume`: the second is
    /// refused at once, not spawned to race the first for the writer's lock and take its events for its own.
    @Test(arguments: [2, 5])
    func resumesOfOnePlanPostedAtOnceStartOneProcess(requests: Int) async throws {
        let recorded = try RecordedPlan(seed: 45)
        try recorded.finish()
        let marker = recorded.home + "/runs"
        let router = try Self.router(recorded, standIn: "echo run >> '\(marker)'\nsleep 1\nexit 0\n")
        let request = AccessTests.request(
            "/api/plans/\(recorded.id.rawValue)/resume", method: "POST", headers: [AccessTests.bearer, ("Origin", "http://127.0.0.1:\(AccessTests.port)")])
        let answers = await withTaskGroup(of: String.self) { group in
            for _ in 0..<requests {
                group.addTask {
                    let response = await router.respond(request)
                    guard case .bytes(let body) = response.body else { return "no body" }
                    return "\(response.status) " + String(decoding: body, as: UTF8.self)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.filter { $0.hasPrefix("409") && $0.contains("nothing left to resume") }.count == 1, "\(answers)")
        #expect(answers.filter { $0.hasPrefix("409") && $0.contains("being started or resumed") }.count == requests - 1, "\(answers)")
        let runs = try String(contentsOfFile: marker, encoding: .utf8)
        #expect(runs.split(separator: "\n").count == 1, "evlog resume was started \(runs.split(separator: "\n").count) times")
    }

    /// Removing a plan that is being written is refused naming the writer's process, not the server's path to the log.
    @Test func removingARunningPlanIsRefusedWithoutTheServersPath() async throws {
        let recorded = try RecordedPlan(seed: 46)
        let router = AccessTests.router(home: recorded.home)
        let response = await router.respond(AccessTests.request(
            "/api/plans/\(recorded.id.rawValue)/prune", method: "POST", headers: [AccessTests.bearer, ("Origin", "http://127.0.0.1:\(AccessTests.port)")]))
        #expect(response.status == 409)
        let text = try await SplitSecretTests.body(response)
        #expect(text.contains("being written by process \(getpid())") && !text.contains(recorded.home), "\(text)")
        #expect(FileManager.default.fileExists(atPath: recorded.log.path))
        try recorded.finish()
    }

    /// A search page past any log's matches (up to `UInt64.max`) is an empty page named as asked, never an
    /// overflow that stops the server (serve10 #4: `search?page=` ≥ 2^63/100 trapped); one that is no page
    /// number (0: pages count from 1; a sign, a number past 64 bits) is a 400 saying so, not page 1 (serve10 #6, serve14 #1).
    @Test(arguments: [
        ("92233720368547758", 200), ("9223372036854775807", 200), ("18446744073709551615", 200), ("0", 400), ("-9223372036854775808", 400),
        ("99999999999999999999", 400), ("+1", 400),
    ])
    func aHugeSearchPageIsAnEmptyPage(page: String, status: Int) async throws {
        let recorded = try RecordedPlan(seed: 44)
        try recorded.recordOutput(lines: 10)
        try recorded.finish()
        let configuration = ServeConfiguration(home: recorded.home, bundles: nil, simulationFixtureSet: nil, executable: "/bin/false")
        let router = Router(configuration: configuration, access: AccessGuard(token: AccessTests.token, listenHost: "127.0.0.1", port: AccessTests.port))
        let response = await router.respond(AccessTests.request(
            "/plans/\(recorded.id.rawValue)/search?q=line&page=\(PercentEncoding.encode(page))", headers: [AccessTests.bearer]))
        #expect(response.status == status)
        let text = try await SplitSecretTests.body(response)
        #expect(text.contains(status == 200 ? "no matches on page \(page):" : "?page= must be a page number from 1"), "\(text.prefix(300))")
    }
}
