import EvlogKit
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

    @OptionGroup var selection: PlanSelection

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

    @OptionGroup var keys: ReaderKeyOptions

    func run() async throws {
        let log = try global.planLog(selection.plan)
        log.warnIfSealsFail(keys: try keys.trusted())
        if let at { return try showState(at: at, log: log) }
        let renderer = global.makeRenderer()
        if follow { return try followLog(log, renderer: renderer) }
        let stream = try log.readableEvents()
        var out = BatchedOutput()
        var previous: Timestamp?
        for event in stream {
            if let wait = pause(from: previous, to: event.time) {
                out.flush()
                try await Task.sleep(for: wait)
            }
            previous = event.time
            out.append(renderer.render(event))
        }
        out.append(renderer.finish())
        out.flush()
        if let reason = stream.stopReason { Terminal.print("evlog: \(reason)", to: STDERR_FILENO) }
    }

    /// How long to wait before drawing an event, or nil for no wait.
    private func pause(from previous: Timestamp?, to next: Timestamp) -> Duration? {
        guard !instant, let previous else { return nil }
        // Clamped as a Double first: a tiny --speed makes the gap too large for any integer.
        let gapMicros = min(Double(next.microseconds(since: previous)) / (speed ?? 1), Double(ReplayCommand.pauseMax / .microseconds(1)))
        guard gapMicros > 1000 else { return nil }
        return .microseconds(Int64(gapMicros))
    }

    /// The status view at a point of the log, folded from the nearest checkpoint before it.
    private func showState(at target: String, log: PlanLog) throws {
        let state: PlanState
        do {
            let events = try TimeTravel.sequence(of: target).map { try log.eventsFromCheckpoint(atOrBefore: $0) } ?? log.events()
            state = try TimeTravel.state(events, at: target)
        } catch let miss as TimeTravel.Miss {
            throw UserFacingError(miss.description)
        } catch let error as PlanLogError {
            throw UserFacingError(error.description)
        }
        guard let planValue = state.plan else { throw UserFacingError("no plan at that point of the log") }
        let row = PlanRow(id: planValue.id, state: state, live: true)
        Terminal.print(global.json ? try JSONText.encode(StatusReport.json(row)) : StatusReport.text(row, style: global.textStyle))
    }

    /// Prints events as they are appended, until no process writes the log and its end is reached.
    private func followLog(_ log: PlanLog, renderer: any Renderer) throws {
        let stream = try log.readableEvents()
        while true {
            guard let event = stream.next(waitingUpTo: .milliseconds(500)) else {
                if let damage = stream.damage, !damage.isTornTail {
                    throw UserFacingError("the log is damaged at byte \(damage.offset): \(damage.reason)", code: .planFailed)
                }
                if let reason = stream.stopReason, stream.readError != nil { throw UserFacingError(reason, code: .planFailed) }
                if !log.writer.isRunning { break }
                continue
            }
            Terminal.write(renderer.render(event))
        }
        Terminal.write(renderer.finish())
    }
}
