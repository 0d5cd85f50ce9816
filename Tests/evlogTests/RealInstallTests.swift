import Foundation
import Testing

/// Tests that change this machine (apt packages, pipx environments, a user account and its sudo rule).
/// `.serialized` applies to the nested suites too, so no two of them run at once; each holds the lock that real
/// installs outside the tests take too (`RealInstallLock`).
@Suite("real installs on this machine", .serialized, .holdsRealInstallLock)
enum RealInstallTests {}

extension RealInstallTests {
    @Suite("apt")
    struct Apt {
        @Test(.enabled(if: Machine.canInstallWithApt, "needs root, apt-get and a reachable Debian mirror"))
        func installsJqThroughAptVerifiesItAndReplaysTheRun() async throws {
            // Other things on the machine use jq: whatever happens, leave it installed.
            defer { try? Machine.aptInstall("jq") }
            try Machine.aptRemove("jq")
            try #require(!Machine.isInstalled("jq"), "could not remove jq before installing it")
            let home = try EvlogHome.make()
            defer { home.remove() }

            let live = try await Evlog.run(["install", "--yes", "--no-color", "--home", home.path, "jq"], mergeStandardError: true)
            #expect(live.exitCode == 0, "\(live.stdout)")
            #expect(Machine.isInstalled("jq"), "dpkg does not show jq installed after evlog install")

            let plan = try #require(home.onlyPlan())
            let status = try await home.status(plan)
            #expect(status["status"] as? String == "done", "\(status)")
            let log = try await home.export(plan)
            // apt really ran (the packages step was not skipped as already installed).
            let commands = log.events("command_started").map(\.argv)
            #expect(commands.contains { $0.starts(with: ["apt-get", "install"]) && $0.last == "jq" }, "\(commands)")
            #expect(log.events("step_failed").isEmpty)
            let verifySteps = log.stepKinds.filter { $0.value == "verify" }.map(\.key)
            #expect(verifySteps.count == 1, "\(log.stepKinds)")
            for step in verifySteps {
                #expect(log.events("step_done", step: step).count == 1, "the verify step \(step) did not pass")
                #expect(commands.contains(["jq", "--version"]))
            }

            try await home.expectReplayMatchesLive(live, plan: plan)
            try await home.expectEveryPlanReproduces()
        }
    }

    @Suite("PyPI")
    struct PyPI {
        static let tool = "black"

        /// A pip command that would install into the system Python (PEP 668 forbids it): `pip install` or
        /// `python3 -m pip install` outside a virtual environment without `--user`, or any `--break-system-packages`.
        static func installsIntoSystemPython(_ recorded: [String]) -> Bool {
            var argv = recorded[...]
            if argv.first == "sudo", let end = argv.firstIndex(of: "--") { argv = argv[(end + 1)...] }
            if argv.first == "env" { argv = argv.dropFirst().drop { $0.contains("=") } }
            if argv.contains("--break-system-packages") { return true }
            guard let program = argv.first else { return false }
            let name = (program as NSString).lastPathComponent
            let words = Array(argv)
            let isPip = (name.hasPrefix("pip") && !name.hasPrefix("pipx"))
                || (name.hasPrefix("python") && zip(words, words.dropFirst()).contains { $0 == "-m" && $1 == "pip" })
            guard isPip, words.contains("install"), !words.contains("--user") else { return false }
            let inVirtualEnvironment = ["/venv/", "/.venv/", "/pipx/venvs/", "/virtualenvs/"].contains { program.contains($0) }
            return !inVirtualEnvironment
        }

