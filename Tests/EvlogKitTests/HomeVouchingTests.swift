import EventLog
import EvlogKit
import Foundation
import InstallModel
import Orchestrator
import Sealing
import Testing

/// The home's one judgement of which records of a log in its `plans/` it vouches for (`HomeVouching`, integrity23 #1 #6
/// #7 #8 #11): every reader folds nothing as done from a log of this home stripped of its seals, or sealed by a key that
/// is not this host's, and every writer refuses it; a key this host had before still vouches for what it sealed.
struct HomeVouchingTests {
    typealias Home = (path: String, archive: PlanArchive, creator: String)

    /// The records of the log at `path`, as stored.
    static func records(_ path: String) throws -> [[UInt8]] {
        var records: [[UInt8]] = []
        try LogReader(path: path).forEachRecord { _, _, payload in records.append(Array(payload)) }
        return records
    }

    static func isSeal(_ record: [UInt8]) -> Bool { String(decoding: record, as: UTF8.self).contains(#""type":"log_sealed""#) }

    /// Writes `records` as the whole log at `path` (checksums recomputed: what anyone who may write the file can do).
    static func rewrite(_ path: String, id: String, creator: String, _ records: [[UInt8]]) throws {
        try FileManager.default.removeItem(atPath: path)
        let writer = try LogWriter.open(path: path, label: id, creator: creator, createdAtMicros: 1)
        for record in records { try writer.append(record) }
        try writer.close()
    }

    /// A done install of this home, sealed by `key` after every event (each seal recorded in the home's record).
    static func sealedInstall(_ id: String, key: HostKey) throws -> (home: Home, path: String) {
        let home = try RecordTrustTests.home()
        let path = try RecordTrustTests.writeInstall(id, in: home, key: key, sealingEach: true)
        try #require(try PlanLog(path: path).stateFromLastCheckpoint().status == .done)
        return (home, path)
    }

    /// #7 #8: every seal removed, and any run of records after the first few dropped too (generated): nothing in the log
    /// is done for the readers, they say why, and `resume`, `uninstall` and `upgrade` refuse it.
    @Test(arguments: 0..<4)
    func aLogOfThisHomeStrippedOfItsSealsDecidesNothing(dropping: Int) throws {
        let (keys, key) = try RecordTrustTests.keyDirectory()
        defer { try? FileManager.default.removeItem(atPath: keys) }
        let (home, path) = try Self.sealedInstall("p-00000000000\(dropping)", key: key)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        var kept = try Self.records(path).filter { !Self.isSeal($0) }
        // The plan's creation stays; a few records after it go, as an editor picks.
        if dropping > 0 { kept.removeSubrange(1..<min(1 + dropping, kept.count - 1)) }
        try Self.rewrite(path, id: "p-00000000000\(dropping)", creator: home.creator, kept)
        let log = PlanLog(path: path)
        let row = try #require(PlanRow(of: log))
        #expect(row.state.plan != nil && row.state.count(.done) == 0 && row.state.status != .done, "\(row.status)")
        #expect(row.sealNote?.contains("not sealed, though this home seals") == true, "\(row.sealNote ?? "no note")")
        #expect(try log.readableVouchedEvents().contains { if case .stepDone = $0.body { true } else { false } } == false)
        #expect(try home.archive.recordTrustProblem(ofLogAt: path, keyDirectory: keys)?.contains("not sealed") == true)
        let refusal = try home.archive.rolledBack(path, report: try SealVerifier.verify(path: path))
        #expect(refusal?.description.contains("unrecorded") == true, "\(refusal?.description ?? "accepted")")
    }

    /// #1 #11: a log sealed by a key that is neither this host's nor one it had before is not the home's record; once
    /// that key is kept in `previous-keys/` (a rotation), it vouches for what it sealed again.
    @Test func anotherKeysSealsVouchForNothingUnlessItIsAKeyThisHostHadBefore() throws {
        let (keys, _) = try RecordTrustTests.keyDirectory()
        defer { try? FileManager.default.removeItem(atPath: keys) }
        let (old, oldKey) = try RecordTrustTests.keyDirectory()
        defer { try? FileManager.default.removeItem(atPath: old) }
        let (home, path) = try Self.sealedInstall("p-0000000000a1", key: oldKey)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        let distrust = HomeVouching(archive: home.archive, keyDirectory: keys).judge(PlanLog(path: path)).distrust
        #expect(distrust?.word == "another_key" && distrust?.record == 0, "\(String(describing: distrust))")
        #expect(try home.archive.recordTrustProblem(ofLogAt: path, keyDirectory: keys)?.contains("sealed by another key") == true)
        try FileManager.default.createDirectory(atPath: keys + "/previous-keys", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: HostKey.publicPath(in: old), toPath: HostKey.previousPath(of: oldKey.publicKey.fingerprint, in: keys))
        #expect(HomeVouching(archive: home.archive, keyDirectory: keys).judge(PlanLog(path: path)).distrust == nil)
        #expect(try home.archive.recordTrustProblem(ofLogAt: path, keyDirectory: keys) == nil)
    }

    /// #6: a log cut back at any earlier seal (generated) is said to be rolled back by the readers, from the home's
    /// record, without writing it.
    @Test(arguments: 0..<3)
    func aLogCutBackBeforeASeenSealIsSaidToBeRolledBack(pick: Int) throws {
        let (keys, key) = try RecordTrustTests.keyDirectory()
        defer { try? FileManager.default.removeItem(atPath: keys) }
        let (home, path) = try Self.sealedInstall("p-0000000000b\(pick)", key: key)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        let records = try Self.records(path)
        let seals = records.indices.filter { Self.isSeal(records[$0]) }.dropLast()
        try #require(seals.count > 1)
        let cut = seals[seals.index(seals.startIndex, offsetBy: pick % seals.count)]
        try Self.rewrite(path, id: "p-0000000000b\(pick)", creator: home.creator, Array(records[...cut]))
        let record = try String(contentsOfFile: home.archive.lastSeenSeals, encoding: .utf8)
        let note = HomeVouching(archive: home.archive, keyDirectory: keys).judge(PlanLog(path: path)).rolledBack
        #expect(note?.hasPrefix("rolled back") == true, "\(note ?? "no note")")
        #expect(PlanRow(of: PlanLog(path: path))?.sealWord == "rolled back")
        #expect(try String(contentsOfFile: home.archive.lastSeenSeals, encoding: .utf8) == record, "read only")
    }
}
