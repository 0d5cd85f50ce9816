import Foundation
import Testing

/// A writer killed after any event it recorded (each one is made durable with its seal and recorded in the home's
/// record of seals) leaves a log that `resume` takes as a crash and brings to a final seal, which `verify --key` then
/// passes: after the seal over `plan_done` too, where nothing is left to run and `resume` only closes the log
/// (integrity13 #17; #16's kill between a seal and its record line is `SealRecordCrashTests`).
@Suite("a crash after any event")
struct CrashAtEachEventTests {
    @Test func aPlanKilledAfterAnyEventIsResumedToALogThatVerifies() async throws {
        let host = try KeyedHome.make()
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        var closedOnly = 0
        var crashes = 0
        for event in 1...400 {
            let home = host.home.path + "/h\(event)"
            let run = try await host.evlog(["install", "--simulate", "--yes", "--no-color", "--home", home, "--crash-at-event", "\(event)", "jq"])
            if run.signal == nil && run.exitCode == 0 { break }  // past the plan's last event: no crash
            crashes += 1
            #expect(run.signal == SIGKILL, "event \(event): \(run.stdout)")
            let log = try #require(try FileManager.default.contentsOfDirectory(atPath: home + "/plans").first { $0.hasSuffix(".evlog") })
            let resumed = try await host.evlog(["resume", "latest", "--yes", "--no-color", "--home", home])
            #expect(resumed.exitCode == 0, "event \(event): \(resumed.stdout)")
            if resumed.stdout.contains("its log is closed with one now") { closedOnly += 1 }
            let verified = try await host.evlog(["verify", home + "/plans/" + log, "--key", host.publicKey, "--home", home])
            #expect(verified.exitCode == 0, "event \(event): \(verified.stdout)")
            let again = try await host.evlog(["resume", "latest", "--yes", "--no-color", "--home", home])
            #expect(again.stdout.contains("already done") && !again.stdout.contains("closed with one"), "event \(event): \(again.stdout)")
        }
        #expect(crashes > 3)
        #expect(closedOnly == 1, "only the kill after plan_done leaves a done plan without its final seal")
    }
}