        @Test(
            .enabled(if: Machine.hasPipx, "needs pipx (CI installs it with apt)"),
            .enabled(if: Machine.pypiReachable, "needs PyPI (pypi.org:443) reachable"))
        func installsBlackFromPyPIThroughPipxNeverSystemPip() async throws {
            // A scratch HOME: pipx's environments, ~/.local/bin and the shell profile evlog edits all land
            // there, so nothing of root's own setup changes.
            let root = try TemporaryDirectory.make(prefix: "evlog-pypi", mode: 0o755)
            let userHome = root + "/user"
            try FileManager.default.createDirectory(atPath: userHome, withIntermediateDirectories: true)
            let home = EvlogHome(path: root + "/evlog")
            let environment = Evlog.testEnvironment(home: userHome)
            defer {
                _ = try? ChildProcess.runBlocking(["pipx", "uninstall", PyPI.tool], environment: environment)
                TemporaryDirectory.remove(root)
            }

            let preview = try await Evlog.run(["plan", PyPI.tool, "--json"], environment: environment)
            #expect(preview.exitCode == 0, "\(preview.allOutput)")
            let chosen = try PyPI.toolInstallers(planJSON: preview.stdout)
            #expect(chosen == ["pipx"], "evlog plan \(PyPI.tool) chose \(chosen), not pipx")

            let install = try await Evlog.run(
                ["install", "--yes", "--no-color", "--home", home.path, PyPI.tool], environment: environment,
                mergeStandardError: true)
            #expect(install.exitCode == 0, "\(install.stdout)")
            let plan = try #require(home.onlyPlan())
            var status = try await home.status(plan)
            if status["status"] as? String == "paused" {
                // Adding ~/.local/bin to PATH asks for a new shell; acknowledging it lets the verify step run.
                let resumed = try await Evlog.run(
                    ["resume", plan, "--ack", "--yes", "--no-color", "--home", home.path], environment: environment,
                    mergeStandardError: true)
                #expect(resumed.exitCode == 0, "\(resumed.stdout)")
                status = try await home.status(plan)
            }
            #expect(status["status"] as? String == "done", "\(status)")

            let binary = try await ChildProcess.run([userHome + "/.local/bin/" + PyPI.tool, "--version"], environment: environment)
            #expect(binary.exitCode == 0, "\(binary.allOutput)")
            #expect(binary.stdout.contains("black, "), "\(binary.stdout)")

            let log = try await home.export(plan)
            let commands = log.events("command_started").map(\.argv)
            #expect(commands.contains { $0.first == "pipx" && $0.contains("install") && $0.contains(PyPI.tool) }, "\(commands)")
            let systemPip = commands.filter(PyPI.installsIntoSystemPython)
            #expect(systemPip.isEmpty, "pip installed into the system Python: \(systemPip)")
            for step in log.stepKinds.filter({ $0.value == "verify" }).map(\.key) {
                #expect(log.events("step_done", step: step).count == 1, "the verify step \(step) did not pass")
            }

            // The PATH line evlog wrote must name an absolute directory: a quoted `~` is not expanded, so
            // every program but bash's own lookup (sh, env, execvp) would miss ~/.local/bin.
            let path = try await ChildProcess.run(["bash", "-c", #". "$HOME/.bashrc"; printf '%s' "$PATH""#], environment: environment)
            let first = path.stdout.split(separator: ":").first.map(String.init)
            #expect(first == userHome + "/.local/bin", "PATH after the profile line: \(path.stdout.prefix(200))")
            try await home.expectEveryPlanReproduces()
        }

        /// The installers of the `tool` steps in `evlog plan --json` output.
        static func toolInstallers(planJSON: String) throws -> [String] {
            guard let object = try JSONSerialization.jsonObject(with: Data(planJSON.utf8)) as? [String: Any],
                  let plan = object["plan"] as? [String: Any], let steps = plan["steps"] as? [[String: Any]]
            else { throw EvlogTestError.unexpectedOutput("evlog plan --json printed \(planJSON.prefix(300))") }
            return steps.compactMap { step in
                guard let action = step["action"] as? [String: Any], action["kind"] as? String == "tool",
                      let parameters = action["parameters"] as? [String: Any]
                else { return nil }
                return parameters["installer"] as? String ?? "script"
            }
        }
    }
}
