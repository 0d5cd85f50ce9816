import EventLog

/// The seals of a log read from the middle — from its last checkpoint, by a fold that reads that much anyway
/// (`evlog list`, `evlog serve`'s plan list) — checked without hashing what comes before. The first seal read is taken
/// at its word for the chain head and counter it states, once its key, signature and bytes hold and it stands at the
/// record index it names; every seal after it is checked as `SealVerifier` checks it, the chain hashed from that first
/// seal on. So an edit after the first seal read (in the records a crash or a forger appends to) breaks a seal here as
/// in a whole pass; an edit before it, the checkpoint included, is seen only by a whole pass (`evlog verify`,
/// `status`, `replay`, the plan page: `PlanLog.sealNote`).
public final class SealTailVerifier {
    private var check: SealVerifier.Check?
    private var unreadable = false
    /// The log-wide index of the next record observed.
    private var index: UInt64
    /// The sequence number and time of the record before the next one, when it had them.
    private var previous: (sequence: UInt64, time: Int64)?

    /// A check whose first record observed is the log's record `firstRecord`.
    public init(firstRecord: UInt64) { index = firstRecord }

    /// The next record of the log whose header is `header`, in order.
    public func observe(header: LogHeader, payload: UnsafeRawBufferPointer) {
        defer { index += 1 }
        if check != nil { return check!.next(payload) }
        let stamp = RecordStamp.read(payload)
        defer { previous = stamp.map { ($0.sequence, $0.time) } }
        guard !unreadable, let stamp, stamp.isSeal, let seal = SealRecord.decode(payload) else { return }
        do {
            var started = try SealVerifier.Check(header: header, trusted: nil)
            started.resume(at: seal, index: index, after: previous)
            started.next(payload)
            check = started
        } catch {
            unreadable = true
        }
    }

    /// What the seals observed say, when one of them is broken; nil when they hold (or none was observed).
    public var broken: SealReport? {
        guard let check, check.broken != nil else { return nil }
        return check.report(writer: nil, bundle: false)
    }
}

extension SealVerifier.Check {
    /// The check as it stands just before `seal`, the log's record `index` after a record stamped `previous`, when
    /// nothing before it was read: the chain, counter, previous seal and time range are those `seal` states, so checking
    /// it tests only what it can be held to alone — its key, signature, version and bytes, its record index, and its
    /// `seq` and `time` against the record before it.
    mutating func resume(at seal: SealRecord, index: UInt64, after previous: (sequence: UInt64, time: Int64)?) {
        chain = HashChain(head: seal.chainHead, count: index)
        sealsChecked = max(seal.counter, 1) - 1
        previousSeal = seal.previousSeal
        firstTime = seal.firstTime
        lastTime = seal.lastTime
        lastStamp = previous
    }
}
