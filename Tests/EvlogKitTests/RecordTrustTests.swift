import Catalog
import EventLog
import EvlogKit
import Foundation
import InstallModel
import Orchestrator
import Sealing
import Testing

/// `uninstall` and `upgrade` act on an install log only when its seals hold (integrity13 #7): a record appended after
/// the final seal, or a log sealed by another key than this host's, is named; the log as sealed, and a log written
/// before the host had a key, are read.
struct RecordTrustTests {
    static func home() throws -> (path: String, archive: PlanArchive, creator: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-recordtrust-\(UUID().uuidString)").path
        let archive = PlanArchive(home: path)
        try FileManager.default.createDirectory(atPath: archive.plansDirectory, withIntermediateDirectories: true)
        return (path, archive, PlanArchive.creator(home: try HomeIdentity(archive: archive).make()))
    }

    /// The log of a real install of tree, written as the recorder writes it: sealed by `key` when there is one (after
    /// every event too with `sealingEach`), with a checkpoint after the event at `checkpointAfter` (0 for the first).
    static func writeInstall(
        _ id: String, in home: (path: String, archive: PlanArchive, creator: String), key: HostKey?, sealingEach: Bool = false,
        checkpointAfter: Int? = nil
    ) throws -> String {
        var options = ResolveOptions(reinstall: true)
        options.installedProbe = NothingInstalled()
        let plan = try Resolver(catalog: try Catalog.bundled()).resolve(tools: ["tree"], profile: InstallRecordPlansTests.profile, planID: PlanID(id), options: options)
        let path = home.archive.logPath(for: PlanID(id))
        let writer = try LogWriter.open(path: path, label: id, creator: home.creator, createdAtMicros: 1)
        let store = try SealingEventStore.forLog(writer, key: key, witness: home.archive.sealWitness(for: path))
        var state = PlanState()
        var sequence: UInt64 = 0
        /// Records `body` as the next event; a checkpoint as the recorder writes one (the state so far, sealed after).
        func record(_ body: EventBody, at time: Timestamp) throws {
            sequence += 1
            let event = Event(sequence: sequence, time: time, body: body)
            let isCheckpoint = if case .checkpoint = body { true } else { false }
            state.apply(event)
            try store.append(try EventPayload.encode(event), checkpoint: isCheckpoint)
            if sealingEach { try store.sync() }
        }
        for (index, event) in InstallRecordPlansTests.events(plan, at: 1).enumerated() {
            try record(event.body, at: event.time)
            if index == checkpointAfter { try record(.checkpoint(state), at: event.time) }
        }
        try store.close()
        return path
    }

    static func key() throws -> HostKey {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try HostKey.generate(in: directory)
    }

    /// A key directory holding a new host key (`host.key`, `host.pub`), and that key.
    static func keyDirectory() throws -> (path: String, key: HostKey) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-key-\(UUID().uuidString)").path
        return (directory, try HostKey.generate(in: directory))
    }

    @Test func aSealedLogIsReadAndARecordAfterItsFinalSealIsNamed() throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        let (keys, key) = try Self.keyDirectory()
        defer { try? FileManager.default.removeItem(atPath: keys) }
        let path = try Self.writeInstall("p-000000000001", in: home, key: key)
        #expect(try home.archive.recordTrustProblem(ofLogAt: path, keyDirectory: keys) == nil)
        // Another host's key: the same log is not this host's record.
        let other = try Self.keyDirectory().path
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(try home.archive.recordTrustProblem(ofLogAt: path, keyDirectory: other)?.contains("sealed by another key") == true)
        // A package change appended after the final seal, as integrity13 #7 forged it.
        let writer = try LogWriter.open(path: path, label: "p-000000000001", creator: home.creator, createdAtMicros: 1)
        let forged = Event(sequence: 99, time: Timestamp(microseconds: 2_000_000), body: .packageSetChanged(
            step: StepID("apt-tree"), change: PackageSetChange(manager: .apt, added: ["tree", "avahi-utils"])))
        try writer.append(try EventPayload.encode(forged))
        try writer.close()
        let problem = try home.archive.recordTrustProblem(ofLogAt: path, keyDirectory: keys)
        #expect(problem?.contains("after its final seal") == true, "\(problem ?? "read")")
    }

    /// integrity20 #3: a record edited in the middle of a log this home sealed (checksums recomputed, seals kept) breaks
    /// the seals after it, so the log also ends at a valid seal before what the record saw; it is refused as the edit it
    /// is, naming the broken seal, never as a copy cut back that `--accept-rollback` could keep.
    @Test(arguments: 0..<3)
    func anEditInTheMiddleIsRefusedAsAnEditNotAsARollback(pick: Int) throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        let path = try Self.writeInstall("p-000000000003", in: home, key: try Self.key(), sealingEach: true)
        var records: [[UInt8]] = []
        try LogReader(path: path).forEachRecord { _, _, payload in records.append(Array(payload)) }
        let sealed = records.indices.filter { String(decoding: records[$0], as: UTF8.self).contains(#""type":"log_sealed""#) }
        let (first, last) = (try #require(sealed.first), try #require(sealed.last))
        let editable = records.indices.filter { index in
            index > first && index < last && !sealed.contains(index)
                && String(decoding: records[index], as: UTF8.self).contains(#""seq":"#)
        }
        try #require(!editable.isEmpty, "\(records.count) records, seals at \(sealed)")
        let at = editable[pick % editable.count]
        // The same event, a byte more: a change no checksum catches once recomputed, only the seals.
        records[at] = Array(String(decoding: records[at], as: UTF8.self).replacingOccurrences(of: #""seq":"#, with: #""seq": "#).utf8)
        try FileManager.default.removeItem(atPath: path)
        let writer = try LogWriter.open(path: path, label: "p-000000000003", creator: home.creator, createdAtMicros: 1)
        for record in records { try writer.append(record) }
        try writer.close()
        let refusal = try #require(try home.archive.rolledBack(path, report: try SealVerifier.verify(path: path))).description
        #expect(refusal.contains("is broken") && !refusal.contains("cut back") && !refusal.contains("--accept-rollback"), "\(refusal)")
    }

    @Test func aLogFromBeforeTheHostHadAKeyIsRead() throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        let path = try Self.writeInstall("p-000000000002", in: home, key: nil)
        let keys = try Self.keyDirectory().path
        defer { try? FileManager.default.removeItem(atPath: keys) }
        #expect(try home.archive.recordTrustProblem(ofLogAt: path, keyDirectory: keys) == nil)
    }
}
