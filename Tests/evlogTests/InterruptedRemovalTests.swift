import Foundation
import Testing

extension RealInstallTests {
    /// Ctrl-C while dpkg removes a package (truth12 F14): the answers come from dpkg and the log, the cut-off step said
    /// as uncertain. `outdated` does not call the tool installed and current, a new `uninstall` points at the
    /// interrupted one's `evlog resume` instead of blaming the user for marks nobody set, and the resume finishes it.
    @Suite("interrupted removal")
    struct InterruptedRemoval {
        static let package = "evlog-slow-prerm"
        static let repositoryName = "evlog-test-slow-prerm"

        @Test(
            .enabled(if: LocalAptRepository.canBuild, "needs root, apt, dpkg-deb, apt-ftparchive, gpg, python3 and curl"),
            .enabled(if: Machine.aptMirrorReachable, "apt-get update also reads this machine's Debian mirror"))
        func outdatedAndUninstallSayWhatDpkgAndTheLogSayAndResumeFinishes() async throws {
            let marker = NSTemporaryDirectory() + "/evlog-prerm-" + UUID().uuidString.prefix(8)
            // The first removal sleeps in prerm (time to interrupt it); the one resume runs goes at once.
            let repository = try LocalAptRepository.make(
                package: Self.package, version: "1.0.0", prerm: "if [ ! -e '\(marker)' ]; then touch '\(marker)'; sleep 25; fi")
            defer {
                repository.remove(repositoryName: Self.repositoryName)
                try? FileManager.default.removeItem(atPath: marker)
            }
            let scratch = try TemporaryDirectory.make(prefix: "evlog-unrm")
            defer { TemporaryDirectory.remove(scratch) }
            try repository.overlay(at: scratch + "/catalog", fingerprint: repository.fingerprint, name: Self.repositoryName)
            let home = EvlogHome(path: scratch + "/home")
            let installed = try await Evlog.run(
                ["install", "--yes", "--no-color", "--catalog", scratch + "/catalog", "--home", home.path, Self.package], mergeStandardError: true)
            try #require(installed.exitCode == 0 && Machine.isInstalled(Self.package), "\(installed.stdout)")
            let install = try #require(home.onlyPlan())

            let child = try ChildProcess(
                [EvlogBinary.path, "uninstall", "--yes", "--no-color", "--home", home.path, Self.package],
                environment: Evlog.testEnvironment(), mergeStandardError: true)
            let removing = await Machine.waitFor(timeoutSeconds: 240) { FileManager.default.fileExists(atPath: marker) }
            try #require(removing, "dpkg never ran the package's prerm")
            child.send(SIGINT)
            let interrupted = await child.wait(timeoutSeconds: 120)
            #expect(interrupted.exitCode == 130, "\(interrupted.stdout)")
            let plans = try FileManager.default.contentsOfDirectory(atPath: home.path + "/plans").filter { $0.hasSuffix(".evlog") }
            let removal = try #require(plans.map { String($0.dropLast(6)) }.first { $0 != install })
            #expect(!Machine.isInstalled(Self.package), "dpkg still has the package installed: the test did not interrupt its removal")

            // outdated: dpkg's word (half removed, or gone), never "current", and the plan to resume named.
            let outdated = try await Evlog.run(["outdated", "--json", "--offline", "--home", home.path], mergeStandardError: false)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(outdated.stdout.utf8)) as? [[String: Any]], "\(outdated.stdout)")
            let row = try #require(rows.first { $0["tool"] as? String == Self.package }, "\(outdated.stdout)")
            #expect(["removing", "missing"].contains(row["status"] as? String), "\(row)")
            #expect((row["note"] as? String)?.contains("evlog resume \(removal)") == true, "\(row)")

            // A new uninstall points at the one that was cut off.
            let again = try await Evlog.run(["uninstall", "--dry-run", "--no-color", "--home", home.path, Self.package], mergeStandardError: true)
            #expect(again.exitCode == 1, "\(again.stdout)")
            #expect(again.stdout.contains("evlog resume \(removal)") && again.stdout.contains("uncertain"), "\(again.stdout)")
            #expect(!again.stdout.contains("marked manual"), "\(again.stdout)")

            var resumed = try await Evlog.run(["resume", removal, "--yes", "--no-color", "--home", home.path], mergeStandardError: true)
            for _ in 0..<6 where resumed.exitCode != 0 && resumed.stdout.contains("lock") {
                try await Task.sleep(for: .seconds(10))
                resumed = try await Evlog.run(["resume", removal, "--yes", "--no-color", "--home", home.path], mergeStandardError: true)
            }
            #expect(resumed.exitCode == 0, "\(resumed.stdout)")
            #expect(try ChildProcess.runBlocking(["dpkg", "--audit"]).stdout.isEmpty, "dpkg --audit still lists packages")
            #expect(!Machine.isInstalled(Self.package))
            let after = try await Evlog.run(["outdated", "--json", "--offline", "--home", home.path], mergeStandardError: false)
            #expect(!after.stdout.contains(Self.package), "\(after.stdout)")
        }
    }
}
