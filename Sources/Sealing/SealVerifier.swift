import Foundation
import EventLog

/// Checks a log's hash chain against its seal records (Docs/FORMAT.md §9.3).
public enum SealVerifier {
    /// Reads the log's intact records and checks every seal in order; stops at the first that fails.
    /// With `expected`, every seal must be signed by that key. A file named `.evb`, or holding a
    /// `bundle_info` record, is checked as a bundle (§9.4).
    public static func verify(path: String, expected: SealPublicKey? = nil) throws(EventLogError) -> SealReport {
        try verify(path: path, trusting: expected.map(TrustedKeys.init))
    }

    /// `verify`, with every seal signed by one of `trusted` (a key, or a fleet's keyring).
    public static func verify(path: String, trusting trusted: TrustedKeys?) throws(EventLogError) -> SealReport {
        passes?.add()
        let reader = try LogReader(path: path)
        var check = try Check(header: reader.header, trusted: trusted)
        try reader.forEachRecord { _, _, payload in check.next(payload) }
        return check.report(writer: LogWriterProbe.liveWriter(ofLogAt: path), bundle: path.hasSuffix(".evb"))
    }

    /// The report on the log at `path` (whose lock the caller holds) and, with `key`, the sealer that
    /// continues it: both from one pass over the records.
    public static func prepareToAppend(
        path: String, key: HostKey?, vouchedBy named: SealPublicKey? = nil
    ) throws(EventLogError) -> (report: SealReport, sealer: Sealer?) {
        let reader = try LogReader(path: path)
        let keys = [key?.publicKey, named].compactMap { $0 }
        var check = try Check(header: reader.header, trusted: keys.isEmpty ? nil : TrustedKeys(anyOf: keys))
        try reader.forEachRecord { _, _, payload in check.next(payload) }
        let report = check.report(writer: nil, bundle: false)
        return (report, key.map { Sealer(key: $0, continuing: check) })
    }

    /// The chain and the last valid seal while reading records in order.
    struct Check {
        let trusted: TrustedKeys?
        let headerVersion: UInt16
        let label: String
        var chain: HashChain
        var firstTime: Int64?
        var lastTime: Int64 = 0
        /// The sequence number and time of the last record (seals included).
        var lastStamp: (sequence: UInt64, time: Int64)?
        var lastValid: SealReport.Seal?
        var previousSeal = SealRecord.noPreviousSeal
        /// The digest of the first valid seal (the log's identity) and the chain head of each valid seal.
        var firstSeal: [UInt8]?
        var chainHeads: [[UInt8]] = []
        var sealsChecked: UInt64 = 0
        var signers: [String] = []
        var broken: SealReport.Broken?
        /// The check as it stood at the first seal by a key not trusted, that seal broken (`noteTrust`): what the
        /// report is, unless a trusted key's seal follows before the end.
        var unvouched: Unvouched?
        /// What the records after the last valid seal are: JSON event types and output chunks.
        var tail = SealReport.Tail()
        /// The steps started and not yet ended, and those that were at the last valid seal.
        var running: Set<String> = []
        var runningAtSeal: Set<String> = []
        /// The type of the record before this one, nil after a seal.
        var previousType: String?
        /// Whether this log's writer seals `command_started` as it records it: a seal follows one directly.
        var commandStartsSealed = false
        /// The last `bundle_info` record: its index, whether its record count and chain head hold, and its `bundled_at`.
        var bundleInfo: (index: UInt64, holds: Bool, sealsBefore: UInt64, bundledAt: Int64?)?
        /// Where the seals' key changed (after a final seal: another host continued the closed log).
        var handovers: [SealReport.Handover] = []
        /// An `unsealed_at_crash` mark not yet followed by its seal: the records it names, or why it does not hold.
        var crashMark: (records: ClosedRange<UInt64>, problem: String?)?
        /// The records marked as a crashed writer's unsealed tail, each range confirmed by the seal after its mark.
        var crashTails: [ClosedRange<UInt64>] = []
        /// The counter of the last seal that followed an `unsealed_at_crash` mark.
        var markSealedAt: UInt64?
        /// The first record of the pending mark's range that no crash leaves (a format-1 tail taken over as it was).
        var crashMarkForged: SealReport.Tail.Forged?
        /// Those of `crashTails`, once sealed.
        var crashTailForgeries: [SealReport.Tail.Forged] = []

