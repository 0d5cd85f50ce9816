import EventLog
import InstallModel
import Orchestrator
import Testing

private struct FixedClock: EventClock {
    func now() -> Timestamp { Timestamp(microseconds: 1_000) }
}

private func plan(label: String) -> Plan {
    let profile = SystemProfile(
        name: "test", osFamily: "debian", distribution: "debian", version: "12", arch: "x86_64", initSystem: .none,
        packageManagers: [.apt], isRoot: true, hasSudo: false, inContainer: true, externallyManagedPython: true)
    let step = Step(id: "run", label: label, action: .postInstall(CommandParameters(argv: ["sh", "-c", label])))
    return Plan(id: PlanID("p-test"), tools: [], profile: profile, steps: [step])
}

@Test func secretsTypedIntoAPlanNeverReachTheStore() throws {
    let secret = "Tr0ub4dor-s3cr3t-XyZ"
    let store = MemoryEventStore()
    let recorder = EventRecorder(store: store, clock: FixedClock(), policy: SecretPolicy(secrets: [secret]))
    try recorder.record(.planCreated(plan(label: "echo \(secret); echo 'Tr0ub4d' 'or-s3cr3t-XyZ' \"quo\\\"te\"")))
    let stored = store.records.map { String(decoding: $0, as: UTF8.self) }.joined()
    #expect(!stored.contains(secret))
    #expect(!stored.contains("Tr0ub4d"))
    #expect(!stored.contains("or-s3cr3t-XyZ"))
    // What is folded (and shown) is what was stored.
    let label = try #require(recorder.state.plan?.steps.first?.label)
    #expect(label.contains("[redacted]"))
    #expect(!label.contains("Tr0ub4d"))
    #expect(PlanState.fold(try store.events()) == recorder.state)
}

@Test func aSecretThatJSONEscapesIsScrubbedToo() throws {
    let secret = #"pa"ss\wo"rd!"#
    let store = MemoryEventStore()
    let recorder = EventRecorder(store: store, clock: FixedClock(), policy: SecretPolicy(secrets: [secret]))
    try recorder.record(.planCreated(plan(label: "login " + secret)))
    let stored = store.records.map { String(decoding: $0, as: UTF8.self) }.joined()
    #expect(!stored.contains(#"pa\"ss\\wo\"rd!"#))
    #expect(recorder.state.plan?.steps.first?.label == "login [redacted]")
}

@Test func eventsWithoutSecretsAreStoredUnchanged() throws {
    let store = MemoryEventStore()
    let recorder = EventRecorder(store: store, clock: FixedClock(), policy: SecretPolicy(secrets: ["s3cr3t-value"]))
    let event = try recorder.record(.planCreated(plan(label: "echo hello")))
    #expect(store.records == [try EventPayload.encode(#require(event))])
}

@Test func stateTransitionsAreSyncedAndOutputIsNot() throws {
    let store = MemoryEventStore()
    let recorder = EventRecorder(store: store, clock: FixedClock())
    try recorder.record(.planCreated(plan(label: "x")))
    try recorder.record(.planStarted)
    try recorder.record(.stepStarted(step: "run", attempt: 1, command: ["x"]))
    #expect(store.syncedCount == 3)
    try recorder.record(.outputChunk(step: "run", stream: .stdout, data: Array("hi\n".utf8), redacted: false))
    #expect(store.syncedCount == 3)
    #expect(store.records.count == 4)
    try recorder.record(.stepDone(step: "run", exitCode: 0, durationMicros: 1, note: nil))
    #expect(store.syncedCount == 5)
}

/// A plan of thousands of steps: its `plan_created` fits a record, its state does not. The checkpoint is stored as
/// parts, each within a record (FORMAT.md §7.8), and what is stored still folds to the recorder's state.
@Test func aCheckpointLargerThanARecordIsStoredInPartsAndTheRunGoesOn() throws {
    let base = plan(label: "x")
    let steps = (0..<4_000).map { index in
        Step(id: StepID("step-\(index)"), label: "run step \(index) " + String(repeating: "x", count: 700),
             action: .postInstall(CommandParameters(argv: ["true", "\(index)"])))
    }
    let large = Plan(id: base.id, tools: [], profile: base.profile, steps: steps)
    let store = MemoryEventStore()
    let recorder = EventRecorder(store: store, clock: FixedClock())
    try recorder.record(.planCreated(large))
    #expect(try #require(store.records.first).count <= LogFormat.recordBytesMax, "the plan itself fits a record")
    try recorder.record(.planStarted)
    try recorder.record(.stepStarted(step: "step-0", attempt: 1, command: ["true"]))
    let snapshot = Event(sequence: recorder.state.lastSequence + 1, time: Timestamp(microseconds: 1_000), body: .checkpoint(recorder.state))
    #expect(try EventPayload.encode(snapshot).count > LogFormat.recordBytesMax, "the state does not fit a record")
    let before = store.records.count
    try recorder.checkpoint()
    #expect(store.records.count > before + 1, "the checkpoint was not stored in parts")
    #expect(EventParts.partsFollowing(store.records[before]) == store.records.count - before - 1)
    #expect(store.records.allSatisfy { $0.count <= LogFormat.recordBytesMax })
    let events = try store.events()
    if case .checkpoint? = events.last?.body {} else { Issue.record("the parts do not join into the checkpoint") }
    #expect(PlanState.fold(events) == recorder.state)
}
