import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The habits users expect from a CLI: --version, suggestions, `latest` and prefixes, list order,
/// prune, `run`'s exit status, compact JSON, completions.
struct CLIHabitsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/logs/rendering")

    /// A home holding copies of fixture logs, each written a day after the one before (the last is newest).
    static func home(_ plans: [(id: String, fixture: String)], newestDaysAgo: Double = 0) throws -> EvlogHome {
        let home = try EvlogHome.make()
        try FileManager.default.createDirectory(atPath: home.path + "/plans", withIntermediateDirectories: true)
        for (index, plan) in plans.enumerated() {
            let target = home.path + "/plans/" + plan.id + ".evlog"
            try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent(plan.fixture + ".evlog").path, toPath: target)
            let daysAgo = newestDaysAgo + Double(plans.count - 1 - index)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -daysAgo * 86400)], ofItemAtPath: target)
        }
        return home
    }

    static let plans: [(id: String, fixture: String)] = [
        ("p-aaaa00000001", "failed"), ("p-aaaa00000002", "done"), ("p-bbbb00000003", "parallel"),
    ]

    @Test func versionIsPrintedAndInJSONReports() async throws {
        let version = try await Evlog.run(["--version"])
        #expect(version.exitCode == 0 && version.stdout.contains("0.1.0"))
        let home = try Self.home(Self.plans)
        defer { home.remove() }
        let status = try await Evlog.run(["status", "p-bb", "--json", "--home", home.path])
        #expect(status.stdout.contains(#""evlog_version":"0.1.0""#), "\(status.stdout)")
    }

    @Test func mistypedCommandsGetASuggestion() async throws {
        for typed in [["instal", "ripgrep"], ["help", "replya"]] {
            let outcome = try await Evlog.run(typed)
            #expect(outcome.exitCode == 2)
            #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
        }
        #expect(try await Evlog.run(["instal"]).stderr.contains("did you mean 'install'?"))
        #expect(try await Evlog.run(["help", "replya"]).stderr.contains("did you mean 'replay'?"))
    }

    /// `latest-failed` is the newest failed plan that changes tools: a failed `evlog run` after it is that
    /// command's own answer, passed over and named on stderr; with only recordings failed there is none.
    @Test func latestFailedPassesOverFailedRecordingsAndSaysSo() async throws {
        let home = try Self.home(Self.plans)
        defer { home.remove() }
        let recorded = try await Evlog.run(["run", "--no-color", "--home", home.path, "--", "sh", "-c", "echo fatal >&2; exit 3"])
        #expect(recorded.exitCode == 3, "\(recorded.allOutput)")
        let runID = try #require(recorded.stdoutLines.last { $0.hasPrefix("log: ") }?.split(separator: "/").last?.replacingOccurrences(of: ".evlog", with: ""))
        let failed = try await Evlog.run(["status", "latest-failed", "--json", "--home", home.path])
        let failedByID = try await Evlog.run(["status", "p-aaaa00000001", "--json", "--home", home.path])
        #expect(!failed.stdout.isEmpty && failed.stdout == failedByID.stdout, "\(failed.allOutput)")
        #expect(failed.stderr.contains("passes over \(runID)"), "\(failed.stderr)")
        let latest = try await Evlog.run(["status", "latest", "--json", "--home", home.path])
        #expect(latest.stdout.contains(#""kind":"command""#) && latest.stderr.isEmpty, "\(latest.allOutput)")

        let onlyRecordings = try EvlogHome.make()
        defer { onlyRecordings.remove() }
        _ = try await Evlog.run(["run", "--home", onlyRecordings.path, "--", "sh", "-c", "exit 1"])
        let none = try await Evlog.run(["what-failed", "latest-failed", "--home", onlyRecordings.path])
        #expect(none.exitCode == 2 && none.stderr.contains("no failed install, upgrade or uninstall plan") && none.stderr.contains("passes over"), "\(none.allOutput)")
    }

    @Test func readCommandsTakeLatestPrefixesOrNothing() async throws {
        let home = try Self.home(Self.plans)
        defer { home.remove() }
        let bare = try await Evlog.run(["status", "--json", "--home", home.path])
        let byID = try await Evlog.run(["status", "p-bbbb00000003", "--json", "--home", home.path])
        #expect(!bare.stdout.isEmpty && bare.stdout == byID.stdout, "\(bare.allOutput)")
        let latest = try await Evlog.run(["status", "latest", "--json", "--home", home.path])
        #expect(latest.stdout == bare.stdout)
        let failed = try await Evlog.run(["what-failed", "latest-failed", "--home", home.path])
        let failedByID = try await Evlog.run(["what-failed", "p-aaaa00000001", "--home", home.path])
        #expect(failed.exitCode == 1 && failed.stdout == failedByID.stdout)
        let replay = try await Evlog.run(["replay", "--instant", "--home", home.path])
        let replayByPrefix = try await Evlog.run(["replay", "p-bbbb", "--instant", "--home", home.path])
        #expect(replay.exitCode == 0 && replay.stdout == replayByPrefix.stdout && !replay.stdout.isEmpty)
        let ambiguous = try await Evlog.run(["status", "p-aaaa", "--home", home.path])
        #expect(ambiguous.exitCode == 2 && ambiguous.stderr.contains("matches 2 plans"))
    }

    @Test func listShowsNewestLastWithAge() async throws {
        let home = try Self.home(Self.plans.reversed())
        defer { home.remove() }
        let list = try await Evlog.run(["list", "--home", home.path])
        // The fixtures are copied under other plans' names: each is listed as its own plan, flagged with the file's.
        let ids = list.stdoutLines.compactMap { line in
            line.range(of: "(in ").map { String(line[$0.upperBound...].prefix { $0 != "." }) } ?? line.split(separator: " ").first.map(String.init)
        }
        #expect(ids == Self.plans.reversed().map(\.id))
        #expect(list.stdoutLines.allSatisfy { $0.hasSuffix("a file named for another plan)") }, "\(list.stdout)")
        let json = try await Evlog.run(["list", "--json", "--home", home.path])
        #expect(json.stdoutLines.allSatisfy { $0.hasPrefix("{") && !$0.contains("\n") && $0.contains("age_seconds") })
    }

    @Test func pruneRemovesOldLogsButNeverARunningOne() async throws {
        let home = try Self.home(Self.plans + [("p-cccc00000004", "done")], newestDaysAgo: 40)
        defer { home.remove() }
        // A writer holds the oldest log: the lock a running evlog takes, on the log itself.
        let lock = open(home.path + "/plans/p-aaaa00000001.evlog", O_RDWR | O_CLOEXEC)
        defer { close(lock) }
        #expect(flock(lock, LOCK_EX) == 0)
        let dry = try await Evlog.run(["prune", "--older-than", "30d", "--keep", "1", "--dry-run", "--home", home.path])
        #expect(dry.exitCode == 0 && dry.stdout.contains("would remove 2 of 4 logs"), "\(dry.allOutput)")
        #expect(home.planIDs.count == 4)
        let pruned = try await Evlog.run(["prune", "--older-than", "30d", "--keep", "1", "--home", home.path])
        #expect(pruned.exitCode == 0 && pruned.stderr.contains("keeping p-aaaa00000001"), "\(pruned.allOutput)")
        #expect(home.planIDs == ["p-aaaa00000001", "p-cccc00000004"])
        let bad = try await Evlog.run(["prune", "--older-than", "soon", "--home", home.path])
        #expect(bad.exitCode == 2)
    }

    /// Reproductions age out by the same rules as plans, their `--keep` counted apart.
    @Test func pruneAlsoRemovesOldReproductions() async throws {
        let home = try Self.home([("p-aaaa00000001", "failed")])
        defer { home.remove() }
        for _ in 0..<2 { _ = try await Evlog.run(["reproduce", "p-aaaa00000001", "--home", home.path]) }
        let reproductions = home.path + "/reproductions"
        let kept = try FileManager.default.contentsOfDirectory(atPath: reproductions).filter { $0.hasSuffix(".evlog") }.sorted()
        #expect(kept.count == 2)
        for (index, name) in kept.enumerated() {
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: -Double(41 - index) * 86400)], ofItemAtPath: reproductions + "/" + name)
        }
        let pruned = try await Evlog.run(["prune", "--older-than", "30d", "--keep", "1", "--home", home.path])
        #expect(pruned.exitCode == 0 && pruned.stdout.contains("removed 0 of 1 logs and 1 of 2 reproductions"), "\(pruned.allOutput)")
        #expect(home.planIDs == ["p-aaaa00000001"])
        let left = try FileManager.default.contentsOfDirectory(atPath: reproductions).filter { $0.hasSuffix(".evlog") }
        #expect(left == [kept[1]], "the newer reproduction is kept, the older goes: \(left)")
    }

    @Test func runExitsWithTheCommandsOwnStatus() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let outcome = try await Evlog.run(["run", "--home", home.path, "--", "sh", "-c", "exit 7"])
        #expect(outcome.exitCode == 7, "\(outcome.allOutput)")
        let ok = try await Evlog.run(["run", "--home", home.path, "--", "true"])
        #expect(ok.exitCode == 0)
    }

    @Test func jsonOutputIsCompact() async throws {
        for arguments in [["profile", "--json"], ["plan", "--list", "--json"]] {
            let outcome = try await Evlog.run(arguments)
            #expect(outcome.exitCode == 0)
            // One JSON value per line: objects (NDJSON) or, for a list of tools, one array.
            #expect(!outcome.stdoutLines.isEmpty && outcome.stdoutLines.allSatisfy {
                ($0.hasPrefix("{") && $0.hasSuffix("}")) || ($0.hasPrefix("[") && $0.hasSuffix("]"))
            }, "\(arguments)")
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsNameTheSubcommands(_ shell: String) async throws {
        let outcome = try await Evlog.run(["completions", shell])
        #expect(outcome.exitCode == 0 && outcome.stdout.contains("what-failed") && outcome.stdout.contains("prune"))
    }
}
