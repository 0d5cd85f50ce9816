import InstallModel
import Testing

@testable import Server

/// `Range` on raw output follows RFC 9110 §14: a satisfiable single byte range is served (its last
/// position clamped to the end), anything else it cannot serve as one part gets the whole body, and 416
/// only when no byte of the range exists.
@Suite struct ByteRangeTests {
    @Test func aSingleRangeIsClampedToTheEndAndOnlyAnEmptyOneIsUnsatisfiable() {
        var random = SplitMix64(seed: 29)
        for _ in 0..<500 {
            let total = Int64.random(in: 1...300, using: &random)
            let start = Int64.random(in: 0...400, using: &random)
            let end = start + Int64.random(in: 0...400, using: &random)
            for (last, lastPosition) in [("\(end)", end), ("\(end)99999999999999999999999", Int64.max)] {
                let asked = RawOutput.byteRange("bytes=\(start)-\(last)", total: total)
                #expect(asked == (start < total ? .part(start...min(lastPosition, total - 1)) : .unsatisfiable), "bytes=\(start)-\(last) of \(total)")
            }
            #expect(RawOutput.byteRange("bytes= \(start)-", total: total) == (start < total ? .part(start...(total - 1)) : .unsatisfiable))
            let suffix = Int64.random(in: 1...400, using: &random)
            #expect(RawOutput.byteRange("bytes=-\(suffix)", total: total) == .part(max(total - suffix, 0)...(total - 1)))
            // Several ranges, another unit, a spec that does not parse: the whole body.
            for ignored in ["bytes=\(start)-\(end),\(end)-", "items=\(start)-\(end)", "bytes=\(end + 1)-\(start)", "bytes=x-\(end)", "bytes=-"] {
                #expect(RawOutput.byteRange(ignored, total: total) == .whole, "\(ignored)")
            }
        }
    }

    @Test func aRangeWithIfRangeIsIgnoredSinceNoValidatorIsSent() {
        let range = ("Range", "bytes=0-4")
        #expect(RawOutput.rangeHeader(of: ServerRequest(method: "GET", target: "/", headers: [range])) == "bytes=0-4")
        #expect(RawOutput.rangeHeader(of: ServerRequest(method: "GET", target: "/", headers: [range, ("If-Range", "\"bogus\"")])) == nil)
    }
}
