import Foundation
import Testing

/// integrity13 #21: a plan interrupted before this host had a key cannot be sealed afterwards (nobody vouched for what
/// it holds), and the refusal says that is a way it can happen and what to do, not only "edited with its seals removed".
@Suite struct KeyAfterCrashTests {
    @Test func aPlanInterruptedBeforeKeyGenerateIsRefusedNamingTheWayOn() async throws {
        let host = try KeyedHome.make()
        defer { host.home.remove() }
        let crashed = try await host.evlog(
            ["install", "--simulate", "--yes", "--no-color", "--home", host.home.path, "--crash-at-event", "12", "ripgrep"])
        #expect(crashed.exitCode != 0)
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        let resumed = try await host.evlog(["resume", "latest", "--yes", "--home", host.home.path])
        #expect(resumed.exitCode == 2, "\(resumed.stdout)")
        #expect(resumed.stdout.contains("written without a key (before `evlog key generate` on this host"), "\(resumed.stdout)")
        #expect(resumed.stdout.contains("run the plan again (`evlog install` its tools"), "\(resumed.stdout)")
    }
}
