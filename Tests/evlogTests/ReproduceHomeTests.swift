import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// repro20 #9: `reproduce` writes only inside a home it may trust. As root it judges the home by the rule `install`
/// and `run` use (another user's home is refused), and a `reproductions/` that is a symbolic link is never followed:
/// nothing is written where the link points.
@Suite("reproduce home")
struct ReproduceHomeTests {
    /// A home holding one simulated plan, its `reproductions/` a link to `elsewhere`.
    private static func homeWithLinkedReproductions() async throws -> (home: EvlogHome, plan: String, elsewhere: String) {
        let home = try EvlogHome.make()
        let made = try await Evlog.run(["install", "--simulate", "--yes", "--home", home.path, "jq"])
        #expect(made.exitCode == 0, "\(made.allOutput)")
        let plan = try #require(home.onlyPlan())
        let elsewhere = home.path + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: home.path + "/reproductions", withDestinationPath: elsewhere)
        return (home, plan, elsewhere)
    }

    @Test func aLinkedReproductionsDirectoryIsNotFollowed() async throws {
        let (home, plan, elsewhere) = try await Self.homeWithLinkedReproductions()
        defer { home.remove() }
        let outcome = try await Evlog.run(["reproduce", plan, "--home", home.path])
        #expect(outcome.exitCode == 2 && outcome.stderr.contains("symbolic link"), "\(outcome.allOutput)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: elsewhere)) == [])
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give the home to another user"))
    func asRootAnotherUsersHomeIsRefused() async throws {
        let (home, plan, elsewhere) = try await Self.homeWithLinkedReproductions()
        defer { home.remove() }
        #expect(chown(home.path, 65534, 65534) == 0 && chown(elsewhere, 65534, 65534) == 0)
        let outcome = try await Evlog.run(["reproduce", plan, "--home", home.path])
        #expect(outcome.exitCode == 2 && outcome.stderr.contains("evlog will not use the home"), "\(outcome.allOutput)")
        #expect(ChildOutcome.lines(outcome.stderr).count == 1, "\(outcome.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: elsewhere)) == [])
    }

    /// repro20 #3: every exit 2 of `reproduce --json` prints its JSON line, a home refused before parsing too.
    @Test func aHomeRefusedBeforeParsingStillGivesTheJSONLine() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let outcome = try await Evlog.run(["reproduce", "--json", "--home", "/proc/evlog-no-home", home.path + "/none.evlog"])
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        let line = try #require(outcome.stdoutLines.count == 1 ? outcome.stdoutLines.first : nil, "\(outcome.allOutput)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["matches"] as? Bool == false && (object["error"] as? String)?.contains("pseudo filesystem") == true, "\(line)")
    }

    /// repro20 #3: `--check` writes nothing, so a read-only home (a CI image, a read-only mount) does for it.
    @Test func checkNeedsNoWritableHome() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        #expect(try await Evlog.run(["install", "--simulate", "--yes", "--home", home.path, "jq"]).exitCode == 0)
        let log = home.path + "/plans/" + (try #require(home.onlyPlan())) + ".evlog"
        let readOnly = home.path + "/ro"
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: false)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "ro,size=12k", "tmpfs", readOnly]
        guard geteuid() == 0, (try? mount.run()) != nil, { mount.waitUntilExit(); return mount.terminationStatus == 0 }() else {
            print("skipped: mounting a read-only tmpfs needs root")
            return
        }
        defer { _ = try? Process.run(URL(fileURLWithPath: "/bin/umount"), arguments: [readOnly]).waitUntilExit() }
        let checked = try await Evlog.run(["reproduce", "--check", log, "--home", readOnly])
        #expect(checked.exitCode == 0, "\(checked.allOutput)")
        let kept = try await Evlog.run(["reproduce", "--json", log, "--home", readOnly])
        #expect(kept.exitCode == 2 && kept.stdout.contains("\"error\""), "\(kept.allOutput)")
    }
}
