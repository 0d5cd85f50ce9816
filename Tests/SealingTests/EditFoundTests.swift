import Crypto
import EventLog
import Foundation
import Sealing
import Testing

/// `SealReport.editFound`: whether content copied from a log may be sealed by another writer (a reproduction
/// of it). A seal that fails, or records appended after the last seal, are edits; a log written without a
/// key and a crash's unsealed tail are not (reproduce7 finding 2: a forged log reproduced and sealed).
@Suite struct EditFoundTests {
    let key = HostKey(Curve25519.Signing.PrivateKey())

    @Test func aWholeAnUnsealedAndACrashedLogShowNoEdit() throws {
        let whole = try SealedLogs.newLogPath()
        try SealedLogs.write(whole, count: 10, sealAfter: [5], key: key)
        #expect(try SealVerifier.verify(path: whole).editFound == nil)
        let unsealed = try SealedLogs.newLogPath()
        try SealedLogs.write(unsealed, count: 10, sealAfter: [5], key: nil)
        #expect(try SealVerifier.verify(path: try SealedLogs.forge(unsealed, record: 8, byte: 30)).editFound == nil, "no seal to break")
        let crashed = try SealedLogs.newLogPath()
        try SealedLogs.write(crashed, count: 10, sealAfter: [4], key: key, crashed: true) { $0 <= 4 ? "step_started" : "command_started" }
        #expect(try SealVerifier.verify(path: crashed).editFound == nil, "what a crash leaves is reproduced")
    }

    @Test(arguments: [1, 3, 8, 10])
    func anEditedRecordIsAnEdit(record: Int) throws {
        let path = try SealedLogs.newLogPath()
        try SealedLogs.write(path, count: 10, sealAfter: [5], key: key)
        let edit = try SealVerifier.verify(path: try SealedLogs.forge(path, record: record, byte: 12)).editFound
        #expect(edit?.hasPrefix("seal broken") == true, "\(edit ?? "nil")")
    }

    @Test func recordsAfterTheFinalSealAreAnEdit() throws {
        let path = try SealedLogs.newLogPath()
        let stored = try SealedLogs.write(path, count: 6, sealAfter: [3], key: key)
        let appended = try SealedLogs.rewrite(path) { records in
            records.append(SealedLogs.Record(payload: stored[0], checkpoint: false))
        }
        let edit = try SealVerifier.verify(path: appended).editFound
        #expect(edit?.contains("come after its final seal") == true, "\(edit ?? "nil")")
    }
}
