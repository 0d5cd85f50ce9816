import EvlogKit
import ArgumentParser
import Catalog
import Foundation
import InstallModel
import Orchestrator

/// `evlog run -- <command…>`: record any command as a one-step plan, so diagnose and replay work on it;
/// exits with the command's own exit status.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run any command and record it as a one-step plan (like `script`, into an evlog).",
        discussion: """
            Exits with the command's own exit status (2 and 130 keep evlog's meaning when evlog itself
            could not run it or was interrupted). The command reads evlog's standard input: a pipe or a
            file as it is; a terminal is lent to it while it runs, so it reads the keyboard itself (an
            interactive command works, Ctrl-C goes to it). Nothing of the input is recorded.

            Examples:
              evlog run -- make -j4
              evlog run --timeout 60 -- ./configure --prefix=/usr/local
              printf '%s\\n' "$PW" | evlog run --sudo-password-stdin --as-root -- apt-get install -y jq
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var run: RunOptions

    @Option(help: "Stop the command (and everything it started) after this many seconds.")
    var timeout = 3600

    @Flag(help: "Run the command through sudo (when not root).")
    var asRoot = false

    @Argument(parsing: .postTerminator, help: "The command and its arguments, after `--`.")
    var command: [String] = []

    func validate() throws {
        if command.isEmpty { throw ValidationError("give the command after `--`, e.g. `evlog run -- make -j4`") }
        if timeout < 1 { throw ValidationError("--timeout must be at least 1 second, got \(timeout)") }
    }

    func run() async throws {
        let profile = ProfileDetector.detect()
        let id = PlanIdentity.freshPlanID()
        let step = Step(
            id: "run", label: "run: " + ShellQuoting.line(command),
            // The user's own command runs where they typed it (every planned step runs in `/`).
            action: .postInstall(CommandParameters(argv: command, workingDirectory: FileManager.default.currentDirectoryPath)),
            needsRoot: asRoot, idempotent: false,
            risk: asRoot ? .medium : .low, timeoutSeconds: timeout)
        let plan = Plan(id: id, tools: [], profile: profile, steps: [step], notes: [ChildEnvironment.recordedCommandNote])
        var execution = PlanExecution(global: global, run: self.run)
        execution.sudoPassword = try PlanExecution.sudoPassword(for: plan, settings: execution.settings)
        execution.passesStandardInput = true
        let outcome = try await execution.start(plan) { _ in true }
        // Like the command itself: its own exit status, when it ran to an end.
        if outcome.status == .done || outcome.status == .failed,
           let code = outcome.state.step(step.id)?.exitCode {
            if !global.json { Terminal.print("log: \(outcome.logPath)") }
            if code != 0 { throw ExitCode(code) }
            return
        }
        try Finish.exit(outcome, global: global)
    }
}
