import Foundation
import Testing

extension RealInstallTests {
    /// Release archives served from 127.0.0.1 laid out like GitHub (`/<owner>/<repo>/releases/download/v<version>/`),
    /// with the project's `checksums.txt`, installed through a catalog overlay.
    @Suite("release downloads")
    struct ReleaseDownload {
        static let tool = "evlog-rel-demo"
        static let version = "1.2.3"
        static let asset = "\(tool)-\(version)-linux-x86_64.tar.gz"
        static let installed = ["/usr/local/bin/" + tool, NSHomeDirectory() + "/.local/bin/" + tool]
        static let canRun = Machine.isRoot && LocalHTTPServer.canRun && ChildProcess.lookUp("tar") != nil
            && ChildProcess.lookUp("sha256sum") != nil

        /// A served release directory plus an overlay whose recipe points at `base` (a URL prefix).
        struct Fixture {
            let scratch: String
            let releaseDirectory: String
            let overlay: String

            init() throws {
                scratch = try TemporaryDirectory.make(prefix: "evlog-release", mode: 0o755)
                releaseDirectory = scratch + "/srv/acme/\(tool)/releases/download/v\(version)"
                overlay = scratch + "/catalog"
                let build = scratch + "/build/\(tool)-\(version)"
                try FileManager.default.createDirectory(atPath: releaseDirectory, withIntermediateDirectories: true)
                try FileManager.default.createDirectory(atPath: build, withIntermediateDirectories: true)
                try FileManager.default.createDirectory(atPath: overlay + "/recipes", withIntermediateDirectories: true)
                try Data("#!/bin/sh\necho \"\(tool) \(version)\"\n".utf8).write(to: URL(fileURLWithPath: build + "/" + tool))
                try ChildProcess.must(["chmod", "0755", build + "/" + tool])
                try ChildProcess.must(["tar", "-C", scratch + "/build", "-czf", releaseDirectory + "/" + asset, "\(tool)-\(version)"])
                try ChildProcess.must(["sh", "-c", "cd '\(releaseDirectory)' && sha256sum '\(asset)' > checksums.txt"])
            }

            func writeRecipe(base: String) throws {
                let recipe = """
                    \(tool):
                      description: test tool shipped as a release archive
                      binary: \(tool)
                      verify: {pattern: '\(tool) [0-9.]+'}
                      methods:
                        - release:
                            repo: acme/\(tool)
                            version: \(version)
                            checksum: {file: "\(base)/checksums.txt"}
                            path: \(tool)-{version}/\(tool)
                            assets:
                              linux-x86_64: "\(base)/\(tool)-{version}-linux-x86_64.tar.gz"

                    """
                try Data(recipe.utf8).write(to: URL(fileURLWithPath: overlay + "/recipes/\(tool).yaml"))
            }

            func install(home: String) async throws -> ChildOutcome {
                try await Evlog.run(
                    ["install", "--yes", "--no-color", "--catalog", overlay, "--home", scratch + "/" + home, tool],
                    mergeStandardError: true)
            }

            func diagnosedKind(home: String) async throws -> String? {
                let evlogHome = EvlogHome(path: scratch + "/" + home)
                let log = try await evlogHome.export(try #require(evlogHome.onlyPlan()))
                let diagnosis = log.events("failure_analysed").first?.fields["diagnosis"] as? [String: Any]
                return diagnosis?["kind"] as? String
            }

            func remove() {
                for path in ReleaseDownload.installed { try? FileManager.default.removeItem(atPath: path) }
                TemporaryDirectory.remove(scratch)
            }
        }

        /// A fresh fixture served from 127.0.0.1, its recipe pointing at the server: where most tests start.
        static func served() throws -> (fixture: Fixture, server: LocalHTTPServer) {
            let fixture = try Fixture()
            let server = try LocalHTTPServer(root: fixture.scratch + "/srv")
            do {
                try fixture.writeRecipe(base: server.baseURL + "/acme/\(tool)/releases/download/v{version}")
            } catch {
                server.stop()
                fixture.remove()
                throw error
            }
            return (fixture, server)
        }

        static var anythingInstalled: Bool { installed.contains { FileManager.default.fileExists(atPath: $0) } }

