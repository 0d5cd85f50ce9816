import Foundation
import Testing
@testable import EventLog

/// `evlog bundle` copies the log it checked and holds, through the held descriptor (integrity18 #5): a shorter
/// file renamed over the log meanwhile is neither copied nor waited for, and the copy says the log was replaced.
struct ReaderHoldCopyTests {
    @Test(arguments: [0, 1, 40])
    func aLogReplacedByAShorterFileWhileHeldIsCopiedAsHeldAndReportedReplaced(recordsInReplacement: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let writer = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        for index in 0..<300 { try writer.append(textPayload(index: index, bytes: 4000)) }
        try writer.close()
        let held = try readFileBytes(path)
        let hold = try #require(try ReaderHold.take(logAt: path))
        let shorter = directory.file("shorter.evlog")
        let replacement = try LogWriter.open(path: shorter, label: "p", creator: "t", createdAtMicros: 0)
        for index in 0..<recordsInReplacement { try replacement.append(textPayload(index: index, bytes: 40)) }
        try replacement.close()
        #expect(rename(shorter, path) == 0)

        let copy = directory.file("copy.evlog")
        #expect(try hold.copyLog(to: copy) == false, "the log was replaced while held")
        #expect(try readFileBytes(copy) == held, "the copy is the file that was checked and held")
        hold.release()
    }

    @Test func aLogLeftAloneIsCopiedWhole() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let writer = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        for index in 0..<300 { try writer.append(textPayload(index: index, bytes: 4000)) }
        try writer.close()
        let hold = try #require(try ReaderHold.take(logAt: path))
        let copy = directory.file("copy.evlog")
        #expect(try hold.copyLog(to: copy))
        #expect(try readFileBytes(copy) == readFileBytes(path))
    }
}
