import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// repro20 #2: a reproduction cut short (a full disk, a signal) leaves no log under `reproductions/`: kept, its open end
/// was shown as "interrupted … where the original's process stopped", of an original that ran to its end.
@Suite struct ReproductionCutShortTests {
    @Test func aReproductionStoppedByAFullDiskLeavesNoLog() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let ran = try await Evlog.run(["run", "--home", home.path, "--", "sh", "-c", "head -c 300000 /dev/urandom | od -x"])
        #expect(ran.exitCode == 0, "\(ran.allOutput)")
        let plan = try #require(home.onlyPlan())
        let mounted = home.path + "/full"
        try FileManager.default.createDirectory(atPath: mounted, withIntermediateDirectories: false)
        guard VerifyRecordFailureTests.smallFileSystem(at: mounted) else {
            print("skipped: mounting a small tmpfs needs root and a kernel that allows it")
            return
        }
        defer { _ = try? Process.run(URL(fileURLWithPath: "/bin/umount"), arguments: [mounted]).waitUntilExit() }
        #expect(chmod(mounted, 0o700) == 0)
        let reproduced = try await Evlog.run(["reproduce", home.path + "/plans/\(plan).evlog", "--home", mounted])
        #expect(reproduced.exitCode == 2 && reproduced.stderr.contains("No space left"), "\(reproduced.allOutput)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: mounted + "/reproductions")) ?? [] == [])
        let listed = try await Evlog.run(["list", "--all", "--home", mounted])
        #expect(!listed.stdout.contains("reproduction of"), "\(listed.allOutput)")
    }

    /// What a killed reproduction left (its hidden temporary and lock) goes at the next reproduction into that home.
    @Test func whatAKilledReproductionLeftGoesAtTheNext() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        #expect(try await Evlog.run(["install", "--simulate", "--yes", "--home", home.path, "jq"]).exitCode == 0)
        let plan = try #require(home.onlyPlan())
        let reproductions = home.path + "/reproductions"
        try FileManager.default.createDirectory(atPath: reproductions, withIntermediateDirectories: false)
        // A pid no process has: the writer that left these is gone.
        let left = [".p-0123456789ab.evlog.tmp-999999999-00000000000000ff", ".p-0123456789ab.evlog.tmp-999999999-00000000000000ff.lock"]
        for name in left { #expect(FileManager.default.createFile(atPath: reproductions + "/" + name, contents: Data("x".utf8))) }
        let reproduced = try await Evlog.run(["reproduce", plan, "--home", home.path])
        #expect(reproduced.exitCode == 0, "\(reproduced.allOutput)")
        let names = try FileManager.default.contentsOfDirectory(atPath: reproductions)
        #expect(names.count == 1 && names[0].hasSuffix(".evlog") && !names[0].hasPrefix("."), "\(names)")
    }
}
