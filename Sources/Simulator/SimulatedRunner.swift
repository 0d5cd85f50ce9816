import InstallModel
import Orchestrator
import Synchronization

/// A `CommandRunner` that plays recorded outputs on the step's virtual clock instead of running anything.
///
/// The command line is looked up in the fixture set (after dropping evlog's own `sudo` / `env` prefix);
/// the n-th invocation of a command gets the fixture's n-th response (the last one repeats). A batch of
/// packages with no recording of its own plays its packages' recordings in order (`composition(for:)`);
/// failing that, a documented output that stands in for such commands plays, saying so (`standIn(for:)`).
/// Faults replace a command's first matching invocation. A command with no fixture is not run
/// (`.notRun`): the step fails naming the command, the set, and how to record it.
public final class SimulatedRunner: CommandRunner {
    private let fixtures: FixtureSet
    private let faults: [SimulationFault]
    private let invocations = Mutex<[String: Int]>([:])
    private let usedFaults = Mutex<Set<Int>>([])
    /// Command lines that have run successfully on the simulated system: its state, for `after` responses.
    private let succeeded: Mutex<Set<String>>

    /// `succeeded` seeds the system's state with what earlier runs did (`commandsThatSucceeded(in:)`).
    public init(fixtures: FixtureSet, faults: [SimulationFault] = [], succeeded: Set<String> = []) {
        self.fixtures = fixtures
        self.faults = faults
        self.succeeded = Mutex(succeeded)
    }

    public func run(_ command: CommandSpec, io: any StepIO) async -> CommandResult {
        let line = SimulatedRunner.commandLine(command.argv)
        let budgetMicros = Int64(command.timeoutSeconds) * 1_000_000
        if let fault = takeFault(for: line) {
            return play(fault.response(timeoutSeconds: command.timeoutSeconds), budgetMicros: budgetMicros, io: io).result
        }
        let result: CommandResult
        if let fixture = fixtures.fixture(for: line) {
            result = play(nextResponse(of: fixture), budgetMicros: budgetMicros, io: io).result
        } else if let parts = fixtures.composition(for: line) {
            result = playComposed(parts, budgetMicros: budgetMicros, io: io)
        } else if let standIn = fixtures.standIn(for: line) {
            let note = "evlog-simulator: no recording of this command; playing the documented output of "
                + "`\(standIn.command)` in its place (it stands in for `\(standIn.standsInFor ?? "")`)\n"
            io.emit(.stderr, Array(note.utf8))
            result = play(nextResponse(of: standIn), budgetMicros: budgetMicros, io: io).result
        } else {
            let reason = SimulatedRunner.missingRecording(line, set: fixtures.name)
            io.emit(.stderr, Array("evlog-simulator: \(reason)\n".utf8))
            return CommandResult(termination: .notRun(reason: reason))
        }
        if result.succeeded { _ = succeeded.withLock { $0.insert(line) } }
        return result
    }

    /// What a step says when its command has no recording: the set lacks it, which says nothing about the
    /// program on any host (so not `command-not-found`), and how to get one.
    private static func missingRecording(_ line: String, set name: String) -> String {
        "no recorded output for `\(line)` in fixture set \(name) (record it with Tools/record-fixture, or use --simulate=synthetic)"
    }

    /// The fixture's response for this invocation: the last one whose `after` command has succeeded;
    /// otherwise the n-th call gets the n-th unconditional response, the last one repeating.
    private func nextResponse(of fixture: Fixture) -> Fixture.Response {
        let state = succeeded.withLock { $0 }
        if let fixed = fixture.responses.last(where: { $0.after.map(state.contains) ?? false }) { return fixed }
        let unconditional = fixture.responses.filter { $0.after == nil }
        guard !unconditional.isEmpty else { return fixture.responses[0] }
        let index = invocations.withLock { counts -> Int in
            let count = counts[fixture.command, default: 0]
            counts[fixture.command] = count + 1
            return count
        }
        return unconditional[min(index, unconditional.count - 1)]
    }

    /// The command lines a log's events show finishing with exit 0: the simulated system's state so far.
    public static func commandsThatSucceeded(in events: some Sequence<Event>) -> Set<String> {
        var open: [StepID: String] = [:]
        var done: Set<String> = []
        for event in events {
            switch event.body {
            case .commandStarted(let step, let argv, _): open[step] = commandLine(argv)
            case .commandFinished(let step, let exitCode, _, _):
                if let line = open.removeValue(forKey: step), exitCode == 0 { done.insert(line) }
            default: continue
            }
        }
        return done
    }

    /// Plays the recordings of a batch's parts one after another under the one command, after a line
    /// saying which recordings, in which order; stops at the first part that fails, as the batch would.
    private func playComposed(_ parts: [Fixture], budgetMicros: Int64, io: any StepIO) -> CommandResult {
        let names = parts.map { "`\($0.command)`" }.joined(separator: ", ")
        io.emit(.stderr, Array("evlog-simulator: no recording of this batch; output composed from \(parts.count) recordings, in this order: \(names)\n".utf8))
        var remainingMicros = budgetMicros
        var last = CommandResult(termination: .exited(0))
        for part in parts {
            let (result, elapsedMicros) = play(nextResponse(of: part), budgetMicros: remainingMicros, io: io)
            remainingMicros -= elapsedMicros
            last = result
            if !result.succeeded { break }
        }
        return last
    }

    private func play(_ response: Fixture.Response, budgetMicros: Int64, io: any StepIO) -> (result: CommandResult, elapsedMicros: Int64) {
        var elapsedMicros: Int64 = 0
        for chunk in response.chunks {
            let delay = Int64(chunk.delayMilliseconds) * 1000
            if elapsedMicros + delay > budgetMicros {
                io.elapse(microseconds: budgetMicros - elapsedMicros)
                return (CommandResult(termination: .timedOut), budgetMicros)
            }
            elapsedMicros += delay
            io.elapse(microseconds: delay)
            io.emit(chunk.stream, Array(chunk.text.utf8))
        }
        let tail = Int64(response.tailMilliseconds) * 1000
        if elapsedMicros + tail > budgetMicros {
            io.elapse(microseconds: budgetMicros - elapsedMicros)
            return (CommandResult(termination: .timedOut), budgetMicros)
        }
        io.elapse(microseconds: tail)
        return (CommandResult(termination: response.exitCode == 127 ? .notFound : .exited(response.exitCode)), elapsedMicros + tail)
    }

    private func takeFault(for line: String) -> SimulationFault? {
        usedFaults.withLock { used in
            for (index, fault) in faults.enumerated() where !used.contains(index) && fault.matches(line) {
                used.insert(index)
                return fault
            }
            return nil
        }
    }

    /// The command line a fixture is keyed by: argv joined by spaces, without evlog's sudo/env prefix.
    public static func commandLine(_ argv: [String]) -> String { command(argv).joined(separator: " ") }

    /// argv without evlog's `sudo … --` and `env NAME=value …` prefix: the program and its arguments.
    public static func command(_ argv: [String]) -> ArraySlice<String> {
        var words = argv[...]
        if words.first == "sudo", let separator = words.firstIndex(of: "--") { words = words[(separator + 1)...] }
        if words.first == "env" {
            words = words.dropFirst()
            while let first = words.first, first.contains("="), !first.hasPrefix("-") { words = words.dropFirst() }
        }
        return words
    }
}
