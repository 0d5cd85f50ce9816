import Foundation
import Testing

extension RealInstallTests {
    /// A signed third-party apt repository built and served here, installed from through a catalog overlay.
    @Suite("third-party apt repository")
    struct ThirdPartyRepository {
        static let package = "evlog-repo-demo"
        static let repositoryName = "evlog-test-local"

        @Test(
            .enabled(if: LocalAptRepository.canBuild, "needs root, apt, dpkg-deb, apt-ftparchive, gpg, python3 and curl"),
            .enabled(if: Machine.aptMirrorReachable, "apt-get update also reads this machine's Debian mirror"))
        func wrongFingerprintIsRefusedBeforeAptSeesTheKeyAndTheRightOneInstalls() async throws {
            let repository = try LocalAptRepository.make(package: Self.package, version: "1.0.0")
            defer { repository.remove(repositoryName: Self.repositoryName) }
            let scratch = try TemporaryDirectory.make(prefix: "evlog-overlay")
            defer { TemporaryDirectory.remove(scratch) }
            let sourceList = "/etc/apt/sources.list.d/\(Self.repositoryName).list"
            let keyring = "/etc/apt/keyrings/\(Self.repositoryName).gpg"

            let wrong = String(repository.fingerprint.reversed())
            try repository.overlay(at: scratch + "/bad", fingerprint: wrong, name: Self.repositoryName)
            let badHome = EvlogHome(path: scratch + "/h1")
            let refused = try await Evlog.run(
                ["install", "--yes", "--no-color", "--catalog", scratch + "/bad", "--home", badHome.path, Self.package],
                mergeStandardError: true)
            #expect(refused.exitCode == 1, "\(refused.stdout)")
            #expect(refused.stdout.contains("gpg-key-error"), "\(refused.stdout)")
            #expect(!FileManager.default.fileExists(atPath: sourceList), "the source list was written for a key that did not match")
            #expect(!FileManager.default.fileExists(atPath: keyring), "the keyring was written for a key that did not match")
            let badLog = try await badHome.export(try #require(badHome.onlyPlan()))
            #expect(!badLog.events("command_started").contains { $0.argv.contains("apt-get") }, "apt ran after a wrong key")

            try repository.overlay(at: scratch + "/good", fingerprint: repository.fingerprint, name: Self.repositoryName)
            let goodHome = EvlogHome(path: scratch + "/h2")
            // --remediate: other jobs on a shared machine may hold apt's lock; evlog then waits for it.
            let installed = try await Evlog.run(
                ["install", "--yes", "--remediate", "--no-color", "--catalog", scratch + "/good", "--home", goodHome.path, Self.package],
                mergeStandardError: true)
            #expect(installed.exitCode == 0, "\(installed.stdout)")
            #expect(Machine.isInstalled(Self.package))
            // apt's signed-by needs a binary keyring under a .gpg name: the armored key was dearmored.
            let stored = FileManager.default.contents(atPath: keyring) ?? Data()
            #expect(!stored.isEmpty && !String(decoding: stored.prefix(40), as: UTF8.self).contains("BEGIN PGP"), "keyring is armored or empty")
            let log = try await goodHome.export(try #require(goodHome.onlyPlan()))
            for step in log.stepKinds.filter({ $0.value == "verify" || $0.value == "repo_setup" }).map(\.key) {
                #expect(log.events("step_done", step: step).count == 1, "step \(step) did not finish")
            }
            // Checking the key started no gpg-agent: one would detach and outlive the plan (reproduce7 finding 5).
            let agents = ProcessTable.allPIDs().filter { pid in
                let argv = ProcessTable.commandLine(of: pid)
                return argv.first.map { ($0 as NSString).lastPathComponent } == "gpg-agent"
                    && argv.contains { $0.hasPrefix(scratch) || $0.hasPrefix("/tmp/evlog-gnupg-") }
            }
            #expect(agents.isEmpty, "gpg-agent left running: \(agents)")
        }

        @Test func planSaysTheOverlayReplacesTheBuiltInRecipe() async throws {
            let scratch = try TemporaryDirectory.make(prefix: "evlog-overlay")
            defer { TemporaryDirectory.remove(scratch) }
            try FileManager.default.createDirectory(atPath: scratch + "/recipes", withIntermediateDirectories: true)
            let recipe = """
                jq:
                  description: jq from our own mirror
                  binary: jq
                  verify: {pattern: 'jq-1'}
                  methods:
                    - packages:
                        apt: jq-inhouse

                """
            try Data(recipe.utf8).write(to: URL(fileURLWithPath: scratch + "/recipes/jq.yaml"))
            var environment = Evlog.testEnvironment()
            environment["EVLOG_CATALOG"] = scratch
            let planned = try await Evlog.run(
                ["plan", "--no-color", "--reinstall", "--profile", "debian-container", "jq"], environment: environment,
                mergeStandardError: true)
            #expect(planned.exitCode == 0, "\(planned.stdout)")
            #expect(planned.stdout.contains("jq-inhouse"), "\(planned.stdout)")
            #expect(planned.stdout.contains("jq: the recipe from the overlay \(scratch)/recipes/jq.yaml replaces the built-in one"), "\(planned.stdout)")

            let missing = try await Evlog.run(["plan", "--catalog", scratch + "/nowhere", "jq"], mergeStandardError: true)
            #expect(missing.exitCode == 2)
            #expect(missing.stdout.contains("--catalog \(scratch)/nowhere: no such directory"), "\(missing.stdout)")
        }
    }
}
