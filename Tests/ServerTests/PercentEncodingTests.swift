import InstallModel
import Testing

@testable import Server

/// A step id a page links to comes back from the request as the same single segment, whatever it holds,
/// and no link is a segment a browser would remove before sending it (a WHATWG dot-segment).
@Suite struct PercentEncodingTests {
    @Test(arguments: [UInt64(7), 8])
    func anEncodedIdIsOneSegmentThatDecodesToItself(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let alphabet = Array("ab:/?#%.. ü&=+;@\\\"'<>~~")
        var ids = [".", "..", "~.", "~~..", "~", "...", "a/b", "a?b", "a#b", "my step", "%2e%2e", "~x"]
        for _ in 0..<400 {
            ids.append(String((0..<(1 + Int(generator.next() % 10))).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
        }
        for id in ids {
            let segment = PercentEncoding.segment(id)
            #expect(!Self.isDotSegment(segment), "id \(id) is linked as \(segment), which a browser drops")
            let request = ServerRequest(method: "GET", target: "/plans/p-1/steps/\(segment)/output", headers: [])
            #expect(request.segments == ["plans", "p-1", "steps", id, "output"], "id \(id)")
        }
    }

    /// What the WHATWG URL standard takes for `.` or `..` in a path (ASCII case-insensitive).
    static func isDotSegment(_ segment: String) -> Bool {
        [".", "%2e", "..", ".%2e", "%2e.", "%2e%2e"].contains(segment.lowercased())
    }
}
