import Foundation
import Testing

extension RealInstallTests {
    /// `evlog uninstall` takes out the signed third-party apt repository the install added, with backups.
    @Suite("uninstall removes the repository")
    struct UninstallRepository {
        static let package = "evlog-uninstall-demo"
        // Short names: the key is checked in a GnuPG home under the evlog home, and gpg-agent's socket path must
        // stay under the 108-byte limit of a Unix socket address.
        static let repositoryName = "evlog-test-un"

        @Test(
            .enabled(if: LocalAptRepository.canBuild, "needs root, apt, dpkg-deb, apt-ftparchive, gpg, python3 and curl"),
            .enabled(if: Machine.aptMirrorReachable, "apt-get update also reads this machine's Debian mirror"))
        func uninstallRemovesThePackageTheSourceListAndTheKeyringItAdded() async throws {
            let repository = try LocalAptRepository.make(package: Self.package, version: "1.0.0")
            defer { repository.remove(repositoryName: Self.repositoryName) }
            let scratch = try TemporaryDirectory.make(prefix: "evlog-un")
            defer { TemporaryDirectory.remove(scratch) }
            try repository.overlay(at: scratch + "/catalog", fingerprint: repository.fingerprint, name: Self.repositoryName)
            let home = EvlogHome(path: scratch + "/h")
            let run = { (arguments: [String]) in
                try await Evlog.run(
                    arguments + ["--yes", "--remediate", "--no-color", "--catalog", scratch + "/catalog", "--home", home.path],
                    mergeStandardError: true)
            }
            let sourceList = "/etc/apt/sources.list.d/\(Self.repositoryName).list"
            let keyring = "/etc/apt/keyrings/\(Self.repositoryName).gpg"

            let installed = try await run(["install", Self.package])
            #expect(installed.exitCode == 0, "\(installed.stdout)")
            try #require(Machine.isInstalled(Self.package) && FileManager.default.fileExists(atPath: sourceList))
            #expect(FileManager.default.fileExists(atPath: keyring))

            let removed = try await run(["uninstall", Self.package])
            #expect(removed.exitCode == 0, "\(removed.stdout)")
            #expect(!Machine.isInstalled(Self.package), "dpkg still shows \(Self.package)")
            #expect(!FileManager.default.fileExists(atPath: sourceList), "uninstall left \(sourceList)")
            #expect(!FileManager.default.fileExists(atPath: keyring), "uninstall left \(keyring)")
            // Both files were copied under the evlog home before they went, as install's backups are.
            let kept = FileManager.default.enumerator(atPath: home.path)?.compactMap { $0 as? String } ?? []
            for path in [sourceList, keyring] {
                let name = path.replacingOccurrences(of: "/", with: "_")
                #expect(kept.contains { $0.hasSuffix("/remove-repo-\(Self.repositoryName)/" + name) }, "no backup of \(path) in \(kept)")
            }
            #expect(home.planIDs.count == 2, "install and uninstall each keep a log")
        }
    }
}
