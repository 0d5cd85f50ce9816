#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import InstallModel
import PathSafety
import Subprocess
import Synchronization
import SystemPackage

/// Runs real commands with swift-subprocess: output streamed as it arrives, stdout and stderr in the
/// order they were written (see `OrderedOutputReader` for the limit), own process group,
/// explicit environment, timeout and cancellation end the whole process tree; with a launcher, the
/// command is also killed when evlog dies (see `ParentDeathLauncher`).
public struct SubprocessRunner: CommandRunner {
    /// After SIGTERM to the group, how long the tree gets before SIGKILL.
    public static let terminateGraceSeconds = 2
    /// Starts each command bound to this process's life; nil starts it directly.
    public let launcher: ParentDeathLauncher?
    /// Commands with no input of their own read evlog's standard input (`evlog run`, like `script`): a
    /// pipe or a file as it is; a terminal in evlog's foreground is lent to the command while it runs
    /// (`ForegroundTerminal`), so it reads the keyboard itself. Otherwise their input is empty. Nothing of
    /// it is recorded.
    public let passesStandardInput: Bool
    /// Whether that standard input is a terminal lent to each command.
    private let lendsTerminal: Bool

    public init(launcher: ParentDeathLauncher? = nil, passesStandardInput: Bool = false) {
        self.launcher = launcher
        self.lendsTerminal = passesStandardInput && ForegroundTerminal.isLendable
        self.passesStandardInput = passesStandardInput && (isatty(STDIN_FILENO) == 0 || lendsTerminal)
    }

    public var reportsLaunch: Bool { true }

    /// Where a command with no working directory of its own runs: `/`, as the probes do (trust19 #10) — never
    /// the caller's directory, whose project files (`rust-toolchain.toml`, `.mvn/jvm.config`, a `./pip` package
    /// that `python -m pip` imports) would pick what runs. A step that needs a directory names it (`evlog run`
    /// records the caller's, a build its work directory).
    public static let defaultWorkingDirectory = "/"

