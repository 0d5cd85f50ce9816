import ArgumentParser
import EventLog
import Foundation
import InstallModel
import Orchestrator
import Rendering

/// `evlog replay <plan>`: re-render a past run exactly as it looked live, with its timing, or jump in time.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Re-render a past (or running) plan exactly as it looked live.",
        discussion: """
            Examples:
              evlog replay p-3f2a9c01b7de --instant
              evlog replay p-3f2a9c01b7de --speed 4       four times as fast as it happened
              evlog replay p-3f2a9c01b7de --at 120        the state after event 120
              evlog replay p-3f2a9c01b7de --at verify-rg  the state when that step ended
              evlog replay p-3f2a9c01b7de --follow        watch a running plan from another terminal
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Plan id or path to its .evlog file.", completion: .custom(PlanCompletion.planIDs))
    var plan: String

    @Flag(help: "No pauses between events.")
    var instant = false

    @Option(help: "Replay this many times faster than the original (default 1).")
    var speed: Double?

    @Option(help: "Show the state at an event number or when a step ended, instead of replaying.")
    var at: String?

    @Flag(help: "Keep printing events as a running plan appends them.")
    var follow = false

    /// The longest pause a replay makes, whatever the original gap (a step that waited an hour).
    static let pauseMax: Duration = .seconds(2)

    func validate() throws {
        if let speed, speed <= 0 { throw ValidationError("--speed must be positive, got \(speed)") }
        if instant && speed != nil { throw ValidationError("--instant and --speed exclude each other") }
    }

    func run() async throws {
        let path = try ArchiveAccess.resolve(plan, archive: PlanArchive(home: global.homeDirectory))
        if let at { return try showState(at: at, path: path) }
        let renderer = global.makeRenderer()
        if follow { return try await followLog(path, renderer: renderer) }
        let contents = try ArchiveAccess.contents(plan, home: global.homeDirectory)
        var previous: Timestamp?
        for event in contents.events {
            try await pause(from: previous, to: event.time)
            previous = event.time
            Terminal.write(renderer.render(event))
        }
        Terminal.write(renderer.finish())
        if let damage = contents.damage {
            Terminal.print("evlog: the log is \(damage.summary): \(damage.reason); replayed the \(contents.events.count) events before it", to: STDERR_FILENO)
        }
    }

    private func pause(from previous: Timestamp?, to next: Timestamp) async throws {
        guard !instant, let previous else { return }
        // Clamped as a Double first: a tiny --speed makes the gap too large for any integer.
        let gapMicros = min(Double(next.microseconds(since: previous)) / (speed ?? 1), Double(ReplayCommand.pauseMax / .microseconds(1)))
        guard gapMicros > 1000 else { return }
        try await Task.sleep(for: .microseconds(Int64(gapMicros)))
    }

    private func showState(at target: String, path: String) throws {
        let events = try PlanArchive.readEvents(path).events
        let state: PlanState
        do {
            state = try TimeTravel.state(events, at: target)
        } catch {
            throw UserFacingError(error.description)
        }
        guard let planValue = state.plan else { throw UserFacingError("no plan at that point of the log") }
        let row = PlanRow(id: planValue.id, state: state, live: true)
        Terminal.print(global.json ? try JSONText.encode(StatusReport.json(row)) : StatusReport.text(row, style: TextStyle(colored: global.useColor)))
    }

    /// Prints events as they are appended, until no process writes the log and its end is reached.
    private func followLog(_ path: String, renderer: any Renderer) async throws {
        let reader = try LogReader(path: path)
        while true {
            guard let record = try reader.next(timeout: .milliseconds(500)) else {
                if let damage = reader.damage, !damage.isTornTail {
                    throw UserFacingError("the log is damaged at byte \(damage.offset): \(damage.reason)", code: .planFailed)
                }
                if PlanArchive.writerPID(path) == nil { break }
                continue
            }
            guard let event = try? EventPayload.decode(record.payload) else { continue }
            Terminal.write(renderer.render(event))
        }
        Terminal.write(renderer.finish())
    }
}
