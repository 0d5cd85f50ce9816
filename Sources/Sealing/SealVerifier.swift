import Foundation
import EventLog

/// Checks a log's hash chain against its seal records (Docs/FORMAT.md §9.3).
public enum SealVerifier {
    /// Reads the log's intact records and checks every seal in order; stops at the first that fails.
    /// With `expected`, every seal must be signed by that key.
    public static func verify(path: String, expected: SealPublicKey? = nil) throws(EventLogError) -> SealReport {
        let reader = try LogReader(path: path)
        var check = Check(expected: expected)
        try reader.forEachRecord { _, _, payload in check.next(payload) }
        return check.report()
    }

    /// The chain and the last valid seal while reading records in order.
    struct Check {
        let expected: SealPublicKey?
        var chain = HashChain()
        var firstTime: Int64?
        var lastTime: Int64 = 0
        var lastValid: SealReport.Seal?
        var sealsChecked = 0
        var broken: SealReport.Broken?

        init(expected: SealPublicKey?) { self.expected = expected }

        mutating func next(_ payload: UnsafeRawBufferPointer) {
            guard broken == nil else { return }
            let stamp = RecordStamp.read(payload)
            if let stamp, stamp.isSeal, let seal = SealRecord.decode(payload) {
                sealsChecked += 1
                if let problem = problem(with: seal) {
                    broken = SealReport.Broken(
                        sealIndex: sealsChecked, atRecord: chain.count, firstSuspect: lastValid.map { $0.records + 1 } ?? 0,
                        problem: problem)
                    return
                }
                lastValid = SealReport.Seal(
                    fingerprint: seal.fingerprint, records: seal.records, firstTime: seal.firstTime, lastTime: seal.lastTime)
            } else if let stamp {
                if firstTime == nil { firstTime = stamp.time }
                lastTime = stamp.time
            }
            chain.append(payload)
        }

        func problem(with seal: SealRecord) -> String? {
            guard let key = try? SealPublicKey(text: seal.publicKey), key.fingerprint == seal.fingerprint else {
                return "its public key is malformed or does not match its fingerprint"
            }
            if let expected, expected != key {
                return "it is signed by \(seal.fingerprint), not by the expected key \(expected.fingerprint)"
            }
            guard key.isValid(signature: seal.signature, for: seal.signedMessage) else { return "its signature is invalid" }
            guard seal.records == chain.count else {
                return "it covers \(seal.records) records but \(chain.count) precede it (records were added or removed)"
            }
            guard seal.chainHead == chain.head else { return "the hash chain of the records before it does not match its chain head" }
            guard seal.firstTime == (firstTime ?? seal.firstTime), seal.lastTime == lastTime || chain.count == 0 else {
                return "its time range does not match the records"
            }
            return nil
        }

        func report() -> SealReport {
            SealReport(
                lastValid: lastValid, broken: broken, totalRecords: chain.count + (broken == nil ? 0 : 1),
                expected: expected?.fingerprint)
        }
    }
}

/// What a log's seals prove: who sealed how much of it, what is after the last seal, or where the
/// chain first breaks.
public struct SealReport: Sendable, Equatable {
    /// The records and time range one valid seal covers.
    public struct Seal: Sendable, Equatable {
        public var fingerprint: String
        public var records: UInt64
        public var firstTime: Int64
        public var lastTime: Int64
    }

    /// The first seal that does not hold, and the records one of which was changed.
    public struct Broken: Sendable, Equatable {
        /// 1 for the first seal in the log.
        public var sealIndex: Int
        /// The record index of the seal.
        public var atRecord: UInt64
        /// The first record not covered by an earlier valid seal.
        public var firstSuspect: UInt64
        public var problem: String
    }

    public var lastValid: Seal?
    public var broken: Broken?
    /// Intact records read (checked up to and including a broken seal).
    public var totalRecords: UInt64
    /// The fingerprint seals had to be signed by, when one was given.
    public var expected: String?

    /// The log carries a seal and none of its seals fails.
    public var isSealed: Bool { lastValid != nil && broken == nil }
    /// Tampering (or a wrong key) was detected: a seal fails, or a key was expected and there is no seal.
    public var failed: Bool { broken != nil || (expected != nil && lastValid == nil) }
    /// Records after the last valid seal (a crash before the next seal leaves some; that is not tampering).
    public var unsealedTail: UInt64 { lastValid.map { totalRecords - $0.records - 1 } ?? totalRecords }

    public var summary: String {
        if let broken {
            return "seal broken: seal \(broken.sealIndex) (record \(broken.atRecord)) fails: \(broken.problem); "
                + "first broken link: records \(broken.firstSuspect)–\(Int64(broken.atRecord) - 1)"
                + (lastValid.map { ", the records before were sealed by \($0.fingerprint)" } ?? "")
        }
        guard let seal = lastValid else {
            return expected.map { "not sealed (expected a seal by \($0))" } ?? "not sealed: integrity only"
        }
        let tail = unsealedTail == 0 ? "nothing after it" : "unsealed tail: \(unsealedTail) records after the last seal (a crash or a run still writing, not tampering)"
        return "sealed by \(seal.fingerprint), records 0–\(Int64(seal.records) - 1), "
            + "time \(SealReport.iso(seal.firstTime)) – \(SealReport.iso(seal.lastTime)); \(tail)"
    }

    static func iso(_ micros: Int64) -> String {
        var seconds = time_t(micros / 1_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
