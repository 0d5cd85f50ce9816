/// One seal of one log, as the record of seals seen keeps it (`LastSeenSeals`, Docs/FORMAT.md §9.6): which
/// log (the digest of its first seal, the same in every copy of it and whatever its header says), how far
/// (the seal's counter) and which history (the chain head that seal signs), with the plan and key it names.
public struct SealPoint: Sendable, Equatable {
    /// SHA-256 of the log's first seal payload: the log's identity across copies, bundles and hand-overs.
    public var log: [UInt8]
    /// The log's header label (its plan id), for people reading the record.
    public var plan: String
    /// The fingerprint of the key of the log's last seal (after a hand-over, not the first key's).
    public var key: String
    /// The seal's counter: 1 for the log's first seal.
    public var counter: UInt64
    /// The chain head the seal signs: another history under the same counter has another one.
    public var chainHead: [UInt8]

    /// When `key` took the log over from another key (`SealReport.Handover`): the counter of its first seal and the
    /// chain head of the seal before it, the other key's final one. Nil when one key sealed the log, or not known
    /// (a writer's own seals).
    public var branch: (since: UInt64, base: [UInt8])?

    public init(log: [UInt8], plan: String, key: String, counter: UInt64, chainHead: [UInt8], branch: (since: UInt64, base: [UInt8])? = nil) {
        self.log = log
        self.plan = plan
        self.key = key
        self.counter = counter
        self.chainHead = chainHead
        self.branch = branch
    }

    public static func == (a: SealPoint, b: SealPoint) -> Bool {
        (a.log, a.plan, a.key, a.counter, a.chainHead) == (b.log, b.plan, b.key, b.counter, b.chainHead)
            && a.branch?.since == b.branch?.since && a.branch?.base == b.branch?.base
    }
}
