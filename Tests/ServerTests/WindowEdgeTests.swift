import Foundation
import InstallModel
import Orchestrator
import Testing

@testable import Server

/// A window whose limit falls on a block's edge (the block before it not read) still says when its first line
/// began before it, as one whose limit falls inside a block does (serve20b #7: the tail of `row 01586 yyy…` was
/// drawn as a whole line of its own).
@Suite struct WindowEdgeTests {
    @Test(arguments: [UInt64(31), 32])
    func aFirstLineIsWholeOrSaysItBeganEarlier(seed: UInt64) throws {
        let recorded = try RecordedPlan(seed: seed, blockBytes: 4 << 10)
        var generator = SplitMix64(seed: seed)
        let lines = (0..<1500).map { String(format: "row %05d ", $0) + String(repeating: "y", count: Int(generator.next() % 40)) }
        try recorded.recordCut(Array((lines.joined(separator: "\n") + "\n").utf8), chunkMax: 59, &generator)
        try recorded.finish()
        let whole = Set(lines)
        // Windows of every size in a range: some end inside a block, some on a block's edge.
        for bytes in stride(from: 500, to: 40_000, by: 211) {
            let window = try OutputWindow.tail(of: recorded.log, limits: .init(lines: 10_000, bytes: bytes))
            guard let first = window.steps.first?.lines.first else { continue }
            #expect(whole.contains(first.html) || first.html.contains("this line began before the output shown"), "\(bytes) bytes: \(first.html)")
        }
    }
}
