import Foundation
import Testing

/// What `evlog reproduce` prints about a log from elsewhere: text from the log never acts on the
/// terminal (every line of a difference is neutralised, not only the output), and `--json` is one JSON
/// object saying whether it matched and where it parted.
struct ReproduceReportTests {
    /// A failing `evlog run` exported, its step's failure reason replaced by `reason`, and imported into
    /// a fresh home: that home and the plan's id.
    static func importedRun(failingWith reason: String) async throws -> (home: EvlogHome, plan: String) {
        let source = try EvlogHome.make()
        defer { source.remove() }
        _ = try await Evlog.run(["run", "--home", source.path, "--", "sh", "-c", "echo hello; exit 3"])
        let plan = try #require(source.onlyPlan())
        let exported = try await Evlog.run(["export", plan, "--jsonl", "--home", source.path])
        let lines = exported.stdoutLines.map { line -> String in
            guard line.contains(#""type":"step_failed""#), var event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return line }
            event["reason"] = reason
            return String(decoding: try! JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]), as: UTF8.self)
        }
        let home = try EvlogHome.make()
        let file = home.path + "/changed.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try await Evlog.run(["import", file, "--home", home.path])
        #expect(imported.exitCode == 0, "\(imported.allOutput)")
        return (home, plan)
    }

    @Test func aDifferenceFromTheLogCannotActOnTheTerminal() async throws {
        let forged = "\u{1b}]0;TITLE\u{07}\u{1b}[2J\rreproduced OK\u{9b}31m\u{202e}"
        let (home, plan) = try await ReproduceReportTests.importedRun(failingWith: forged)
        defer { home.remove() }
        let reproduced = try await Evlog.run(["reproduce", plan, "--check", "--home", home.path])
        #expect(reproduced.exitCode == 1, "\(reproduced.allOutput)")
        #expect(reproduced.stdout.contains(#"- step_failed run exit 3: \x1b]0;TITLE\x07\x1b[2J\rreproduced OK\x9b31m\u{202e}"#), "\(reproduced.stdout)")
        let acting = reproduced.stdout.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0 == "\u{202e}" }
        #expect(acting.isEmpty, "\(reproduced.stdout.debugDescription)")
    }

    @Test func jsonSaysWhetherItMatchedAndWhereItParted() async throws {
        let (home, plan) = try await ReproduceReportTests.importedRun(failingWith: "something else")
        defer { home.remove() }
        let differs = try await Evlog.run(["reproduce", plan, "--check", "--json", "--home", home.path])
        #expect(differs.exitCode == 1 && differs.stdoutLines.count == 1, "\(differs.allOutput)")
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(differs.stdout.utf8)) as? [String: Any])
        #expect(verdict["plan"] as? String == plan && verdict["matches"] as? Bool == false)
        let difference = try #require(verdict["difference"] as? [String: Any])
        #expect(difference["original"] as? String == "step_failed run exit 3: something else", "\(difference)")
        #expect((difference["reproduction"] as? String)?.hasPrefix("step_failed run exit 3: ") == true && difference["sequence"] is Int)

        let source = try EvlogHome.make()
        defer { source.remove() }
        _ = try await Evlog.run(["run", "--home", source.path, "--", "sh", "-c", "exit 3"])
        let matches = try await Evlog.run(["reproduce", try #require(source.onlyPlan()), "--json", "--home", source.path])
        let kept = try #require(try JSONSerialization.jsonObject(with: Data(matches.stdout.utf8)) as? [String: Any])
        #expect(matches.exitCode == 0 && kept["matches"] as? Bool == true && (kept["compared"] as? Int ?? 0) > 0, "\(matches.allOutput)")
        #expect((kept["log"] as? String)?.contains("/reproductions/") == true)
    }

    /// A log that cannot be reproduced still answers `--json` with its one line, saying why (repro12 F6): a file
    /// that is no log, one that is not there, a plan id the home does not have.
    @Test(arguments: ["/etc/passwd", "/nonexistent.evlog", "p-00000000dead"])
    func jsonSaysWhyALogCannotBeReproduced(_ log: String) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let refused = try await Evlog.run(["reproduce", log, "--json", "--home", home.path])
        #expect(refused.exitCode == 2 && refused.stdoutLines.count == 1, "\(refused.allOutput)")
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(refused.stdout.utf8)) as? [String: Any], "\(refused.stdout)")
        #expect(verdict["plan"] is NSNull && verdict["matches"] as? Bool == false, "\(verdict)")
        #expect((verdict["error"] as? String)?.isEmpty == false && refused.stderr.split(separator: "\n").count == 1, "\(refused.allOutput)")
    }

    /// A log with a byte changed anywhere cannot be reproduced (what follows the damage is not read, so a
    /// match would prove nothing): exit 2 saying where; a torn tail (the writer died mid-append) is where
    /// the log ends, and the part before it reproduces.
    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func aDamagedLogIsRefusedButATornTailIsWhereItEnds(seed: UInt64) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        _ = try await Evlog.run(["run", "--home", home.path, "--", "sh", "-c", "for i in 1 2 3; do echo line $i; sleep 0.2; done; exit 3"])
        let plan = try #require(home.onlyPlan())
        let original = try Data(contentsOf: URL(fileURLWithPath: home.path + "/plans/" + plan + ".evlog"))
        // Where and which bit, spread by the seed over the file past its first quarter.
        let mixed = seed &* 0x9E37_79B9_7F4A_7C15
        var flipped = original
        let offset = original.count / 4 + Int(mixed % UInt64(original.count - original.count / 4))
        flipped[offset] ^= UInt8(1 << ((mixed >> 32) % 8))
        let damaged = home.path + "/damaged.evlog"
        try flipped.write(to: URL(fileURLWithPath: damaged))
        let refused = try await Evlog.run(["reproduce", "--check", damaged, "--home", home.path])
        #expect(refused.exitCode == 2 && refused.stderr.contains("cannot be reproduced"), "byte \(offset): \(refused.allOutput)")

        let torn = home.path + "/torn.evlog"
        try original.prefix(original.count - 1 - Int((mixed >> 40) % 16)).write(to: URL(fileURLWithPath: torn))
        let prefix = try await Evlog.run(["reproduce", "--check", torn, "--home", home.path])
        #expect(prefix.exitCode == 1 && prefix.stderr.contains("the part before it is reproduced"), "\(prefix.allOutput)")
        // A fragment matched is no pass for CI (repro20 #7): exit 1, and the JSON names the damage.
        let json = try await Evlog.run(["reproduce", "--check", "--json", torn, "--home", home.path])
        #expect(json.exitCode == 1 && json.stdout.contains("\"damaged\":\"") && json.stdout.contains("\"matches\":true"), "\(json.allOutput)")
    }

    /// A command killed by a signal (OOM, a crash, `kill`) is replayed killed by that signal: the log keeps it.
    @Test(arguments: ["KILL", "TERM", "SEGV"])
    func aCommandKilledByASignalReproduces(_ signal: String) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let run = try await Evlog.run(["run", "--home", home.path, "--", "sh", "-c", "kill -\(signal) $$"])
        #expect(run.exitCode > 128, "\(run.allOutput)")
        let reproduced = try await Evlog.run(["reproduce", "--check", "--no-color", try #require(home.onlyPlan()), "--home", home.path])
        #expect(reproduced.exitCode == 0, "\(reproduced.allOutput)")
    }

    /// A plan still running is not reproduced (it would be compared as it grows), and says so.
    @Test func aLogStillBeingWrittenIsRefused() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        // The command runs until the test opens its gate: however slow the machine, the plan is running when asked.
        let gate = home.path + "/gate"
        defer { _ = FileManager.default.createFile(atPath: gate, contents: nil) }
        let running = Task {
            try await Evlog.run(["run", "--home", home.path, "--", "sh", "-c", "echo started; while [ ! -e \"$0\" ]; do sleep 0.1; done", gate])
        }
        var plan: String?
        for _ in 0..<600 where plan == nil {
            try await Task.sleep(for: .milliseconds(100))
            plan = home.planIDs.first
        }
        let refused = try await Evlog.run(["reproduce", "--check", try #require(plan), "--home", home.path])
        #expect(FileManager.default.createFile(atPath: gate, contents: nil))
        #expect(refused.exitCode == 2 && refused.stderr.contains("is being written by process"), "\(refused.allOutput)")
        _ = try await running.value
    }

    /// A log damaged or cut inside its first block says where, not that it holds no plan (reproduce7 finding 1).
    @Test(arguments: [0.3, 0.6, 0.9])
    func damageBeforeThePlanRecordIsNamed(fraction: Double) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        _ = try await Evlog.run(["run", "--home", home.path, "--", "sh", "-c", "echo damaged; exit 3"])
        let log = home.path + "/plans/" + (try #require(home.onlyPlan())) + ".evlog"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: log))
        let firstBlock = 112 + Int(Double(min(bytes.count - 112, 400)) * fraction)
        let cut = home.path + "/cut.evlog"
        try bytes.prefix(firstBlock).write(to: URL(fileURLWithPath: cut))
        let refused = try await Evlog.run(["reproduce", "--check", cut, "--home", home.path])
        #expect(
            refused.exitCode == 2 && refused.stderr.contains("damaged at byte") && refused.stderr.contains("before its plan_created record"),
            "\(refused.allOutput)")
    }

    /// The bundle of a failing `evlog run` on `host`, sealed when the host has a key, which reproduces whole;
    /// then its first `keep(size)` bytes, which are refused as not a whole bundle.
    static func reproducedWholeAndRefusedCut(_ host: KeyedHome, keep: (Int) -> Int) async throws {
        _ = try await host.evlog(["run", "--home", host.home.path, "--", "sh", "-c", "echo bundled; exit 5"])
        let bundle = host.home.path + "/b.evb"
        #expect(try await host.evlog(["bundle", try #require(host.home.onlyPlan()), "-o", bundle, "--home", host.home.path]).exitCode == 0)
        let whole = try await host.evlog(["reproduce", "--check", bundle, "--home", host.home.path])
        #expect(whole.exitCode == 0, "\(whole.allOutput)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: bundle))
        let cut = host.home.path + "/cut.evb"
        try bytes.prefix(keep(bytes.count)).write(to: URL(fileURLWithPath: cut))
        let refused = try await host.evlog(["reproduce", "--check", cut, "--home", host.home.path])
        #expect(refused.exitCode == 2 && refused.stderr.contains("not a whole bundle"), "\(refused.allOutput)")
    }

    /// A bundle made on a host without a key (most users') is whole but unsealed, as that host's logs are: it is
    /// reproduced (reproduce7 finding 9: refused as "not a whole bundle" though `verify` called it intact); cut
    /// short, its bundle_info is not its last record, and it is refused.
    @Test func aBundleOfAHostWithoutAKeyIsReproduced() async throws {
        let host = try KeyedHome.make(mergeStandardError: false)
        defer { host.home.remove() }
        try await Self.reproducedWholeAndRefusedCut(host) { $0 * 2 / 3 }
    }

    /// A bundle is a finished log sent as sealed: cut anywhere past its first records, it is refused.
    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func aBundleCutShortIsRefused(seed: UInt64) async throws {
        let host = try KeyedHome.make(mergeStandardError: false)
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        try await Self.reproducedWholeAndRefusedCut(host) { $0 / 2 + Int((seed &* 0x9E37_79B9_7F4A_7C15) % UInt64($0 / 2)) }
    }
}