        /// The latest time a record a crash left may carry: now, and another host's clock skew.
        let notAfter: Int64

        init(header: LogHeader, trusted: TrustedKeys?, now: Int64 = Check.now()) throws(EventLogError) {
            self.trusted = trusted
            notAfter = now.addingReportingOverflow(SealReport.Tail.clockSkewMaxMicros).overflow ? .max : now + SealReport.Tail.clockSkewMaxMicros
            headerVersion = header.writeVersion
            label = header.label
            chain = try HashChain(header: header)
        }

        mutating func next(_ payload: UnsafeRawBufferPointer) {
            guard broken == nil else { return }
            let object = RecordStamp.jsonObject(payload)
            // A JSON record naming a key twice is no record evlog writes: read one way here and another by the fold (a seal
            // whose `type` is given again as `plan_failed`), it breaks the chain where it stands.
            if object == nil, payload.first == SealRecord.jsonTag, RecordTopLevel.hasRepeatedKey(UnsafeRawBufferPointer(rebasing: payload[1...])) {
                broken = SealReport.Broken(
                    sealIndex: Int(sealsChecked) + 1, atRecord: chain.count, firstSuspect: lastValid.map { $0.records + 1 } ?? 0,
                    problem: "record \(chain.count) is no record evlog writes (its JSON names a key twice)", signer: "")
                return
            }
            let stamp = RecordStamp.read(payload, object: object)
            let previousStamp = lastStamp
            if let stamp { lastStamp = (stamp.sequence, stamp.time) }
            if let stamp, stamp.isSeal, let seal = SealRecord.decode(payload) {
                sealsChecked += 1
                if let problem = problem(with: seal, payload: payload, after: previousStamp) {
                    broken = SealReport.Broken(
                        sealIndex: Int(sealsChecked), atRecord: chain.count, firstSuspect: lastValid.map { $0.records + 1 } ?? 0,
                        problem: problem, signer: seal.fingerprint)
                    return
                }
                noteTrust(of: seal)
                if let last = lastValid, last.fingerprint != seal.fingerprint {
                    handovers.append(SealReport.Handover(
                        atRecord: last.records + 1, from: named(last.fingerprint), to: named(seal.fingerprint), counter: sealsChecked))
                }
                if let mark = crashMark {
                    crashTails.append(mark.records)
                    markSealedAt = sealsChecked
                    if let forged = crashMarkForged { crashTailForgeries.append(forged) }
                }
                crashMarkForged = nil
                crashMark = nil
                lastValid = SealReport.Seal(
                    fingerprint: seal.fingerprint, records: seal.records, firstTime: seal.firstTime, lastTime: seal.lastTime,
                    counter: sealsChecked, final: seal.final, host: trusted?.host(of: seal.fingerprint))
                previousSeal = SealRecord.digest(payload)
                if firstSeal == nil { firstSeal = previousSeal }
                chainHeads.append(seal.chainHead)
                if !signers.contains(seal.fingerprint) { signers.append(seal.fingerprint) }
                tail = SealReport.Tail()
                runningAtSeal = running
                if previousType == "command_started" { commandStartsSealed = true }
                previousType = nil
            } else {
                if let stamp {
                    if firstTime == nil { firstTime = stamp.time }
                    lastTime = stamp.time
                }
                // A binary record is an output chunk (`type` nil) only by its tag: any other is named as what it is.
                let type = object?["type"] as? String
                    ?? (object == nil && payload.first != SealRecord.outputTag ? SealReport.Tail.unknownRecord(tag: payload.first) : nil)
                noteCrashMark(type: type, object: object, payload: payload, after: previousStamp)
                if let info = bundleInfo, tail.records == 0, let seal = lastValid, seal.final, seal.records == info.index + 1 {
                    // A closed bundle continued (another host resumed it, FORMAT.md §9.3): a log again, not a bundle.
                    bundleInfo = nil
                }
                if type == SealReport.bundleInfoType {
                    // The log as bundled ends before the mark and seal the bundle writer put over a crashed writer's tail,
                    // where the log itself ends, so the two compare alike (FORMAT.md §9.6).
                    let markedByBundle = tail.records == 0 && markSealedAt == sealsChecked
                    bundleInfo = (chain.count, (object?["records"] as? NSNumber)?.uint64Value == chain.count
                        && object?["chain_head"] as? String == chain.headHex, sealsChecked - (markedByBundle ? 1 : 0),
                        (object?["bundled_at"] as? NSNumber)?.int64Value)
                }
                let step = object.map { $0["step"] as? String } ?? RecordStamp.outputStep(payload)
                track(type: type, step: step)
                tail.add(type: type, step: step, index: chain.count, stamp: stamp.map { ($0.sequence, $0.time) },
                         previous: previousStamp, running: runningAtSeal, notAfter: notAfter)
                previousType = type
            }
            chain.append(payload)
        }

