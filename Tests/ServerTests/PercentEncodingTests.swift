import InstallModel
import Testing

@testable import Server

/// A step id a page links to comes back from the request as the same single segment, whatever it holds.
@Suite struct PercentEncodingTests {
    @Test(arguments: [UInt64(7), 8])
    func anEncodedIdIsOneSegmentThatDecodesToItself(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let alphabet = Array("ab:/?#%.. ü&=+;@\\\"'<>")
        var ids = [".", "..", "a/b", "a?b", "a#b", "my step", "%2e%2e"]
        for _ in 0..<200 {
            ids.append(String((0..<(1 + Int(generator.next() % 10))).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
        }
        for id in ids {
            let request = ServerRequest(method: "GET", target: "/plans/p-1/steps/\(PercentEncoding.encode(id))/output", headers: [])
            #expect(request.segments == ["plans", "p-1", "steps", id, "output"], "id \(id)")
        }
    }
}
