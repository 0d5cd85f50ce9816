import InstallModel
import Simulator
import Testing

/// A download interrupted part way leaves its part on disk, and the resumed step checksums it before fetching the
/// rest (repro13 F11): the outline reads that from the log, so the reproduction's filesystem keeps what the
/// interrupted fetch left. A file an attempt fetched before checksumming it says nothing of what was there.
struct PartialFetchOutlineTests {
    static func events(checksummedFirst: [String], fetchedFirst: [String]) -> [Event] {
        let plan = Samples.parallelPlan()
        let step = plan.steps[0].id
        var bodies: [EventBody] = [.planCreated(plan), .planStarted, .stepStarted(step: step, attempt: 1, command: [])]
        for file in checksummedFirst + fetchedFirst {
            bodies += [.commandStarted(step: step, argv: ["curl", "-fL", "-C", "-", "-o", file, "https://example.org/a"]),
                       .commandFinished(step: step, exitCode: 130)]
        }
        bodies += [.planInterrupted(cause: .signal("SIGINT")), .planResumed(acknowledged: false), .stepStarted(step: step, attempt: 2, command: [])]
        for file in checksummedFirst { bodies += [.commandStarted(step: step, argv: ["sha256sum", file]), .commandFinished(step: step, exitCode: 0)] }
        for file in fetchedFirst {
            bodies += [.commandStarted(step: step, argv: ["curl", "-fL", "-C", "-", "-o", file, "https://example.org/b"]),
                       .commandFinished(step: step, exitCode: 0), .commandStarted(step: step, argv: ["sha256sum", file]),
                       .commandFinished(step: step, exitCode: 0)]
        }
        return bodies.enumerated().map { Event(sequence: UInt64($0.offset + 1), time: SimulationHarness.start, body: $0.element) }
    }

    @Test(arguments: [(["/w/a.tar.gz"], [String]()), ([], ["/w/b.tar.gz"]), (["/w/a.tar.gz", "/w/c.zip"], ["/w/b.tar.gz"])])
    func aFileChecksummedBeforeItsAttemptFetchesItWasLeftByAnEarlierFetch(checksummedFirst: [String], fetchedFirst: [String]) throws {
        let outline = try ReproductionOutline.read(Self.events(checksummedFirst: checksummedFirst, fetchedFirst: fetchedFirst))
        #expect(outline.filesPresentBeforeFetch == Set(checksummedFirst))
    }
}