        /// Keeps `unvouched`: the first seal a key that is not trusted made, until a trusted key seals after it. A
        /// seal signs the chain head over the header and every record before it, so a trusted key's seal after a
        /// hand-over (another host continued the closed log, FORMAT.md §9.3) vouches for the other key's records too.
        mutating func noteTrust(of seal: SealRecord) {
            guard let trusted, let key = try? SealPublicKey(text: seal.publicKey) else { return }
            guard !trusted.trusts(key) else { return unvouched = nil }
            guard unvouched == nil, let distrust = trusted.distrust(key) else { return }
            var stopped = self
            stopped.broken = SealReport.Broken(
                sealIndex: Int(sealsChecked), atRecord: chain.count, firstSuspect: lastValid.map { $0.records + 1 } ?? 0,
                problem: distrust, signer: seal.fingerprint, untrustedKey: true)
            unvouched = Unvouched(check: stopped)
        }

        /// Keeps `crashMark`: an `unsealed_at_crash` record must name exactly the records after a seal that is
        /// not final (what a crash left: `Tail.firstForged` nil), and be followed by a seal; any other record
        /// after it voids it (the next seal then fails).
        /// Its bytes must be exactly those a writer makes (`Sealer.crashTailMark`: no other field, `v` 1, and the
        /// `seq` and `time` of the record before it, `previous`), like a seal's.
        mutating func noteCrashMark(type: String?, object: [String: Any]?, payload: UnsafeRawBufferPointer, after previous: (sequence: UInt64, time: Int64)?) {
            if let mark = crashMark {
                crashMark = (mark.records, mark.problem ?? "a record follows its unsealed_at_crash mark before a seal")
                return
            }
            guard type == SealReport.crashTailType else { return }
            let first = (object?["first"] as? NSNumber)?.uint64Value ?? 0
            let last = (object?["last"] as? NSNumber)?.uint64Value ?? 0
            let records = min(first, last)...max(first, last)
            guard let seal = lastValid, !seal.final, tail.records > 0, first == seal.records + 1, last == chain.count - 1,
                  tail.firstForged == nil || headerVersion < LogFormat.versionHeaderInChain else {
                crashMark = (records, "its unsealed_at_crash mark (records \(first)–\(last)) does not name what follows a seal that is not final")
                return
            }
            guard let previous, Sealer.crashTailMark(records, after: previous).elementsEqual(payload) else {
                crashMark = (records, "its unsealed_at_crash mark's bytes are not those a writer makes (other fields or version, "
                    + "or a seq and time not those of the record before it)")
                return
            }
            crashMark = (records, nil)
            crashMarkForged = tail.firstForged
        }

        /// Keeps `running`: a step runs from its `step_started` until it ends, or the plan does.
        mutating func track(type: String?, step: String?) {
            switch type {
            case "step_started": if let step { running.insert(step) }
            case "step_done", "step_failed", "step_skipped": if let step { running.remove(step) }
            case "plan_done", "plan_failed", "plan_cancelled", "plan_interrupted", "plan_paused": running = []
            default: break
            }
        }

