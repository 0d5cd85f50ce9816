import Foundation
import Testing
@testable import EventLog

/// Opening an existing log for append recovers it first, and refuses what it must not touch.
struct RecoveryTests {
    private func makeLog(_ path: String, records: Int = 30) throws {
        let writer = try LogWriter.open(path: path, label: "p-recovery", creator: "EventLogTests", createdAtMicros: 7,
                                        options: LogWriterOptions(blockBytesTarget: 4096))
        for index in 0..<records { try writer.append(textPayload(index: index, bytes: 300)) }
        try writer.close()
    }

    @Test func reopeningAnIntactLogReportsNoCutAndContinuesNumbering() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        try makeLog(path)
        let writer = try LogWriter.open(path: path, label: "other", creator: "other", createdAtMicros: 99)
        #expect(writer.recovery == nil)
        #expect(writer.recordCount == 30)
        #expect(writer.header.label == "p-recovery")
        try writer.append(Array("next".utf8))
        try writer.close()
        let read = try #require(try readAll(path))
        #expect(read.records.count == 31 && read.records.last?.index == 30)
    }

    @Test func recoveryReportSaysWhatWasCut() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        try makeLog(path)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size - 10))
        try handle.close()
        let writer = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        let report = try #require(writer.recovery)
        #expect(report.recordsKept == writer.recordCount)
        #expect(report.cutOffset + report.bytesCut == Int64(size - 10))
        #expect(report.reason.contains("ends inside"))
        try writer.close()
    }

    @Test func recoveryMovesTheCutBytesAsideBeforeCutting() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let writer = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0,
                                        options: LogWriterOptions(blockBytesTarget: 4096, compressesInBackground: false))
        for index in 0..<200 { try writer.append(textPayload(index: index, bytes: 1000)) }
        try writer.close()
        let blocksTotal = try LogVerifier.verify(path: path).blocks
        var bytes = try readFileBytes(path)
        // One flipped bit in an early block: every block after it is cut from the log, and kept beside it.
        bytes[bytes.count / 4] ^= 0x10
        try writeFile(path, bytes)
        let verdict = try LogVerifier.verify(path: path)
        #expect(verdict.blocks + 1 + verdict.intactBlocksAfterDamage == blocksTotal, "verify counts the intact blocks after the damage")
        let reopened = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0,
                                          nowMicros: 1_764_466_245_000_000)
        let report = try #require(reopened.recovery)
        try reopened.close()
        #expect(report.savedPath == path + ".damaged-20251130T013045Z")
        #expect(try readFileBytes(report.savedPath) == Array(bytes[Int(report.cutOffset)...]))
        #expect(try readFileBytes(path) == Array(bytes[..<Int(report.cutOffset)]))
        #expect(report.description.contains("moved the \(report.bytesCut) bytes after it to \(report.savedPath)"))
    }

    @Test func fileEndingInsideItsHeaderIsStartedAgain() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("torn.evlog")
        try writeFile(path, Array(LogFormat.magic.prefix(5)))
        let writer = try LogWriter.open(path: path, label: "p-new", creator: "t", createdAtMicros: 5)
        #expect(writer.recovery?.bytesCut == 5)
        try writer.append([1, 2, 3])
        try writer.close()
        let reader = try LogReader(path: path)
        #expect(reader.header.label == "p-new")
        #expect(try reader.next()?.payload == [1, 2, 3])
    }

    @Test func damagedHeaderIsRefusedAndLeftAlone() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        try makeLog(path)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[20] ^= 0x10
        try writeFile(path, bytes)
        #expect {
            _ = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        } throws: { error in
            guard case EventLogError.headerDamaged = error else { return false }
            return "\(error)".contains("move the file aside")
        }
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
    }

    @Test func otherFilesAreRefusedAndLeftAlone() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("notes.txt")
        try writeFile(path, Array("just some notes\n".utf8))
        #expect(throws: EventLogError.notALog(path: path, found: Array("just som".utf8))) {
            _ = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        }
        #expect(throws: EventLogError.notALog(path: path, found: Array("just som".utf8))) { _ = try LogReader(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "just some notes\n")
    }

    @Test func newerWriteVersionIsReadableButNotAppendable() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("future.evlog")
        var header = LogHeader(creator: "evlog 9", label: "p-future", createdAtMicros: 0)
        header.writeVersion = LogFormat.versionCurrent + 1
        try writeFile(path, try header.encoded())
        #expect(try LogReader(path: path).header.writeVersion == LogFormat.versionCurrent + 1)
        #expect(throws: EventLogError.readOnlyVersion(path: path, writeVersion: LogFormat.versionCurrent + 1, supported: LogFormat.versionCurrent)) {
            _ = try LogWriter.open(path: path, label: "p", creator: "t", createdAtMicros: 0)
        }
    }

    @Test func newerReadVersionIsRefusedWithAdvice() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("future.evlog")
        var header = LogHeader(creator: "evlog 9", label: "p-future", createdAtMicros: 0)
        header.readVersion = LogFormat.versionCurrent + 1
        try writeFile(path, try header.encoded())
        #expect {
            _ = try LogReader(path: path)
        } throws: { error in
            "\(error)".contains("upgrade evlog")
        }
    }
}
