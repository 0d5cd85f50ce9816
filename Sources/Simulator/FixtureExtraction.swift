import InstallModel

/// Turns the commands recorded in a log into fixtures, so its plan can be re-run offline (`reproduce`).
///
/// Each `command_started` … `command_finished` pair of a step becomes one response of the fixture keyed
/// by that command line; its output chunks keep their delays. A command run several times gets one
/// response per run, in order, which is exactly how the simulated runner plays them back.
public enum FixtureExtraction {
    public static func fixtures(from events: [Event], source: String) -> [Fixture] {
        /// A command that has started and not finished yet, with the output it printed so far.
        struct Open {
            var line: String
            var startedAt: Timestamp
            var lastAt: Timestamp
            var chunks: [Fixture.Chunk]
        }
        var open: [StepID: Open] = [:]
        var order: [String] = []
        var responses: [String: [Fixture.Response]] = [:]
        for event in events {
            switch event.body {
            case .commandStarted(let step, let argv, _):
                open[step] = Open(line: SimulatedRunner.commandLine(argv), startedAt: event.time, lastAt: event.time, chunks: [])
            case .outputChunk(let step, let stream, let data, _):
                guard var command = open[step] else { continue }
                let delay = Int(event.time.microseconds(since: command.lastAt) / 1000)
                command.chunks.append(Fixture.Chunk(delayMilliseconds: delay, stream: stream, text: String(decoding: data, as: UTF8.self)))
                command.lastAt = event.time
                open[step] = command
            case .commandFinished(let step, let exitCode):
                guard let command = open.removeValue(forKey: step) else { continue }
                let tail = Int(event.time.microseconds(since: command.lastAt) / 1000)
                if responses[command.line] == nil { order.append(command.line) }
                responses[command.line, default: []].append(
                    Fixture.Response(exitCode: exitCode, chunks: command.chunks, tailMilliseconds: tail))
            default:
                continue
            }
        }
        return order.map { Fixture(source: source, command: $0, responses: responses[$0] ?? []) }
    }

    /// What must match between an original run and its reproduction: every event's type and step, exit
    /// codes, commands, and each step's output — not ids, times or how output was cut into chunks.
    public static func signature(of events: [Event]) -> [String] {
        var lines: [String] = []
        var output: [StepID: [UInt8]] = [:]
        func flush(_ step: StepID) {
            if let bytes = output.removeValue(forKey: step), !bytes.isEmpty {
                lines.append("output \(step) \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        for event in events {
            switch event.body {
            case .outputChunk(let step, _, let data, _):
                output[step, default: []] += data
            case .checkpoint, .planCreated, .unknown:
                // Unknown events (seals, a bundle's info, a newer writer's) say nothing about what ran.
                continue
            case .commandStarted(let step, let argv, _):
                flush(step)
                lines.append("command \(step) \(SimulatedRunner.commandLine(argv))")
            case .commandFinished(let step, let exitCode):
                flush(step)
                lines.append("exit \(step) \(exitCode)")
            case .stepDone(let step, let exitCode, _, let note):
                flush(step)
                lines.append("done \(step) \(exitCode) \(note ?? "")")
            case .stepFailed(let step, let cause, _):
                flush(step)
                lines.append("failed \(step) \(cause.exitCode.map(String.init) ?? "-") \(cause.summary)")
            default:
                if let step = event.stepID { flush(step) }
                lines.append(event.body.typeName + (event.stepID.map { " " + $0.rawValue } ?? ""))
            }
        }
        for step in output.keys.sorted() { flush(step) }
        return lines
    }
}
