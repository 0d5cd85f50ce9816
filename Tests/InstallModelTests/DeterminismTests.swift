import Foundation
import InstallModel
import Testing

@Suite struct DeterminismTests {
    @Test func seededIDSourceGivesTheSameIDsForTheSameSeed() {
        let first = SeededIDSource(seed: 42)
        let second = SeededIDSource(seed: 42)
        let ids = (0..<5).map { _ in first.nextPlanID() }
        #expect(ids == (0..<5).map { _ in second.nextPlanID() })
        #expect(Set(ids).count == 5)
        #expect(ids[0] == PlanID("p-32262feb6e95"))
        for id in ids {
            #expect(id.rawValue.count == 14)
            #expect(id.rawValue.hasPrefix("p-"))
            #expect(id.rawValue.dropFirst(2).allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
    }

    @Test func differentSeedsGiveDifferentIDs() {
        #expect(SeededIDSource(seed: 1).nextPlanID() != SeededIDSource(seed: 2).nextPlanID())
    }

    /// The published SplitMix64 sequence for seed 0, so the generator is the same on every platform.
    @Test func splitMix64MatchesTheReferenceSequence() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(rng.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func jsonEncodingIsPinnedWithSortedKeys() throws {
        let event = Event(
            sequence: 7, time: Timestamp(microseconds: 1_000),
            body: .stepDone(step: "a/b", exitCode: 0, durationMicros: 1_500, note: nil))
        #expect(try EventJSON.line(event) == #"{"duration_us":1500,"exit_code":0,"seq":7,"step":"a/b","time":1000,"type":"step_done","v":1}"#)
    }

    @Test func sameEventEncodesToTheSameBytesWhateverOrderItsDictionariesWereBuiltIn() throws {
        var forward: [String: String] = [:]
        var backward: [String: String] = [:]
        let keys = (0..<64).map { "KEY_\($0)" }
        for key in keys { forward[key] = key.lowercased() }
        for key in keys.reversed() { backward[key] = key.lowercased() }
        backward.reserveCapacity(1_000)
        func event(_ environment: [String: String]) -> Event {
            let step = Step(id: "env", label: "env", action: .shellConfig(ShellConfigParameters(shell: .zsh, environment: environment)))
            return Event(sequence: 1, time: Timestamp(microseconds: 0), body: .planCreated(Fixtures.plan([step])))
        }
        #expect(try EventPayload.encode(event(forward)) == EventPayload.encode(event(backward)))
    }

    /// Every sample event encodes to the bytes committed in `Fixtures/golden/event-samples.jsonl` (written
    /// by an earlier process): a change of encoding shows up here as a diff to review, and old logs need
    /// the old decoder (FORMAT.md §7.6). Regenerate with EVLOG_WRITE_GOLDEN=1 only for a deliberate change.
    @Test func sampleEventsEncodeToTheCommittedGoldenLines() throws {
        let lines = try EventSamples.all.map { try EventJSON.line($0) }.joined(separator: "\n") + "\n"
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/golden/event-samples.jsonl").standardized
        if ProcessInfo.processInfo.environment["EVLOG_WRITE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(lines.utf8).write(to: url)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(golden == lines)
    }
}