        @Test(.enabled(if: ReleaseDownload.canRun, "needs root, python3, curl, tar and sha256sum"))
        func goodArchiveInstallsAndRunsTamperedOneIsRefusedWithBothDigests() async throws {
            let (fixture, server) = try Self.served()
            defer { server.stop(); fixture.remove() }
            let archive = fixture.releaseDirectory + "/" + Self.asset
            let good = try Data(contentsOf: URL(fileURLWithPath: archive))

            try (good + Data("x".utf8)).write(to: URL(fileURLWithPath: archive))
            let tampered = try await fixture.install(home: "h1")
            #expect(tampered.exitCode == 1, "\(tampered.stdout)")
            #expect(tampered.stdout.contains("checksum-mismatch"), "\(tampered.stdout)")
            let published = try String(contentsOfFile: fixture.releaseDirectory + "/checksums.txt", encoding: .utf8).prefix(64)
            #expect(tampered.stdout.contains(String(published)), "the expected digest is not shown")
            #expect(!Self.anythingInstalled, "a tampered archive was installed")

            try good.write(to: URL(fileURLWithPath: archive))
            let installed = try await fixture.install(home: "h2")
            #expect(installed.exitCode == 0, "\(installed.stdout)")
            let binary = try #require(Self.installed.first { FileManager.default.isExecutableFile(atPath: $0) }, "no executable installed")
            let ran = try ChildProcess.runBlocking([binary])
            #expect(ran.stdout == "\(Self.tool) \(Self.version)\n")
            for home in ["h1", "h2"] { try await EvlogHome(path: fixture.scratch + "/" + home).expectEveryPlanReproduces() }
        }

        @Test(.enabled(if: ReleaseDownload.canRun, "needs root, python3, curl, tar and sha256sum"))
        func missingAssetIsAnHTTPErrorAndARefusedConnectionIsNetworkUnreachable() async throws {
            let fixture = try Fixture()
            defer { fixture.remove() }
            let server = try LocalHTTPServer(root: fixture.scratch + "/srv")
            defer { server.stop() }
            try FileManager.default.removeItem(atPath: fixture.releaseDirectory + "/" + Self.asset)
            try fixture.writeRecipe(base: server.baseURL + "/acme/\(Self.tool)/releases/download/v{version}")
            let missing = try await fixture.install(home: "h1")
            #expect(missing.exitCode == 1, "\(missing.stdout)")
            #expect(try await fixture.diagnosedKind(home: "h1") == "http-error", "\(missing.stdout)")

            let closedPort = try LocalHTTPServer.freePort()
            try fixture.writeRecipe(base: "http://127.0.0.1:\(closedPort)/acme/\(Self.tool)/releases/download/v{version}")
            let refused = try await fixture.install(home: "h2")
            #expect(refused.exitCode == 1, "\(refused.stdout)")
            #expect(try await fixture.diagnosedKind(home: "h2") == "network-unreachable", "\(refused.stdout)")
            #expect(!Self.anythingInstalled)
        }

        /// The file a release installs was there before (the user's own, replaced by `--reinstall`): the plan
        /// recorded that it existed, so uninstall does not count it as evlog's and removes nothing; a file that
        /// was not there before is evlog's and goes.
        @Test(.enabled(if: ReleaseDownload.canRun, "needs root, python3, curl, tar and sha256sum"))
        func uninstallRemovesOnlyAReleaseFileEvlogPutThere() async throws {
            let (fixture, server) = try Self.served()
            defer { server.stop(); fixture.remove() }
            let place = Self.installed[0]
            try Data("#!/bin/sh\necho \"\(Self.tool) 0.9\"\n".utf8).write(to: URL(fileURLWithPath: place))
            try ChildProcess.must(["chmod", "0755", place])
            let home = fixture.scratch + "/h1"
            let installed = try await Evlog.run(
                ["install", "--yes", "--reinstall", "--no-color", "--catalog", fixture.overlay, "--home", home, Self.tool], mergeStandardError: true)
            #expect(installed.exitCode == 0, "\(installed.stdout)")
            // It is there and runs: not "missing", and said to be the user's (truth12 F9a).
            let outdated = try await Evlog.run(["outdated", "--json", "--home", home, Self.tool])
            #expect(outdated.stdout.contains("\"status\":\"current\"") && outdated.stdout.contains("\"method\":\"file\"")
                && outdated.stdout.contains("was there before plan"), "\(outdated.stdout)")
            let uninstall = try await Evlog.run(["uninstall", "--yes", "--no-color", "--home", home, Self.tool], mergeStandardError: true)
            #expect(uninstall.exitCode != 0 && uninstall.stdout.contains("leaves it alone"), "\(uninstall.stdout)")
            #expect(FileManager.default.fileExists(atPath: place), "uninstall removed a file that was there before evlog's install")

