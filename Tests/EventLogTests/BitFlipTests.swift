import Foundation
import Testing
@testable import EventLog

/// Every byte of a log is covered by a checksum (FORMAT.md §3.2), so any flipped bit is noticed and
/// no changed record is ever handed out.
struct BitFlipTests {
    @Test func everySingleBitFlipIsNoticedAndNoWrongRecordIsReturned() throws {
        let directory = try TemporaryDirectory()
        let log = try SmallLog.make(at: directory.file("small.evlog"))
        let path = directory.file("flipped.evlog")
        try writeFile(path, log.bytes)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var unnoticed: [String] = []
        var wrong: [String] = []
        for position in 0..<log.bytes.count {
            for bit in 0..<8 {
                try handle.seek(toOffset: UInt64(position))
                handle.write(Data([log.bytes[position] ^ UInt8(1 << bit)]))
                if let read = try readAll(path) {
                    if read.damage == nil { unnoticed.append("\(position).\(bit)") }
                    for record in read.records where record.payload != log.payloads[Int(record.index)] {
                        wrong.append("\(position).\(bit) record \(record.index)")
                    }
                }
                // The verifier walks the same code; check it on one flip in eight to keep the test quick.
                // A refusal (not a log: the magic changed) counts as noticed.
                if position % 8 == bit, let verdict = try? LogVerifier.verify(path: path), !verdict.damaged { unnoticed.append("verify \(position).\(bit)") }
            }
            try handle.seek(toOffset: UInt64(position))
            handle.write(Data([log.bytes[position]]))
        }
        #expect(unnoticed.isEmpty, "flips not noticed: \(unnoticed.prefix(20))")
        #expect(wrong.isEmpty, "wrong records: \(wrong.prefix(20))")
    }
}
