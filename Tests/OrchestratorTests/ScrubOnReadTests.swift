import Foundation
import EventLog
import InstallModel
import Testing

@testable import Orchestrator

/// A log this revision of the secret policy recorded is read as stored, at the speed of reading; only a log an
/// older evlog or another revision recorded is read through the policy again. A run's log names the home that
/// created it (`PlanArchive.creator(home:)`): it is this revision's too (N8: every read of a run's log was
/// scanned for secrets again, 135 s for `what-failed` of a 512 MiB line).
struct ScrubOnReadTests {
    @Test func onlyALogOfAnotherRevisionIsReadThroughThePolicy() {
        var generator = SplitMix64(seed: 8)
        for _ in 0..<200 {
            let home = (0..<16).map { _ in String(format: "%02x", UInt8(truncatingIfNeeded: generator.next())) }.joined()
            let ours = [PlanArchive.creator, PlanArchive.importCreator, PlanArchive.creator(home: home)]
            for creator in ours {
                #expect(!EventScrubber.isNeeded(for: LogHeader(creator: creator, label: "p", createdAtMicros: 0)), "\(creator)")
            }
            let other = SecretPolicy.revision + 1 + Int(generator.next() % 20)
            let theirs = ["evlog 0.1", "evlog 0.1 home \(home)", "evlog 0.1; secrets \(other) home \(home)",
                          "evlog 0.1; secrets \(SecretPolicy.revision)0 home \(home)", "evlog 0.1; secrets \(other)"]
            for creator in theirs {
                #expect(EventScrubber.isNeeded(for: LogHeader(creator: creator, label: "p", createdAtMicros: 0)), "\(creator)")
            }
        }
    }
}
