import Foundation
import InstallModel
import Orchestrator
import Rendering
import Testing

/// Whatever event carries a secret — a step label, argv, a notification's text, a failure reason, the
/// analysis evidence, a remediation's command, output split over chunks — the recorder's
/// `SecretPolicy` removes it before the store or the live renderer sees it, so no export has it.
struct SecretExportTests {
    static let secret = "Tr0ub4dor-s3cr3t-XyZ"
    static let argvSecret = "ArgvOnlyS3cret-77"
    static let clock = FixedClock()

    struct FixedClock: EventClock {
        func now() -> Timestamp { Timestamp(microseconds: 1_767_225_600_000_000) }
    }

    final class TerminalObserver: EventObserver {
        let renderer = TerminalRenderer(style: TextStyle(colored: false), columns: 200)
        var bytes: [UInt8] = []
        func observe(_ event: Event, state: PlanState) { bytes += renderer.render(event) }
    }

    static var profile: SystemProfile {
        SystemProfile(
            name: "test", osFamily: "debian", distribution: "debian", version: "12", arch: "x86_64", initSystem: .none,
            packageManagers: [.apt], isRoot: true, hasSudo: false, inContainer: true, externallyManagedPython: true)
    }

    /// Records one failing step's life with the secret in every field a user or a tool could put it.
    static func record(into store: MemoryEventStore, observer: TerminalObserver) throws {
        let recorder = EventRecorder(store: store, clock: clock, policy: SecretPolicy(secrets: [secret]))
        recorder.addObserver(observer)
        let login = Step(
            id: "login", label: "log in with \(secret)",
            action: .postInstall(CommandParameters(argv: ["mysql", "--password", argvSecret, "-e", "select 1"])))
        let notice = Step(
            id: "notice", label: "tell", action: .notification(NotificationParameters(message: "your password is \(secret)")),
            dependsOn: ["login"])
        try recorder.record(.planCreated(Plan(id: PlanID("p-secrets"), tools: [], profile: profile, steps: [login, notice])))
        try recorder.record(.planStarted)
        try recorder.record(.stepStarted(step: "login", attempt: 1, command: ["mysql", "--password", argvSecret]))
        try recorder.record(.commandStarted(step: "login", argv: ["mysql", "--password", argvSecret]))
        // The password printed in two writes, the second half in a later chunk.
        try recorder.record(.outputChunk(step: "login", stream: .stderr, data: Array("denied for Tr0ub4d".utf8), redacted: false))
        try recorder.record(.outputChunk(step: "login", stream: .stderr, data: Array("or-s3cr3t-XyZ\n".utf8), redacted: false))
        try recorder.record(.commandFinished(step: "login", exitCode: 1))
        try recorder.record(.stepFailed(step: "login", cause: FailureCause(exitCode: 1, message: "mysql -p\(secret) exited with 1"), durationMicros: 5))
        let fix = Step(id: "fix", label: "retry", action: .postInstall(CommandParameters(argv: ["mysql", "--password=" + argvSecret])))
        try recorder.record(.failureAnalysed(step: "login", diagnosis: Diagnosis(
            kind: .unknown, confidence: 0.5, evidence: ["denied for \(secret)"],
            remediations: [Remediation(id: "again", strategy: .retry, summary: "run with \(secret)", steps: [fix])])))
        try recorder.record(.remediationProposed(
            step: "login", remediations: [Remediation(id: "again", strategy: .retry, summary: "use \(secret)", steps: [fix])], chainDepth: 0))
        try recorder.record(.planPaused(reason: .acknowledgementRequired, step: "notice", message: "your password is \(secret)"))
        try recorder.record(.planFailed(reason: "login failed with \(secret)"))
        try recorder.close()
    }

    @Test func noExportOrRendererSeesASecretOfAnyEvent() throws {
        let store = MemoryEventStore()
        let observer = TerminalObserver()
        try SecretExportTests.record(into: store, observer: observer)
        let events = try store.events()
        let timeline = RunTimeline(events: events)
        let channels: [(String, [UInt8])] = [
            ("stored records", store.records.flatMap { $0 }),
            ("live terminal", observer.bytes),
            ("jsonl", Array(try events.map { try EventJSON.line($0) }.joined(separator: "\n").utf8)),
            ("trace", Array(try TraceExport.json(timeline).utf8)),
            ("html", Array(HTMLReport.html(timeline).utf8)),
        ]
        for (name, bytes) in channels {
            let text = String(decoding: bytes, as: UTF8.self)
            for needle in [SecretExportTests.secret, "Tr0ub4d", "or-s3cr3t-XyZ", SecretExportTests.argvSecret] {
                #expect(!text.contains(needle), "\(name) holds «\(needle)»")
            }
        }
        // What was redacted is still there in shape: the argv keeps its option, the output its marker.
        let jsonl = channels[2].1
        #expect(String(decoding: jsonl, as: UTF8.self).contains(#""--password","[redacted]""#))
        #expect(events.contains { if case .outputChunk(_, _, _, true) = $0.body { true } else { false } })
    }
}
