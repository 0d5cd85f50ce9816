import InstallModel
import Testing

@testable import Server

/// An event stream resumes after a decimal event number only: garbage, signs, hex, fractions or a
/// number too big are refused (400), never read as a replay from the start.
@Suite struct ResumePointTests {
    @Test func onlyADecimalNumberThatFitsIsAResumePoint() throws {
        var random = SplitMix64(seed: 6)
        for _ in 0..<300 {
            let sequence = UInt64.random(in: 0...UInt64.max, using: &random)
            #expect(try EventFeed.resumePoint(lastEventID: " \(sequence) ", after: "1") == min(sequence, UInt64.max - 1))
            #expect(try EventFeed.resumePoint(lastEventID: nil, after: "\(sequence)") == min(sequence, UInt64.max - 1))
            let bad = ["-\(sequence)", "+\(sequence)", "0x\(sequence)", "\(sequence).0", "\(sequence)9999999999999999999999", "\(sequence)a", "", "1 2"]
            for text in bad {
                #expect(throws: ServeError.self) { try EventFeed.resumePoint(lastEventID: text, after: nil) }
                #expect(throws: ServeError.self) { try EventFeed.resumePoint(lastEventID: nil, after: text) }
            }
        }
        #expect(try EventFeed.resumePoint(lastEventID: nil, after: nil) == 0)
        // The largest number is after everything; its successor is never computed (serve10 finding 1).
        #expect(try EventFeed.resumePoint(lastEventID: "\(UInt64.max)", after: nil) == UInt64.max - 1)
    }
}
