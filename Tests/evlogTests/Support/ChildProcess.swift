import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished child did: its exit status (128 + signal when a signal ended it) and its output.
struct ChildOutcome {
    var exitCode: Int32
    /// The signal that ended the child, if one did.
    var signal: Int32?
    var stdout: String
    /// Empty when standard error was merged into `stdout`.
    var stderr: String
    var timedOut: Bool
    var elapsedSeconds: Double

    /// Both streams, for checks that only care whether something was printed at all.
    var allOutput: String { stdout + stderr }
    var stdoutLines: [String] { ChildOutcome.lines(stdout) }

    static func lines(_ text: String) -> [String] {
        // By UTF-16 units, not Characters: "\r\n" is one Character, and apt's output has it.
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// How a child's standard input is fed.
enum ChildInput {
    /// `/dev/null`: not a terminal, and reading it gives end of file at once.
    case none
    /// These bytes, then end of file.
    case text(String)
}

/// A child process started by a test; its output goes to files (no pipe can fill up and stall it).
final class ChildProcess {
    static let timeoutSecondsDefault: Double = 300

    let argv: [String]
    let process = Process()
    private let scratch: String
    private let mergeStandardError: Bool
    private let started = Date()

    var pid: Int32 { process.processIdentifier }

    /// Starts `argv` (an absolute path or a name on PATH) with `environment` (default: this process's).
    init(
        _ argv: [String], input: ChildInput = .none, environment: [String: String]? = nil,
        workingDirectory: String? = nil, mergeStandardError: Bool = false
    ) throws {
        precondition(!argv.isEmpty, "a child needs a program")
        self.argv = argv
        self.mergeStandardError = mergeStandardError
        scratch = try TemporaryDirectory.make(prefix: "evlog-child")
        let program = argv[0].hasPrefix("/") ? argv[0] : try ChildProcess.which(argv[0])
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(argv.dropFirst())
        if let environment { process.environment = environment }
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        for name in ["stdout", "stderr"] where !FileManager.default.createFile(atPath: scratch + "/" + name, contents: nil) {
            throw ChildProcessError.cannotCreate(scratch + "/" + name)
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/stdout"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/stderr"))
        process.standardOutput = out
        process.standardError = mergeStandardError ? out : err
        var feed: Pipe?
        switch input {
        case .none: process.standardInput = FileHandle.nullDevice
        case .text:
            let pipe = Pipe()
            process.standardInput = pipe
            feed = pipe
        }
        try process.run()
        try? out.close()
        try? err.close()
        if case .text(let text) = input, let feed {
            feed.fileHandleForWriting.write(Data(text.utf8))
            try? feed.fileHandleForWriting.close()
        }
    }

    /// Waits for the child to end, killing it (SIGKILL) after `timeoutSeconds`.
    ///
    /// Polls with `Task.sleep`, so a long install does not hold one of the few cooperative threads that
    /// every other test target's async tests (timing-sensitive ones among them) share in `swift test`.
    func wait(timeoutSeconds: Double = ChildProcess.timeoutSecondsDefault) async -> ChildOutcome {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return collect(deadline: deadline)
    }

    /// Waits like `wait`, blocking the thread: for short setup and cleanup commands only (`defer` cannot await).
    func waitBlocking(timeoutSeconds: Double = ChildProcess.timeoutSecondsDefault) -> ChildOutcome {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        return collect(deadline: deadline)
    }

    private func collect(deadline: Date) -> ChildOutcome {
        let timedOut = process.isRunning
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let signaled = process.terminationReason == .uncaughtSignal
        let status = process.terminationStatus
        let outcome = ChildOutcome(
            exitCode: signaled ? 128 + status : status, signal: signaled ? status : nil,
            stdout: read("stdout"), stderr: mergeStandardError ? "" : read("stderr"), timedOut: timedOut,
            elapsedSeconds: Date().timeIntervalSince(started))
        try? FileManager.default.removeItem(atPath: scratch)
        return outcome
    }

    /// What the child wrote to standard error so far (while it runs: a server's start-up lines).
    var standardErrorSoFar: String { read("stderr") }

    /// Sends `signal` to the child itself (not its process group), as a terminal's Ctrl-C would reach it.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    private func read(_ name: String) -> String {
        let data = FileManager.default.contents(atPath: scratch + "/" + name) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs `argv` to the end.
    static func run(
        _ argv: [String], input: ChildInput = .none, environment: [String: String]? = nil, workingDirectory: String? = nil,
        mergeStandardError: Bool = false, timeoutSeconds: Double = timeoutSecondsDefault
    ) async throws -> ChildOutcome {
        try await ChildProcess(
            argv, input: input, environment: environment, workingDirectory: workingDirectory,
            mergeStandardError: mergeStandardError
        ).wait(timeoutSeconds: timeoutSeconds)
    }

    /// Runs a short command to the end, blocking the thread (setup, cleanup, precondition probes).
    static func runBlocking(
        _ argv: [String], input: ChildInput = .none, environment: [String: String]? = nil,
        mergeStandardError: Bool = false, timeoutSeconds: Double = timeoutSecondsDefault
    ) throws -> ChildOutcome {
        try ChildProcess(argv, input: input, environment: environment, mergeStandardError: mergeStandardError)
            .waitBlocking(timeoutSeconds: timeoutSeconds)
    }

    /// Runs a setup or cleanup command and records an issue (with its output) when it fails.
    @discardableResult
    static func must(_ argv: [String], input: ChildInput = .none, environment: [String: String]? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> ChildOutcome {
        let outcome = try runBlocking(argv, input: input, environment: environment, mergeStandardError: true)
        if outcome.exitCode != 0 {
            Issue.record("`\(argv.joined(separator: " "))` exited with \(outcome.exitCode): \(outcome.stdout)", sourceLocation: sourceLocation)
        }
        return outcome
    }

    /// The absolute path of `name` on PATH.
    static func which(_ name: String) throws -> String {
        if let found = lookUp(name) { return found }
        throw ChildProcessError.programNotFound(name)
    }

    /// `name` on PATH, as evlog finds the programs it runs; then the sbin directories a non-root PATH often lacks
    /// (useradd, visudo). Never other places: a program absent from PATH (pipx, sudo) is absent for evlog too, and the
    /// test that needs it skips.
    static func lookUp(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        return directories.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

enum ChildProcessError: Error, CustomStringConvertible {
    case programNotFound(String)
    case cannotCreate(String)
    var description: String {
        switch self {
        case .programNotFound(let name): "\(name) is not on PATH"
        case .cannotCreate(let path): "cannot create \(path) for a child's output"
        }
    }
}

/// A directory under the system's temporary directory, for one test to remove when done.
enum TemporaryDirectory {
    static func make(prefix: String, mode: Int = 0o700) throws -> String {
        let path = NSTemporaryDirectory() + "/" + prefix + "-" + UUID().uuidString.prefix(12).lowercased()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
        return (path as NSString).standardizingPath
    }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }
}
