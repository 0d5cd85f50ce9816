import Foundation
import Testing
@testable import EventLog

/// integrity13 #20: `verify` of a valid header followed by a sparse hole searched every byte of the hole for intact
/// blocks (≈ 49 s per GB; a 1 TB hole about 14 hours). Holes hold no blocks: the search skips them, and a block
/// after the hole is still found.
@Suite struct SparseHoleTests {
    /// A log of one block: its header bytes, and its block.
    static func headerAndBlock(in directory: TemporaryDirectory) throws -> (header: [UInt8], block: [UInt8]) {
        let path = directory.file("one.evlog")
        let writer = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        for index in 0..<5 { try writer.append(Array("record \(index)".utf8)) }
        try writer.close()
        let bytes = try readFileBytes(path)
        let start = try #require(LogReader.firstMarker(in: bytes))
        return (Array(bytes[..<start]), Array(bytes[start...]))
    }

    /// The header, then a hole of `hole` bytes (no disk), then, when `blockAfter`, the log's block again.
    @Test(arguments: [(Int64(1) << 40, false), (Int64(1) << 40, true), (Int64(1) << 20, true)])
    func theHoleIsSkippedAndABlockAfterItIsStillFound(hole: Int64, blockAfter: Bool) throws {
        let directory = try TemporaryDirectory()
        let (header, block) = try Self.headerAndBlock(in: directory)
        let path = directory.file("holey.evb")
        try writeFile(path, header)
        let descriptor = open(path, O_WRONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let end = Int64(header.count) + hole
        if blockAfter {
            #expect(block.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(end)) } == block.count)
        } else {
            #expect(ftruncate(descriptor, off_t(end)) == 0)
        }
        let verdict = try LogVerifier.verify(path: path)
        #expect(verdict.damaged)
        #expect(verdict.records == 0)
        #expect(verdict.intactBlocksAfterDamage == (blockAfter ? 1 : 0))
        #expect(verdict.recordsInIntactBlocksAfterDamage == (blockAfter ? 5 : 0))
    }

    /// The marker search finds the first marker wherever it is in a window, and none in a window without one.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func theMarkerIsFoundWhereItIs(seed: UInt64) {
        var random = TestRandom(seed: seed)
        var bytes = random.bytes(Int(random.next() % 4096) + 8).map { $0 == 0x45 ? 0 : $0 }
        #expect(LogReader.firstMarker(in: bytes) == nil)
        let at = Int(random.next() % UInt64(bytes.count - 4))
        bytes.replaceSubrange(at..<(at + 4), with: [0x45, 0x56, 0x42, 0x4B])
        #expect(LogReader.firstMarker(in: bytes) == at)
    }
}
