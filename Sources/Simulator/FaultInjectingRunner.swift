import InstallModel
import Orchestrator
import Synchronization

/// Wraps one step attempt's runner so that its first command (is-it-installed checks aside) meets the
/// step's `--fault`: it fails (with a recorded output of the fault's kind), hangs into the timeout, or is
/// killed halfway through its output. Every other command runs as usual.
///
/// The faulted command's output opens with one `evlog-simulator:` line naming the fault, so the log
/// says what was injected.
///
/// A `fail:checksum-mismatch` of a step that checks a digest is met where a real one is: the download
/// arrives, its digest is another than the one expected, so the step removes it and fails as it would
/// (a remedy's attempt then fetches it again: repro12 F4).
public final class FaultInjectingRunner: CommandRunner {
    private let base: any CommandRunner
    private let fault: StepFault
    private let sample: FailureSamples.Sample?
    private let checksDigest: Bool
    private let fired = Mutex(false)

    /// `sample` is the recorded output a `fail:KIND` fault plays; `checksDigest` says the step checks what it
    /// fetched against a digest (`sha256sum FILE`).
    public init(base: any CommandRunner, fault: StepFault, sample: FailureSamples.Sample?, checksDigest: Bool = false) {
        self.base = base
        self.fault = fault
        self.sample = sample
        self.checksDigest = checksDigest
    }

    public func run(_ command: CommandSpec, io: any StepIO) async -> CommandResult {
        let line = SimulatedRunner.commandLine(command.argv)
        let words = line.split(separator: " ").map(String.init)
        let digested = SyntheticRunner.checksummedFile(words)
        let waitsForDigest = checksDigest && fault.effect == .fail(.checksumMismatch) && digested == nil
        guard !waitsForDigest, !PackageManagerCommands.isInstalledCheck(words), fired.withLock({ fired in defer { fired = true }; return !fired }) else {
            return await base.run(command, io: io)
        }
        if checksDigest, fault.effect == .fail(.checksumMismatch), let digested {
            io.elapse(microseconds: 50_000)
            say(io, "`\(line)` finds another digest")
            io.emit(.stdout, Array("\(String(repeating: "0", count: 64))  \(digested)\n".utf8))
            return CommandResult(termination: .exited(0))
        }
        let budgetMicros = Int64(command.timeoutSeconds) * 1_000_000
        switch fault.effect {
        case .fail(nil):
            io.elapse(microseconds: 50_000)
            say(io, "`\(line)` fails")
            return CommandResult(termination: .exited(1))
        case .fail(.some):
            io.elapse(microseconds: 50_000)
            say(io, "`\(line)` prints the recorded failure Fixtures/failures/\(sample?.name ?? "?").out")
            io.emit(.stderr, Array((sample?.output ?? "").utf8))
            let code = sample?.exitCode ?? 1
            return CommandResult(termination: code == 127 ? .notFound : .exited(code == 0 ? 1 : code))
        case .hang:
            say(io, "`\(line)` never finishes")
            io.elapse(microseconds: budgetMicros)
            return CommandResult(termination: .timedOut)
        case .partial:
            let held = HeldOutput(forwardingTimeTo: io)
            _ = await base.run(command, io: held)
            say(io, "`\(line)` is killed halfway through its output")
            let bytes = held.bytes
            if !bytes.isEmpty { io.emit(.stdout, Array(bytes.prefix(max(1, bytes.count / 2)))) }
            return CommandResult(termination: .signaled(9))
        }
    }

    private func say(_ io: any StepIO, _ what: String) {
        io.emit(.stderr, Array("evlog-simulator: --fault \(fault): \(what)\n".utf8))
    }
}

/// Keeps (a bounded amount of) a command's output instead of passing it on, while its time still
/// passes on the step's clock.
private final class HeldOutput: StepIO {
    private let inner: any StepIO
    private let held = Mutex<[UInt8]>([])
    init(forwardingTimeTo inner: any StepIO) { self.inner = inner }
    func emit(_ stream: OutputChannel, _ bytes: [UInt8]) {
        held.withLock { buffer in buffer += bytes.prefix(max(0, CapturingIO.capturedBytesMax - buffer.count)) }
    }
    func elapse(microseconds: Int64) { inner.elapse(microseconds: microseconds) }
    func commandStarted(_ argv: [String], process: ProcessIdentity?) {}
    func commandFinished(_ result: CommandResult) {}
    func pause(microseconds: Int64) async { await inner.pause(microseconds: microseconds) }
    var bytes: [UInt8] { held.withLock { $0 } }
}
