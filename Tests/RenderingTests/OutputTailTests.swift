import InstallModel
import Rendering
import Testing

/// The tails that keep a step's last lines skip the lines that later ones push out; what they keep must
/// be what feeding every byte gives.
@Suite("output tails")
struct OutputTailTests {
    /// Bytes drawn from what program output holds: text, newlines, `\r` redraws, `\r\n`, colour codes.
    static func output(seed: UInt64, bytes: Int) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        let pieces: [[UInt8]] = ["ab", "Unpacking x ...", "\n", "\n", "\r", "\r\n", "\u{1B}[31m", "\u{1B}[0m", " 50%", "\t"].map { Array($0.utf8) }
        var out: [UInt8] = []
        while out.count < bytes { out += pieces.randomElement(using: &generator) ?? [] }
        return out
    }

    /// Splits `bytes` at seeded random points into chunks of 1 to `largest` bytes.
    static func chunks(of bytes: [UInt8], seed: UInt64, largest: Int) -> [[UInt8]] {
        var generator = SplitMix64(seed: seed ^ 0x5EED)
        var result: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int.random(in: 1...largest, using: &generator))
            result.append(Array(bytes[start..<end]))
            start = end
        }
        return result
    }

    @Test(arguments: 0..<200)
    func aTailFedInChunksKeepsWhatEveryByteGives(seed: UInt64) {
        let bytes = Self.output(seed: seed, bytes: 2_000)
        var whole = OutputTail(linesMax: 3)
        var byByte = OutputTail(linesMax: 3)
        for chunk in Self.chunks(of: bytes, seed: seed, largest: 400) { whole.feed(chunk) }
        for byte in bytes { byByte.feed([byte]) }
        #expect(whole.lines == byByte.lines)
    }

    @Test(arguments: 0..<200)
    func aStreamTailFedInChunksKeepsWhatEveryByteGives(seed: UInt64) {
        let stdout = Self.chunks(of: Self.output(seed: seed, bytes: 1_500), seed: seed, largest: 300)
        let stderr = Self.chunks(of: Self.output(seed: seed + 1_000, bytes: 1_500), seed: seed + 1, largest: 300)
        var whole = StreamTail(linesMax: 4)
        var byByte = StreamTail(linesMax: 4)
        for index in 0..<max(stdout.count, stderr.count) {
            for (stream, chunks) in [(OutputChannel.stdout, stdout), (.stderr, stderr)] where index < chunks.count {
                whole.feed(stream, chunks[index])
                for byte in chunks[index] { byByte.feed(stream, [byte]) }
            }
        }
        #expect(whole.lines == byByte.lines)
    }
}
