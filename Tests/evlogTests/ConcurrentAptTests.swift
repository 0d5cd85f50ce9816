import Foundation
import Testing

extension RealInstallTests {
    /// Another apt run installs a package while evlog's install waits for apt's lock: the log names it as not the
    /// install's, and uninstall leaves it (#28 F13: it was recorded as the install's own and purged).
    @Suite("concurrent apt")
    struct ConcurrentApt {
        @Test(
            .enabled(if: Machine.canInstallWithApt, "needs root, apt-get and a reachable Debian mirror"),
            .enabled(if: ProcessTable.isAvailable, "needs /proc to see evlog's apt waiting"))
        func aPackageAnotherAptInstalledMeanwhileIsNotTheInstallsOwn() async throws {
            let other = "sl", tool = "pv"
            try Machine.aptRemove(other)
            try Machine.aptRemove(tool)
            defer {
                try? Machine.aptRemove(other)
                try? Machine.aptRemove(tool)
            }
            let home = try EvlogHome.make()
            defer { home.remove() }
            let gate = try TemporaryDirectory.make(prefix: "evlog-apt-gate", mode: 0o755)
            defer { TemporaryDirectory.remove(gate) }
            // The other apt holds the lock (in its Pre-Invoke hook) until evlog's apt is waiting for it.
            let hook = "DPkg::Pre-Invoke::=touch \(gate)/holding; while [ ! -e \(gate)/release ]; do sleep 0.2; done"
            async let otherRun = ChildProcess.run(
                ["apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=300", "-o", hook, other], environment: Machine.aptEnvironment,
                timeoutSeconds: 600)
            try await Self.waitFor { FileManager.default.fileExists(atPath: gate + "/holding") }
            async let install = Evlog.run(["install", "--yes", "--no-color", "--home", home.path, tool], mergeStandardError: true, timeoutSeconds: 600)
            try await Self.waitFor { !ProcessTable.running(["apt-get", "install", "-y", "-o", "DPkg::Lock::Timeout=600", tool]).isEmpty }
            #expect(FileManager.default.createFile(atPath: gate + "/release", contents: nil))
            let (otherOutcome, installOutcome) = try await (otherRun, install)
            #expect(otherOutcome.exitCode == 0, "\(otherOutcome.allOutput)")
            #expect(installOutcome.exitCode == 0, "\(installOutcome.stdout)")
            #expect(installOutcome.stdout.contains("not counted as this install's") && installOutcome.stdout.contains(other), "\(installOutcome.stdout)")

            let log = try await home.export(try #require(home.onlyPlan()))
            let change = try #require(log.events("package_set_changed").first?.fields["change"] as? [String: Any])
            #expect(change["added"] as? [String] == [tool], "\(change)")
            #expect(change["installedByOthers"] as? [String] == [other], "\(change)")

            let removed = try await Evlog.run(["uninstall", "--yes", "--no-color", "--home", home.path, tool], mergeStandardError: true)
            #expect(removed.exitCode == 0, "\(removed.stdout)")
            #expect(!Machine.isInstalled(tool))
            #expect(Machine.isInstalled(other), "uninstall of \(tool) removed \(other), which another apt run installed")
        }

        /// Polls `condition` until it holds (at most 5 minutes: a wait for another process, not a timing check).
        static func waitFor(_ condition: () -> Bool) async throws {
            for _ in 0..<1500 where !condition() { try await Task.sleep(nanoseconds: 200_000_000) }
            try #require(condition(), "waited 5 minutes for the other apt run")
        }
    }
}
