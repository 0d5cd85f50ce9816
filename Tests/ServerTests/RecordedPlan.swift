import EventLog
import Foundation
import InstallModel
import Orchestrator
import Sealing

/// A home with one plan recorded the way a run records it (EventRecorder into a LogWriter), with
/// seeded output: lines of ASCII, ANSI colour, `\r` progress and markup-looking text, cut into chunks
/// at arbitrary places. The recorder can stay open (a running plan) and record more.
final class RecordedPlan {
    let home: String
    let id = PlanID("p-serve0000001")
    let step = StepID("install-tool")
    let recorder: EventRecorder
    /// Every output line recorded, as written (before any rendering), in order.
    private(set) var lines: [String] = []
    private var generator: SplitMix64

    struct Clock: EventClock {
        func now() -> Timestamp { Timestamp(microseconds: 1_767_225_600_000_000) }
    }

    /// With `key`, the log is sealed as a host with that key seals it (`SealingEventStore`).
    init(seed: UInt64, blockBytes: Int = LogWriterOptions.blockBytesTargetDefault, key: HostKey? = nil) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-serve-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/plans", withIntermediateDirectories: true)
        generator = SplitMix64(seed: seed)
        let plan = Self.plan(id, step)
        let writer = try LogWriter.open(
            path: PlanArchive(home: home).logPath(for: id), label: id.rawValue, creator: PlanArchive.creator, createdAtMicros: 1,
            options: LogWriterOptions(blockBytesTarget: blockBytes))
        let store: any EventStore = if let key { try SealingEventStore.forLog(writer, key: key) } else { LogEventStore(writer: writer) }
        recorder = EventRecorder(store: store, clock: Clock())
        try recorder.record(.planCreated(plan))
        try recorder.record(.planStarted)
        try recorder.record(.stepStarted(step: step, attempt: 1, command: ["true"]))
    }

    /// A plan whose step `step` installs a tool, with steps `others` beside it.
    static func plan(_ id: PlanID, _ step: StepID, others: [StepID] = []) -> Plan {
        let profile = SystemProfile(
            name: "test", osFamily: "debian", distribution: "debian", version: "12", arch: "x86_64", initSystem: .none,
            packageManagers: [.apt], isRoot: true, hasSudo: false, inContainer: true, externallyManagedPython: true)
        return Plan(id: id, tools: ["tool"], profile: profile, steps: [
            Step(id: step, label: "install tool", action: .postInstall(CommandParameters(argv: ["true"]))),
        ] + others.map { Step(id: $0, label: "also \($0.rawValue)", action: .postInstall(CommandParameters(argv: ["true"]))) })
    }

    /// Records `count` more lines of output, in chunks cut at seeded places (anywhere, or only after a newline).
    func recordOutput(lines count: Int, cutAnywhere: Bool = true) throws {
        var bytes: [UInt8] = []
        for _ in 0..<count {
            let number = lines.count
            let text: String
            switch generator.next() % 4 {
            case 0: text = "line \(number) <b>&amp;</b>"
            case 1: text = "\u{1b}[32mline \(number)\u{1b}[0m ok"
            case 2: text = "progress 10%\rline \(number) done"
            default: text = "line \(number) " + String(repeating: "x", count: Int(generator.next() % 200))
            }
            lines.append(text)
            bytes += Array((text + "\n").utf8)
        }
        var start = 0
        while start < bytes.count {
            var end = min(bytes.count, start + 1 + Int(generator.next() % 4096))
            if !cutAnywhere { end = (bytes[end...].firstIndex(of: UInt8(ascii: "\n")) ?? (bytes.count - 1)) + 1 }
            try recorder.record(.outputChunk(step: step, stream: .stdout, data: Array(bytes[start..<end]), redacted: false))
            start = end
        }
    }

    /// A finished plan of `lines` seeded lines of output.
    static func finished(seed: UInt64, lines: Int) throws -> RecordedPlan {
        let recorded = try RecordedPlan(seed: seed)
        try recorded.recordOutput(lines: lines)
        try recorded.finish()
        return recorded
    }

    /// Records `text` as output chunks of 1 to `chunkMax` bytes, cut at places `generator` picks.
    func recordCut(_ text: [UInt8], chunkMax: Int, _ generator: inout SplitMix64) throws {
        var start = 0
        while start < text.count {
            let end = min(text.count, start + 1 + Int(generator.next() % UInt64(chunkMax)))
            try recorder.record(.outputChunk(step: step, stream: .stdout, data: Array(text[start..<end]), redacted: false))
            start = end
        }
    }

    /// Ends the plan and closes the log (the writer's lock goes with it).
    func finish() throws {
        try recorder.record(.stepDone(step: step, exitCode: 0, durationMicros: 5, note: nil))
        try recorder.record(.planDone)
        try recorder.close()
    }

    /// Ends the plan with its step failed: it installed nothing, so its log is no install record (`InstallRecords`)
    /// and the page's remove removes it.
    func fail() throws {
        try recorder.record(.stepFailed(step: step, cause: FailureCause(message: "exit 1"), durationMicros: 5))
        try recorder.record(.planFailed(reason: "\(step.rawValue) failed"))
        try recorder.close()
    }

    var log: PlanLog { PlanLog(path: PlanArchive(home: home).logPath(for: id)) }

    deinit { try? FileManager.default.removeItem(atPath: home) }
}