    public func run(_ command: CommandSpec, io: any StepIO) async -> CommandResult {
        guard let program = command.argv.first else { return CommandResult(termination: .notFound) }
        let directory = command.workingDirectory ?? Self.defaultWorkingDirectory
        let searched = command.environment["PATH"] ?? "/usr/bin:/bin"
        guard let executable = Self.resolve(program, path: searched, in: directory) else {
            // There but not executable: a shell's "Permission denied" (126), not a program to install (repro20 #4).
            if let found = ProgramSearch.notExecutable(program, path: searched, in: directory) {
                io.emit(.stderr, Array("evlog: \(program): \(found) is there but not executable (no x in its mode, or its file system is mounted noexec)\n".utf8))
                return CommandResult(termination: .notExecutable)
            }
            io.emit(.stderr, Array("evlog: \(program): command not found\n".utf8))
            return CommandResult(termination: .notFound)
        }
        var options = PlatformOptions()
        options.processGroupID = 0
        // On cancellation swift-subprocess would SIGKILL the process it started at once: that is the
        // launcher, which must live to end what left the group. Like endProcessGroup: SIGTERM to the
        // group, SIGKILL after the grace period.
        options.teardownSequence = [
            .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .seconds(Self.terminateGraceSeconds))
        ]
        let tracking = RunTracking()
        // As root the child searches only the PATH entries its program was found on (`ProgramSearch.childPath`).
        var variables = command.environment
        if let path = variables["PATH"] { variables["PATH"] = ProgramSearch.childPath(path) }
        let environment = Environment.custom(
            Dictionary(uniqueKeysWithValues: variables.map { (Environment.Key(stringLiteral: $0.key), $0.value) }))
        let arguments = Array(command.argv.dropFirst())
        let spawned = launcher?.wrapping(executable: executable, arguments: arguments) ?? (executable: executable, arguments: arguments)
        do {
            let output = try OrderedOutputReader()
            // Started before the spawn: if the spawn fails, the write ends close and the reader ends.
            let chunks = output.chunks()
            /// Spawns the command with `input` as its standard input and streams its output until it ends.
            func launch<Input: InputProtocol>(_ input: Input) async throws -> TerminationStatus {
                try await withTaskCancellationHandler {
                    try await Subprocess.run(
                        .path(FilePath(spawned.executable)), arguments: Arguments(spawned.arguments),
                        environment: environment,
                        workingDirectory: FilePath(directory),
                        platformOptions: options, input: input,
                        output: .fileDescriptor(output.stdoutWriteEnd, closeAfterSpawningProcess: true),
                        error: .fileDescriptor(output.stderrWriteEnd, closeAfterSpawningProcess: true)
                    ) { execution in
                        let pid = execution.processIdentifier.value
                        tracking.processGroup.withLock { $0 = pid }
                        if lendsTerminal, command.standardInput == nil { ForegroundTerminal.lend(to: pid) }
                        io.commandLaunched(ProcessTable.identity(of: pid))
                        // The timeout runs on a Dispatch timer, not the cooperative pool, so it fires on
                        // time even when busy tasks hold every pool thread.
                        let watchdog = DispatchWorkItem {
                            tracking.timedOut.withLock { $0 = true }
                            Self.endProcessGroup(pid)
                        }
                        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(command.timeoutSeconds), execute: watchdog)
                        defer { watchdog.cancel() }
                        for await chunk in chunks {
                            io.emit(chunk.channel, chunk.bytes)
                            await io.waitForRoom()
                            output.consumed(chunk)
                        }
                    }
                } onCancel: {
                    if let pid = tracking.processGroup.withLock({ $0 }) { Self.endProcessGroup(pid) }
                }.terminationStatus
            }
            let status = if command.standardInput == nil, passesStandardInput {
                try await Self.takingTerminalBack(if: lendsTerminal) { try await launch(FileDescriptorInput.currentStandardInput) }
            } else {
                try await launch(ArrayInput.array(command.standardInput ?? []))
            }
            let termination: CommandTermination
            if Task.isCancelled {
                termination = .cancelled
            } else if tracking.timedOut.withLock({ $0 }) {
                termination = .timedOut
            } else {
                switch status {
                case .exited(let code): termination = .exited(Int32(code))
                case .signaled(let signal): termination = .signaled(Int32(signal))
                }
            }
            return CommandResult(termination: termination, outputOrder: output.orderLost)
        } catch {
            if Task.isCancelled { return CommandResult(termination: .cancelled) }
            io.emit(.stderr, Array("evlog: could not run \(program): \(error)\n".utf8))
            return CommandResult(termination: .exited(126))
        }
    }

    /// Runs `body`, then takes back the terminal it may have lent, however it ended.
    private static func takingTerminalBack<T>(if lent: Bool, _ body: () async throws -> T) async rethrows -> T {
        defer { if lent { ForegroundTerminal.takeBack() } }
        return try await body()
    }

    /// SIGTERM to the child's process group now, SIGKILL after the grace period (on a Dispatch timer).
    static func endProcessGroup(_ pid: pid_t) {
        _ = kill(-pid, SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(terminateGraceSeconds)) {
            _ = kill(-pid, SIGKILL)
        }
    }

    /// Finds a program on `path` the way a shell in `directory`, where the command runs, does (`ProgramSearch`: as root,
    /// only PATH entries root alone can change): a name with a slash is taken as a path, and a relative one
    /// (`./configure`, `bin/x`, or a relative PATH entry) is taken from `directory`, never from evlog's own directory
    /// (review15 R3: a resume from elsewhere ran the caller's `./x`). The answer is absolute, so the command runs the
    /// file found.
    public static func resolve(_ program: String, path: String, in directory: String) -> String? {
        ProgramSearch.find(program, path: path, in: directory)
    }
}

/// What a running command's watchdog and cancellation handler share.
private final class RunTracking: Sendable {
    let timedOut = Mutex(false)
    let processGroup = Mutex<pid_t?>(nil)
}
