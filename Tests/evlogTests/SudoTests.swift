import Foundation
import Testing

/// An unprivileged user whose sudo asks for a password, for the length of one test; `remove()` undoes it all.
struct SudoUser {
    static let name = "evlogtest"
    static let sudoersFile = "/etc/sudoers.d/evlogtest"
    static let canCreate = Machine.isRoot && Machine.hasSudo && Machine.canManageUsers

    /// Fresh per user, so a hit in any file can only come from this run.
    let password = "Ev1-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16)
    /// World-readable scratch: the copied binary (and its resource bundles) and the user's evlog home.
    let scratch: String
    let binary: String
    let home: EvlogHome
    var accountHome: String { "/home/" + SudoUser.name }

    /// Creates the user, its password, its sudoers rule (checked by visudo; nil: no rule, so no sudo at all)
    /// and a copy of evlog it can run.
    static func create(sudoRule: String? = "ALL=(ALL) ALL") throws -> SudoUser {
        removeAccount()
        let scratch = try TemporaryDirectory.make(prefix: "evlog-sudo", mode: 0o755)
        let user = SudoUser(scratch: scratch, binary: scratch + "/bin/evlog", home: EvlogHome(path: scratch + "/home"))
        try ChildProcess.must(["useradd", "--create-home", "--shell", "/bin/sh", name])
        try ChildProcess.must(["chpasswd"], input: .text("\(name):\(user.password)\n"))
        if let sudoRule {
            let rule = scratch + "/sudoers"
            try Data("\(name) \(sudoRule)\n".utf8).write(to: URL(fileURLWithPath: rule))
            try ChildProcess.must(["visudo", "-cf", rule])
            try ChildProcess.must(["install", "-m", "0440", "-o", "root", "-g", "root", rule, sudoersFile])
        }
        // The build directory may not be readable by others (a clone under /root): run a copy.
        try FileManager.default.createDirectory(atPath: scratch + "/bin", withIntermediateDirectories: true)
        for item in [EvlogBinary.path] + EvlogBinary.resourceBundles {
            try FileManager.default.copyItem(atPath: item, toPath: scratch + "/bin/" + (item as NSString).lastPathComponent)
        }
        try ChildProcess.must(["chmod", "-R", "a+rX", scratch + "/bin"])
        try FileManager.default.createDirectory(atPath: user.home.path, withIntermediateDirectories: true)
        try ChildProcess.must(["chown", name, user.home.path])
        try ChildProcess.must(["chmod", "0700", user.home.path])
        return user
    }

    /// Deletes the account, its home and its sudoers rule, and the scratch directory.
    func remove() {
        SudoUser.removeAccount()
        TemporaryDirectory.remove(scratch)
        if (try? ChildProcess.runBlocking(["id", SudoUser.name]))?.exitCode == 0 {
            Issue.record("user \(SudoUser.name) still exists after cleanup")
        }
    }

    private static func removeAccount() {
        try? FileManager.default.removeItem(atPath: sudoersFile)
        if (try? ChildProcess.runBlocking(["id", name]))?.exitCode == 0 {
            _ = try? ChildProcess.runBlocking(["userdel", "--force", "--remove", name], mergeStandardError: true)
        }
    }

    /// Runs the copied evlog as this user, with a clean login-like environment and `input` on stdin.
    func evlog(_ arguments: [String], input: ChildInput = .none) async throws -> ChildOutcome {
        let environment = [
            "HOME=" + accountHome, "USER=" + SudoUser.name, "LOGNAME=" + SudoUser.name, "LANG=C.UTF-8", "NO_COLOR=1",
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ]
        return try await ChildProcess.run(
            ["runuser", "-u", SudoUser.name, "--", "env", "-i"] + environment + [binary] + arguments, input: input,
            workingDirectory: scratch, mergeStandardError: true)
    }

    /// Every place the password shows up: the given terminal outputs, each plan's export and replay, any file of the home.
    func leaks(terminals: [ChildOutcome]) async throws -> [String] {
        try await SecretSearch.places(of: password, in: home, terminals: terminals)
    }

