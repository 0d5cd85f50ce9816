import EventLog
import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// A key printed on one channel, an unrelated line on the other, then the value on the first: the value is
/// redacted where it is printed, the unrelated line is kept, and the terminal (an observer) gets exactly the
/// events the store keeps — the live view showed the value while the log kept `[redacted]` (secrets10 finding 12).
@Suite struct CrossChannelValueTests {
    static let keys = ["DB_PASSWORD=", "Password: ", "token: ", "api_key=", "--password "]
    static let unrelated = ["warning: slow", "progress 10%", "[1/3] fetching", "", "note: using cache"]

    final class ObservedOutput: EventObserver {
        var chunks: [String] = []
        func observe(_ event: Event, state: PlanState) {
            if case .outputChunk(_, let stream, let data, _) = event.body { chunks.append("\(stream):" + String(decoding: data, as: UTF8.self)) }
        }
    }

    static func storedChunks(_ store: MemoryEventStore) throws -> [String] {
        try store.events().compactMap { event in
            guard case .outputChunk(_, let stream, let data, _) = event.body else { return nil }
            return "\(stream):" + String(decoding: data, as: UTF8.self)
        }
    }

    @Test(arguments: Array(UInt64(1)...50))
    func theValueFollowsItsKeyAndTheLiveViewIsTheLog(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let key = pick(Self.keys, &random)
        let line = pick(Self.unrelated, &random)
        let value = String((0..<(12 + Int(random.next() % 12))).map { _ in pick(secretAlphabet, &random) })
        let (keyChannel, otherChannel): (OutputChannel, OutputChannel) = random.next() % 2 == 0 ? (.stdout, .stderr) : (.stderr, .stdout)
        let store = MemoryEventStore()
        let observed = ObservedOutput()
        let recorder = EventRecorder(store: store, clock: SystemClock())
        recorder.addObserver(observed)
        try recorder.record(.commandStarted(step: "run", argv: ["tool"]))
        try recorder.record(.outputChunk(step: "run", stream: keyChannel, data: Array(key.utf8), redacted: false))
        try recorder.record(.outputChunk(step: "run", stream: otherChannel, data: Array((line + "\n").utf8), redacted: false))
        try recorder.record(.outputChunk(step: "run", stream: keyChannel, data: Array((value + "\n").utf8), redacted: false))
        try recorder.close()
        let stored = try Self.storedChunks(store)
        #expect(observed.chunks == stored)
        let text = stored.joined()
        #expect(!text.contains(value), "\(stored)")
        #expect(line.isEmpty || text.contains(line), "the unrelated line «\(line)» was lost: \(stored)")
    }

    @Test func aValueOnTheOtherChannelIsStillRedacted() throws {
        let store = MemoryEventStore()
        let recorder = EventRecorder(store: store, clock: SystemClock())
        try recorder.record(.outputChunk(step: "run", stream: .stdout, data: Array("DB_PASSWORD=".utf8), redacted: false))
        try recorder.record(.outputChunk(step: "run", stream: .stderr, data: Array("Zq8-Lm3Kx9Vt2\n".utf8), redacted: false))
        try recorder.close()
        #expect(!(try Self.storedChunks(store)).joined().contains("Zq8-Lm3Kx9Vt2"))
    }

    /// A log this evlog recorded in a home (its creator names the home) is read as stored, not redacted again
    /// by a reader's separate stream state.
    @Test func aLogRecordedInAHomeIsReadAsStored() {
        let header = LogHeader(creator: PlanArchive.creator(home: "b6b9259e87e059f1dc60eca219dbc839"), label: "p-1", createdAtMicros: 0)
        #expect(!EventScrubber.isNeeded(for: header))
        #expect(EventScrubber.isNeeded(for: LogHeader(creator: "evlog 0.1; secrets 1 home x", label: "p-1", createdAtMicros: 0)))
    }
}
