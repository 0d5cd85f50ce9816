import InstallModel
import Orchestrator
import Simulator
import Testing

/// Output the recorder held back (an unfinished word: curl's progress meter ending in ` 0`) and the original
/// released when its step went quiet is recorded by the reproduction where the log has it, before the event of
/// another step that follows it, not after (repro12 F5: an apt step and a release step in parallel).
@Suite("held output in a recorded schedule")
struct HeldOutputScheduleTests {
    /// Words a command prints without a line end: a progress meter's, a prompt's.
    static let unfinishedWords = ["0", "45%", "1.2M", "eta", "[##", "Continue?"]

    /// The parallel plan's fixtures with every response printed as four lines on both streams, each after a seeded
    /// delay, so the commands of parallel steps print in turns.
    static func interleavedFixtures(seed: UInt64) -> FixtureSet {
        var generator = SplitMix64(seed: seed)
        var set = Samples.parallelFixtures()
        for index in set.fixtures.indices {
            for response in set.fixtures[index].responses.indices {
                set.fixtures[index].responses[response].chunks = (1...4).map { line in
                    Fixture.Chunk(
                        delayMilliseconds: Int(generator.next() % 400), stream: line % 2 == 0 ? .stderr : .stdout,
                        text: "line \(line) of \(set.fixtures[index].command)\n")
                }
            }
        }
        return set
    }

    /// Every output of a command that the log follows with anything but more of the same step's stream ends in
    /// an unfinished word, as if its step went quiet there; the seeds give other interleavings and words.
    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func outputEndingMidWordBeforeAnotherEventReproduces(seed: UInt64) async throws {
        let original = SimulationHarness(plan: Samples.parallelPlan(), fixtures: HeldOutputScheduleTests.interleavedFixtures(seed: seed))
        var events = try await original.run().0.events()
        var generator = SplitMix64(seed: seed)
        var beforeOtherStep = 0
        var commandRunning = Set<StepID>()
        for index in events.indices.dropLast() {
            switch events[index].body {
            case .commandStarted(let step, _, _): commandRunning.insert(step)
            case .commandFinished(let step, _, _, _): commandRunning.remove(step)
            case .outputChunk(let step, let stream, let data, let redacted) where commandRunning.contains(step):
                // What a command printed is played from the log; what evlog says itself is not.
                if case .outputChunk(step, stream, _, _) = events[index + 1].body { continue }
                let word = HeldOutputScheduleTests.unfinishedWords.randomElement(using: &generator) ?? "0"
                events[index].body = .outputChunk(step: step, stream: stream, data: data + Array(" \(word)".utf8), redacted: redacted)
                if let next = events[index + 1].body.stepID, next != step { beforeOtherStep += 1 }
            default: break
            }
        }
        #expect(beforeOtherStep > 0, "the seed gives no output followed by another step's event")
        // Without the quiet moment the held word came after the other step's event: a difference, thrown.
        _ = try await ReproductionTests.reproduce(events)
    }
}