    /// A wrong password: the step failed once (sudo ran once, no retry), and the analysis names sudo's refusal.
    static func expectSudoRefused(_ log: ExportedLog, step: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(log.events("step_started", step: step).count == 1, "step \(step) started more than once", sourceLocation: sourceLocation)
        let sudoRuns = log.events("command_started", step: step).filter { $0.argv.first == "sudo" }
        #expect(sudoRuns.count == 1, "sudo ran \(sudoRuns.count) times", sourceLocation: sourceLocation)
        #expect(log.events("step_failed", step: step).count == 1, sourceLocation: sourceLocation)
        #expect(log.events("plan_failed").count == 1, sourceLocation: sourceLocation)
        let analysed = log.events("failure_analysed", step: step)
        #expect(analysed.count == 1, sourceLocation: sourceLocation)
        let diagnosis = analysed.first?.fields["diagnosis"] as? [String: Any] ?? [:]
        let kind = diagnosis["kind"] as? String
        let evidence = (diagnosis["evidence"] as? [String] ?? []).joined(separator: "\n")
        #expect(kind == "sudo-auth-failed", "diagnosis kind \(kind ?? "none")", sourceLocation: sourceLocation)
        #expect(
            evidence.contains("incorrect password") || evidence.contains("Sorry, try again"),
            "the diagnosis does not quote sudo's refusal: \(evidence)", sourceLocation: sourceLocation)
    }
}

extension RealInstallTests {
    /// sudo for real: evlog run by an unprivileged user, the password given with `--sudo-password-stdin`.
    @Suite("sudo as an unprivileged user")
    struct Sudo {
        @Test(.enabled(if: SudoUser.canCreate, "needs root, sudo, visudo, useradd/userdel/chpasswd/runuser"))
        func rightPasswordRunsACommandAsRoot() async throws {
            let user = try SudoUser.create()
            defer { user.remove() }
            let run = try await user.evlog(
                ["run", "--sudo-password-stdin", "--as-root", "--no-color", "--home", user.home.path, "--", "id", "-u"],
                input: .text(user.password + "\n"))
            #expect(run.exitCode == 0, "\(run.stdout)")
            let plan = try #require(user.home.onlyPlan())
            let log = try await user.home.export(plan)
            let printed = log.events("output_chunk", step: "run").compactMap { $0.fields["text"] as? String }.joined()
            #expect(printed == "0\n", "id -u printed \(printed) through sudo")
            let commands = log.events("command_started", step: "run").map(\.argv)
            #expect(commands == [["sudo", "-S", "-k", "-p", "", "--", "id", "-u"]], "\(commands)")
            let leaks = try await user.leaks(terminals: [run])
            #expect(leaks.isEmpty, "the sudo password leaked into: \(leaks)")
        }

        /// truth20 #16: `remedy` of a plan whose failed step needs root says what it will run before sudo's password is
        /// asked for; with no terminal to ask, it then refuses and runs nothing.
        @Test(.enabled(if: SudoUser.canCreate, "needs root, sudo, visudo, useradd/userdel/chpasswd/runuser"))
        func remedySaysWhatItRunsBeforeAskingForThePassword() async throws {
            let user = try SudoUser.create()
            defer { user.remove() }
            let run = try await user.evlog(
                ["run", "--sudo-password-stdin", "--as-root", "--no-color", "--home", user.home.path, "--", "sh", "-c", "echo 'Connection timed out'; exit 1"],
                input: .text(user.password + "\n"))
            #expect(run.exitCode == 1, "\(run.stdout)")
            let plan = try #require(user.home.onlyPlan())
            let remedy = try await user.evlog(["remedy", "--no-color", "--home", user.home.path, plan, "retry"])
            let shown = try #require(remedy.stdout.range(of: "Remediation retry"), "\(remedy.stdout)")
            let refused = try #require(remedy.stdout.range(of: "there is no terminal to ask"), "\(remedy.stdout)")
            #expect(remedy.exitCode == 2 && shown.lowerBound < refused.lowerBound && remedy.stdout.contains("it runs run again as it is"), "\(remedy.stdout)")
            #expect(try await user.home.export(plan).events("step_started", step: "run").count == 1, "the refused remedy ran the step again")
        }

