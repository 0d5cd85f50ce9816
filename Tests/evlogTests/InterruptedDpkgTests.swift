import Foundation
import Testing

extension RealInstallTests {
    /// Ctrl-C while dpkg configures a package leaves it half-configured; `evlog resume --yes` asks dpkg, finishes it, and ends done.
    @Suite("interrupted dpkg")
    struct InterruptedDpkg {
        static let package = "evlog-slow-postinst"
        static let repositoryName = "evlog-test-slow"

        @Test(
            .enabled(if: LocalAptRepository.canBuild, "needs root, apt, dpkg-deb, apt-ftparchive, gpg, python3 and curl"),
            .enabled(if: Machine.aptMirrorReachable, "apt-get update also reads this machine's Debian mirror"))
        func resumeFinishesWhatTheInterruptedDpkgLeftAndEndsDone() async throws {
            let marker = NSTemporaryDirectory() + "/evlog-postinst-" + UUID().uuidString.prefix(8)
            // The first configure sleeps (time to interrupt it); the one resume runs finishes at once.
            let repository = try LocalAptRepository.make(
                package: Self.package, version: "1.0.0",
                postinst: "if [ ! -e '\(marker)' ]; then touch '\(marker)'; sleep 25; fi")
            defer {
                // The marker stays until the package is gone, so no later dpkg run sleeps in its postinst.
                repository.remove(repositoryName: Self.repositoryName)
                if !Machine.isInstalled(Self.package) { try? FileManager.default.removeItem(atPath: marker) }
            }
            let scratch = try TemporaryDirectory.make(prefix: "evlog-dpkg")
            defer { TemporaryDirectory.remove(scratch) }
            try repository.overlay(at: scratch + "/catalog", fingerprint: repository.fingerprint, name: Self.repositoryName)
            let home = EvlogHome(path: scratch + "/home")

            let child = try ChildProcess(
                [EvlogBinary.path, "install", "--yes", "--remediate", "--no-color", "--catalog", scratch + "/catalog",
                 "--home", home.path, Self.package],
                environment: Evlog.testEnvironment(), mergeStandardError: true)
            let configuring = await Machine.waitFor(timeoutSeconds: 240) { FileManager.default.fileExists(atPath: marker) }
            try #require(configuring, "dpkg never ran the package's postinst")
            child.send(SIGINT)
            let interrupted = await child.wait(timeoutSeconds: 120)
            #expect(interrupted.exitCode == 130, "\(interrupted.stdout)")
            let plan = try #require(home.onlyPlan())
            #expect(ChildOutcome.lines(interrupted.stdout).last == "interrupted: continue with: evlog resume \(plan) --home \(home.path)", "\(interrupted.stdout)")
            let audit = try ChildProcess.runBlocking(["dpkg", "--audit"])
            #expect(!audit.stdout.isEmpty, "dpkg --audit is empty after the interruption: the test did not interrupt dpkg")

            var resumed = try await Evlog.run(["resume", plan, "--yes", "--no-color", "--home", home.path], mergeStandardError: true)
            // On a shared machine another job's apt may hold dpkg's lock for a moment: resume again, as a user would.
            for _ in 0..<6 where resumed.exitCode != 0 && resumed.stdout.contains("lock") {
                try await Task.sleep(for: .seconds(10))
                resumed = try await Evlog.run(["resume", plan, "--yes", "--no-color", "--home", home.path], mergeStandardError: true)
            }
            #expect(resumed.exitCode == 0, "\(resumed.stdout)")
            #expect(try await home.status(plan)["status"] as? String == "done")
            #expect(try ChildProcess.runBlocking(["dpkg", "--audit"]).stdout.isEmpty, "dpkg --audit still lists half-configured packages")
            let log = try await home.export(plan)
            let commands = log.events("command_started").map(\.argv).map { $0.filter { $0 != "sudo" } }
            let audited = commands.firstIndex { $0.suffix(2) == ["dpkg", "--audit"] }
            let configured = commands.firstIndex { $0.suffix(3) == ["dpkg", "--configure", "-a"] }
            #expect(audited != nil && configured != nil && audited! < configured!, "\(commands)")
            // What the interrupted attempt installed is the plan's (truth12 F1): the resumed step records it as added
            // (it skipped as "already installed" before, which made the package the user's), and uninstall removes it.
            let added = log.events("package_set_changed").flatMap { ($0.fields["change"] as? [String: Any])?["added"] as? [String] ?? [] }
            #expect(added.contains(Self.package), "\(log.events("package_set_changed").map(\.line))")
            #expect(log.events("step_skipped").allSatisfy { !$0.line.contains("already installed") }, "\(log.text)")
            let removed = try await Evlog.run(
                ["uninstall", "--yes", "--no-color", "--catalog", scratch + "/catalog", "--home", home.path, Self.package], mergeStandardError: true)
            #expect(removed.exitCode == 0, "\(removed.stdout)")
            #expect(!Machine.isInstalled(Self.package), "uninstall left what the interrupted install added")
        }
    }
}