        /// Why `seal` (whose record bytes are `payload`, after a record stamped `previous`) does not hold.
        /// Its signature covers only some fields, so its bytes must be exactly those its writer makes
        /// (`SealRecord.encoded`: no extra, repeated or reformatted keys) and its `seq` and `time` those of
        /// the record before it: a reader never sees a seal record other than the one checked here.
        func problem(with seal: SealRecord, payload: UnsafeRawBufferPointer, after previous: (sequence: UInt64, time: Int64)?) -> String? {
            guard let key = try? SealPublicKey(text: seal.publicKey), key.fingerprint == seal.fingerprint else {
                return "its public key is malformed or does not match its fingerprint"
            }
            guard key.isValid(signature: seal.signature, for: seal.signedMessage) else { return "its signature is invalid" }
            // One key seals a log from start to end; another key may continue it only once it was closed (FORMAT.md §9.3).
            if let last = lastValid, last.fingerprint != seal.fingerprint, !last.final {
                let before = signers.count == 1 ? "the log began under" : "the seals before it are by"
                return "tampered: records \(last.records + 1).. sealed by \(named(seal.fingerprint)), \(before) \(named(last.fingerprint)), "
                    + "whose last seal (seal \(last.counter)) is not final (a log spliced onto another host's)"
            }
            if let problem = crashMark?.problem { return problem }
            guard seal.version == 1 || seal.version == SealRecord.versionCurrent else {
                return "its version \(seal.version) is not one evlog writes (1 or \(SealRecord.versionCurrent))"
            }
            if seal.version < 2, headerVersion >= LogFormat.versionHeaderInChain {
                return "it is a format-1 seal in a format-\(headerVersion) log, which only format-2 seals cover"
            }
            guard seal.records == chain.count else {
                return "it covers \(seal.records) records but \(chain.count) precede it (records were added or removed)"
            }
            guard seal.chainHead == chain.head else {
                return "the hash chain of the header and the records before it does not match its chain head"
            }
            guard seal.firstTime == (firstTime ?? seal.firstTime), seal.lastTime == lastTime || chain.count == 0 else {
                return "its time range does not match the records"
            }
            if seal.version >= 2 {
                guard seal.counter == sealsChecked else {
                    return "it is seal \(seal.counter) by its counter but seal \(sealsChecked) in the file (seals were removed or added)"
                }
                guard seal.previousSeal == previousSeal else { return "the previous seal it names is not the one before it" }
            }
            guard seal.encoded().elementsEqual(payload) else {
                return "its bytes are not those a writer makes (extra, repeated or reformatted fields were added)"
            }
            guard let previous, seal.sequence == previous.sequence, seal.time == previous.time else {
                return "its seq and time are not those of the record before it"
            }
            return nil
        }

        /// The real clock, in microseconds since 1970.
        static func now() -> Int64 {
            var spec = timespec()
            clock_gettime(CLOCK_REALTIME, &spec)
            return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
        }

        /// A key's fingerprint, after the host name the keyring gives it.
        func named(_ fingerprint: String) -> String {
            trusted?.host(of: fingerprint).map { "\($0) (\(fingerprint))" } ?? fingerprint
        }

        func report(writer: Int32?, bundle: Bool) -> SealReport {
            if let unvouched { return unvouched.check.report(writer: writer, bundle: bundle) }
            return SealReport(
                plan: label, lastValid: lastValid, broken: broken, signers: signers, totalRecords: chain.count + (broken == nil ? 0 : 1),
                expected: trusted?.description, writer: writer, tail: liveTail(writer: writer),
                sealsEveryTransition: headerVersion >= LogFormat.versionHeaderInChain, handovers: handovers,
                crashTails: crashTails, crashTailForgeries: crashTailForgeries, firstSeal: firstSeal, chainHeads: chainHeads, chainHead: chain.head,
                bundle: bundle || bundleInfo != nil ? SealReport.BundleEnd(info: bundleInfo, lastRecord: chain.count) : nil)
        }

        /// The tail as a live `writer` leaves it: a writer that seals each `command_started` as it records it
        /// (`commandStartsSealed`) leaves none unsealed, so one in its tail was appended by another process
        /// (integrity18 #1: it passed as "not sealed yet"). A crash tail is judged as before (FORMAT.md §9.5).
        func liveTail(writer: Int32?) -> SealReport.Tail {
            var tail = self.tail
            guard let writer, commandStartsSealed, tail.firstForged == nil, let start = tail.firstCommandStart else { return tail }
            tail.firstForged = SealReport.Tail.Forged(
                record: start,
                reason: "it is a command_started event, which this log's writer seals as it records it (a seal follows each earlier one), "
                    + "yet process \(writer), still writing, has not")
            return tail
        }
    }

    /// A check stopped at a seal by a key not trusted (`Check.unvouched`); a class, as a check holds one.
    final class Unvouched {
        let check: Check
        init(check: Check) { self.check = check }
    }
}