        @Test(.enabled(if: SudoUser.canCreate, "needs root, sudo, visudo, useradd/userdel/chpasswd/runuser"))
        func wrongPasswordFailsOnceWithSudosRefusalAndExitCodeOne() async throws {
            let user = try SudoUser.create()
            defer { user.remove() }
            let wrong = "Wr0ng-" + user.password
            let run = try await user.evlog(
                ["run", "--sudo-password-stdin", "--as-root", "--no-color", "--home", user.home.path, "--", "id", "-u"],
                input: .text(wrong + "\n"))
            #expect(run.exitCode == 1, "\(run.stdout)")
            #expect(run.elapsedSeconds < 120, "a wrong password took \(run.elapsedSeconds) s: a retry loop?")
            let plan = try #require(user.home.onlyPlan())
            #expect(try await user.home.status(plan)["status"] as? String == "failed")
            SudoUser.expectSudoRefused(try await user.home.export(plan), step: "run")
            let leaks = try await user.leaks(terminals: [run]) + SecretSearch.places(of: wrong, in: user.home, terminals: [run])
            #expect(leaks.isEmpty, "a password leaked into: \(leaks)")
        }

        @Test(
            .enabled(if: SudoUser.canCreate, "needs root, sudo, visudo, useradd/userdel/chpasswd/runuser"),
            .enabled(if: Machine.canInstallWithApt, "needs root, apt-get and a reachable Debian mirror"))
        func wrongPasswordFailsTheAptStepThenTheRightOneInstallsTree() async throws {
            let wasInstalled = Machine.isInstalled("tree")
            defer {
                // Put the machine back as it was.
                if wasInstalled { try? Machine.aptInstall("tree") } else { try? Machine.aptRemove("tree") }
            }
            try Machine.aptRemove("tree")
            try #require(!Machine.isInstalled("tree"), "could not remove tree before installing it")
            let user = try SudoUser.create()
            defer { user.remove() }

            let refused = try await user.evlog(
                ["install", "--yes", "--sudo-password-stdin", "--no-color", "--home", user.home.path, "tree"],
                input: .text("Wr0ng-" + user.password + "\n"))
            #expect(refused.exitCode == 1, "\(refused.stdout)")
            #expect(!Machine.isInstalled("tree"))
            let failedPlan = try #require(user.home.onlyPlan())
            let failedLog = try await user.home.export(failedPlan)
            let packagesStep = try #require(failedLog.stepKinds.first { $0.value == "packages" }?.key, "\(failedLog.stepKinds)")
            SudoUser.expectSudoRefused(failedLog, step: packagesStep)

            let installed = try await user.evlog(
                ["install", "--yes", "--sudo-password-stdin", "--no-color", "--home", user.home.path, "tree"],
                input: .text(user.password + "\n"))
            #expect(installed.exitCode == 0, "\(installed.stdout)")
            #expect(Machine.isInstalled("tree"), "dpkg does not show tree installed")
            let plan = try #require(user.home.planIDs.first { $0 != failedPlan })
            #expect(try await user.home.status(plan)["status"] as? String == "done")
            let log = try await user.home.export(plan)
            let sudoInstall = log.events("command_started").map(\.argv).filter { $0.first == "sudo" && $0.contains("install") }
            #expect(sudoInstall.count == 1, "apt-get install did not run through sudo once: \(sudoInstall)")
            for step in log.stepKinds.filter({ $0.value == "verify" }).map(\.key) {
                #expect(log.events("step_done", step: step).count == 1, "the verify step \(step) did not pass")
            }
            let leaks = try await user.leaks(terminals: [refused, installed])
            #expect(leaks.isEmpty, "the sudo password leaked into: \(leaks)")
        }
    }
}
