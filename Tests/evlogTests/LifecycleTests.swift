import Foundation
import Testing

extension RealInstallTests {
    /// install → outdated → uninstall → install tool@version → tool@99, each a plan with its own log.
    @Suite("lifecycle")
    struct Lifecycle {
        @Test(.enabled(if: Machine.canInstallWithApt, "needs root, apt-get and a reachable Debian mirror"))
        func jqThroughItsWholeLifeWithApt() async throws {
            defer { try? Machine.aptInstall("jq") }
            try Machine.aptRemove("jq")
            let home = try EvlogHome.make()
            defer { home.remove() }
            let run = { (arguments: [String]) in
                try await Evlog.run(arguments + ["--no-color", "--home", home.path], mergeStandardError: true)
            }

            #expect(try await run(["install", "--yes", "jq"]).exitCode == 0)
            let outdated = try await run(["outdated", "--json"])
            let rows = try JSONSerialization.jsonObject(with: Data(outdated.stdout.utf8)) as? [[String: Any]] ?? []
            #expect(rows.first?["tool"] as? String == "jq" && rows.first?["method"] as? String == "apt", "\(outdated.stdout)")
            #expect(rows.first?["status"] as? String == "current", "\(outdated.stdout)")

            let removed = try await run(["uninstall", "--yes", "jq"])
            #expect(removed.exitCode == 0, "\(removed.stdout)")
            #expect(!Machine.isInstalled("jq"), "dpkg still shows jq after evlog uninstall")

            let policy = try ChildProcess.runBlocking(["apt-cache", "policy", "jq"]).stdout
            let candidate = try #require(policy.split(separator: "\n").first { $0.contains("Candidate:") })
            let full = candidate.split(separator: " ").last.map(String.init) ?? ""
            let upstream = String(full.split(separator: ":").last?.split(separator: "-").first ?? "")
            let pinned = try await run(["install", "--yes", "jq@\(upstream)"])
            #expect(pinned.exitCode == 0, "\(pinned.stdout)")
            #expect(Machine.isInstalled("jq"))

            let impossible = try await run(["install", "--yes", "jq@99"])
            #expect(impossible.exitCode == 1)
            #expect(impossible.stdout.contains("jq 99 is not available (the archive has"), "\(impossible.stdout)")
            #expect(home.planIDs.count == 3, "install, uninstall and install jq@\(upstream) each keep a log")
        }

        @Test(
            .enabled(if: Machine.hasPipx, "needs pipx (CI installs it with apt)"),
            .enabled(if: Machine.pypiReachable, "needs PyPI (pypi.org:443) reachable"))
        func codespellThroughItsWholeLifeWithPipx() async throws {
            let user = try ScratchUser.make(prefix: "evlog-pipx-life")
            let (root, userHome, environment) = (user.root, user.home, user.environment)
            defer {
                _ = try? ChildProcess.runBlocking(["pipx", "uninstall", "codespell"], environment: environment)
                TemporaryDirectory.remove(root)
            }
            let evlogHome = root + "/evlog"
            let run = { (arguments: [String]) in
                try await Evlog.run(arguments + ["--no-color", "--home", evlogHome], environment: environment, mergeStandardError: true)
            }
            let binary = userHome + "/.local/bin/codespell"

            let ownLine = "alias ll='ls -l'  # the user's own"
            try Data((ownLine + "\n").utf8).write(to: URL(fileURLWithPath: userHome + "/.bashrc"))
            #expect(try await run(["install", "--yes", "codespell@2.2.6"]).exitCode == 0)
            let version = try ChildProcess.runBlocking([binary, "--version"], environment: environment).stdout
            #expect(version.hasPrefix("2.2.6"), "codespell@2.2.6 installed \(version)")
            let outdated = try await run(["outdated", "--json", "codespell"])
            #expect(outdated.stdout.contains("\"method\":\"pipx\""), "\(outdated.stdout)")
            // pipx's own list gives the version; PyPI (reachable: the install came from it) says what is newer.
            #expect(outdated.stdout.contains("\"installed\":\"2.2.6\""), "\(outdated.stdout)")
            #expect(outdated.stdout.contains("\"status\":\"outdated\""), "\(outdated.stdout)")
            let offline = try await run(["outdated", "--json", "--offline", "codespell"])
            #expect(offline.stdout.contains("\"status\":\"offline\"") && offline.stdout.contains("\"installed\":\"2.2.6\""), "\(offline.stdout)")
            // The fresh home's ~/.local/bin is on no PATH, so the install added it between evlog's markers.
            let bashrc = userHome + "/.bashrc"
            let profile = { String(decoding: FileManager.default.contents(atPath: bashrc) ?? Data(), as: UTF8.self) }
            #expect(profile().contains("# >>> evlog p-"), "install wrote no block to \(bashrc): «\(profile())»")

            let removed = try await run(["uninstall", "--yes", "codespell"])
            #expect(removed.exitCode == 0, "\(removed.stdout)")
            #expect(!FileManager.default.fileExists(atPath: binary), "pipx uninstall left \(binary)")
            #expect(!profile().contains("evlog p-"), "uninstall left evlog's block in \(bashrc): «\(profile())»")
            #expect(profile().contains(ownLine), "uninstall took the user's own line from \(bashrc)")

            let impossible = try await run(["install", "--yes", "codespell@99"])
            #expect(impossible.exitCode == 1, "\(impossible.stdout)")
        }
    }
}
