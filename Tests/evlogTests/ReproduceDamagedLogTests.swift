import Foundation
import InstallModel
import Testing

/// Logs cut short, carried to another home, or written by an older evlog (issue 26, "What to build", item 6): each
/// either reproduces or says precisely why not, never a bare difference.
struct ReproduceDamagedLogTests {
    /// What `reproduce --check` of a log said, sorted into what issue 26 allows.
    enum Verdict: Equatable {
        /// Exit 0: the whole log matches.
        case matches
        /// Exit 1 saying so: the part before a torn tail matches, which `--check` does not pass (repro20 #7).
        case partMatches
        /// Exit 1 with a `why:` line: a difference the log's own form explains.
        case differsSayingWhy
        /// Exit 2, one line naming the log and why it cannot be reproduced.
        case cannotBeReproduced
        /// Anything else (a difference without a reason, a crash, several lines of error).
        case unexplained(String)
    }

    static func verdict(of log: String) async throws -> Verdict {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let run = try await Evlog.run(["reproduce", "--check", "--no-color", log, "--home", home.path])
        switch run.exitCode {
        case 0 where run.stdout.contains("match the original") && !run.stdout.contains("damaged"): return .matches
        case 1 where run.stdout.contains("match the original") && run.stdout.contains("not a whole match: the log is damaged"):
            return .partMatches
        case 1 where run.stdout.split(separator: "\n").contains(where: { $0.hasPrefix("why: ") }): return .differsSayingWhy
        case 2 where run.stdout.isEmpty && run.stderr.split(separator: "\n").count == 1 && run.stderr.contains("cannot be reproduced: "):
            return .cannotBeReproduced
        default: return .unexplained("exit \(run.exitCode): \(run.allOutput)")
        }
    }

    /// A simulated plan of apt, a release and verify steps: its log, in a home of its own.
    static func recordedLog(seed: UInt64) async throws -> (home: EvlogHome, log: String) {
        let home = try EvlogHome.make()
        let ran = try await Evlog.run(["install", "--simulate", "--seed", String(seed), "--yes", "--no-color", "--home", home.path, "jq", "ripgrep"])
        #expect(ran.exitCode == 0, "\(ran.allOutput)")
        let plan = try #require(home.onlyPlan())
        return (home, home.path + "/plans/" + plan + ".evlog")
    }

    /// A log cut at any byte is a torn tail: the part before it reproduces (no pass for `--check`: the log is damaged),
    /// or, cut before its plan is whole, it says that it holds no plan to reproduce. Cut points: the header's edges and a seeded spread over the rest.
    @Test(arguments: [UInt64(3), 17])
    func aLogCutAtAnyByteReproducesItsPartOrSaysWhyNot(seed: UInt64) async throws {
        let (home, log) = try await Self.recordedLog(seed: seed)
        defer { home.remove() }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: log))
        var random = SplitMix64(seed: seed)
        // FORMAT.md §2: the header's length is the u32 at byte 12.
        let headerBytes = (12..<16).reversed().reduce(0) { $0 << 8 | Int(bytes[$1]) }
        let points = [0, 1, 7, 8, 31, 32, headerBytes - 1, headerBytes, headerBytes + 1]
            + (0..<10).map { _ in headerBytes + Int(random.next() % UInt64(bytes.count - headerBytes)) } + [bytes.count - 1]
        var verdicts: [Verdict] = []
        for point in points.sorted() {
            let cut = try TemporaryDirectory.make(prefix: "evlog-cut") + "/cut.evlog"
            defer { TemporaryDirectory.remove((cut as NSString).deletingLastPathComponent) }
            try bytes.prefix(point).write(to: URL(fileURLWithPath: cut))
            let verdict = try await Self.verdict(of: cut)
            #expect(verdict == .partMatches || verdict == .cannotBeReproduced, "cut at byte \(point) of \(bytes.count): \(verdict)")
            verdicts.append(verdict)
        }
        #expect(verdicts.contains(.partMatches) && verdicts.contains(.cannotBeReproduced), "\(verdicts)")
    }

    /// A plan whose process was killed after any of its first events reproduces up to there; after the first, its
    /// `plan_created` alone (killed at the confirmation prompt), it used to differ at event 1 (repro13 F1).
    @Test(arguments: [UInt64(1), 2, 3, 6])
    func aPlanKilledAfterAnyEarlyEventReproducesUpToThere(event: UInt64) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let killed = try await Evlog.run(
            ["install", "--simulate", "--yes", "--no-color", "--crash-at-event", String(event), "--home", home.path, "jq"])
        #expect(killed.exitCode != 0, "\(killed.allOutput)")
        let plan = try #require(home.onlyPlan())
        let log = home.path + "/plans/" + plan + ".evlog"
        #expect(try await Self.verdict(of: log) == .matches, "killed after event \(event)")
        let json = try await Evlog.run(["reproduce", "--check", "--json", log, "--home", home.path])
        #expect(json.stdout.contains("\"ended_open\":true"), "\(json.stdout)")
    }

    /// A log reproduces in a home that did not write it, by path, copied in under a name of its own, and imported.
    @Test func aLogFromAnotherHomeReproducesThere() async throws {
        let (home, log) = try await Self.recordedLog(seed: 5)
        defer { home.remove() }
        #expect(try await Self.verdict(of: log) == .matches)
        let elsewhere = try TemporaryDirectory.make(prefix: "evlog-carried")
        defer { TemporaryDirectory.remove(elsewhere) }
        try FileManager.default.copyItem(atPath: log, toPath: elsewhere + "/from-a-laptop.evlog")
        #expect(try await Self.verdict(of: elsewhere + "/from-a-laptop.evlog") == .matches)
    }

    /// Logs an older evlog wrote (the rendering fixtures of 2026-11-25: each command only in its step's `step_started`,
    /// no environment in `plan_created`) reproduce or say which of their traits the difference comes from.
    @Test(arguments: ["done", "failed", "parallel", "resumed"])
    func aLogOfAnOlderFormatSaysWhyItDiffers(name: String) async throws {
        let log = CLIHabitsTests.fixtures.appendingPathComponent(name + ".evlog").path
        let verdict = try await Self.verdict(of: log)
        #expect(verdict == .matches || verdict == .differsSayingWhy || verdict == .cannotBeReproduced, "\(name): \(verdict)")
    }
}