            try FileManager.default.removeItem(atPath: place)
            let fresh = fixture.scratch + "/h2"
            let again = try await Evlog.run(["install", "--yes", "--no-color", "--catalog", fixture.overlay, "--home", fresh, Self.tool], mergeStandardError: true)
            #expect(again.exitCode == 0, "\(again.stdout)")
            let removed = try await Evlog.run(["uninstall", "--yes", "--no-color", "--home", fresh, Self.tool], mergeStandardError: true)
            #expect(removed.exitCode == 0 && !Self.anythingInstalled, "\(removed.stdout)")
        }

        /// The install records the digest of the file it placed (`file_installed`); the user puts their own build at that
        /// path since: `uninstall` leaves it, saying why (exit 1), and `--force` removes it (truth12 F8). The file as
        /// installed goes with a plain `uninstall`.
        @Test(.enabled(if: ReleaseDownload.canRun, "needs root, python3, curl, tar and sha256sum"))
        func aReleaseFileReplacedSinceIsLeftUnlessForced() async throws {
            let (fixture, server) = try Self.served()
            defer { server.stop(); fixture.remove() }
            let installed = try await fixture.install(home: "h1")
            try #require(installed.exitCode == 0, "\(installed.stdout)")
            let place = try #require(Self.installed.first { FileManager.default.fileExists(atPath: $0) }, "no file installed")
            let home = EvlogHome(path: fixture.scratch + "/h1")
            let recorded = try await home.export(try #require(home.onlyPlan())).events("file_installed")
            let digest = try ChildProcess.runBlocking(["sha256sum", place]).stdout.prefix(64)
            #expect((recorded.first?.fields["file"] as? [String: Any])?["sha256"] as? String == String(digest), "\(recorded.map(\.fields))")

            let mine = Data("#!/bin/sh\necho \"\(Self.tool) 7.0 (my own build)\"\n".utf8)
            try mine.write(to: URL(fileURLWithPath: place))
            let left = try await Evlog.run(["uninstall", "--yes", "--no-color", "--home", home.path, Self.tool], mergeStandardError: true)
            #expect(left.exitCode == 1 && left.stdout.contains("is no longer the file plan"), "\(left.stdout)")
            #expect(FileManager.default.contents(atPath: place) == mine, "uninstall deleted the user's file")
            let forced = try await Evlog.run(["uninstall", "--yes", "--force", "--no-color", "--home", home.path, Self.tool], mergeStandardError: true)
            #expect(forced.exitCode == 0 && !FileManager.default.fileExists(atPath: place), "\(forced.stdout)")

            let again = try await fixture.install(home: "h2")
            try #require(again.exitCode == 0, "\(again.stdout)")
            let removed = try await Evlog.run(["uninstall", "--yes", "--no-color", "--home", fixture.scratch + "/h2", Self.tool], mergeStandardError: true)
            #expect(removed.exitCode == 0 && !Self.anythingInstalled, "\(removed.stdout)")
        }

        /// The file evlog's release install placed, deleted by hand since: `uninstall` still undoes the install (the
        /// rest of what it added goes; the file is said to be gone already) instead of answering "not installed";
        /// `upgrade` leaves it out, saying `evlog install` puts it back. Then it is no longer evlog's.
        @Test(.enabled(if: ReleaseDownload.canRun, "needs root, python3, curl, tar and sha256sum"))
        func aReleaseFileRemovedByHandIsUninstalledAsGone() async throws {
            let (fixture, server) = try Self.served()
            defer { server.stop(); fixture.remove() }
            let installed = try await fixture.install(home: "h1")
            #expect(installed.exitCode == 0, "\(installed.stdout)")
            let place = try #require(Self.installed.first { FileManager.default.fileExists(atPath: $0) }, "no file installed")
            try FileManager.default.removeItem(atPath: place)
            let home = fixture.scratch + "/h1"
            let upgrade = try await Evlog.run(["upgrade", "--dry-run", "--no-color", "--home", home, Self.tool], mergeStandardError: true)
            #expect(upgrade.exitCode == 1 && upgrade.stdout.contains("is no longer installed (removed outside evlog)"), "\(upgrade.stdout)")
            let uninstall = try await Evlog.run(["uninstall", "--yes", "--no-color", "--home", home, Self.tool], mergeStandardError: true)
            #expect(uninstall.exitCode == 0 && uninstall.stdout.contains("was already removed outside evlog"), "\(uninstall.stdout)")
            let again = try await Evlog.run(["uninstall", "--dry-run", "--no-color", "--home", home, Self.tool], mergeStandardError: true)
            #expect(again.exitCode == 1 && again.stdout.contains("is not installed"), "\(again.stdout)")
        }
    }
}
