import InstallModel

/// Where encoded events go: the log writer in production, memory in tests.
///
/// Contract: records are kept in append order; `sync()` makes every record appended so far durable;
/// after a crash, everything before the last `sync()` is still there.
public protocol EventStore: AnyObject {
    /// Whether a record may be a part of an event larger than a record (FORMAT.md §7.9): a log says so in its
    /// header (`LogHeader.mayHoldEventParts`); memory holds anything.
    var acceptsEventParts: Bool { get }
    func append(_ payload: [UInt8], checkpoint: Bool) throws
    /// Stores the records of one event, `event` (itself, or its parts: `EventParts`), in order. A store that looks at
    /// the events themselves (a reproduction compares them) takes `event` as it is, not decoded again from its
    /// records: a `plan_created` of megabytes was joined and decoded anew for it (repro13 F5).
    func append(records: some Sequence<[UInt8]>, of event: Event) throws
    func sync() throws
    func close() throws
}

extension EventStore {
    public func append(records: some Sequence<[UInt8]>, of event: Event) throws {
        for record in records { try append(record, checkpoint: false) }
    }
}

/// Keeps nothing: where the events of a run that only needs them compared go (`reproduce --check`).
public final class DiscardingEventStore: EventStore {
    public init() {}
    public var acceptsEventParts: Bool { true }
    public func append(_ payload: [UInt8], checkpoint: Bool) throws {}
    public func sync() throws {}
    public func close() throws {}
}

/// Keeps records in memory and models a crash: `crash()` drops everything after the last sync.
public final class MemoryEventStore: EventStore {
    public private(set) var records: [[UInt8]] = []
    public private(set) var syncedCount = 0
    public init(records: [[UInt8]] = []) {
        self.records = records
        syncedCount = records.count
    }
    public var acceptsEventParts: Bool { true }
    public func append(_ payload: [UInt8], checkpoint: Bool) throws { records.append(payload) }
    public func sync() throws { syncedCount = records.count }
    public func close() throws { syncedCount = records.count }
    /// What survives a crash now.
    public var survivingRecords: [[UInt8]] { Array(records.prefix(syncedCount)) }
    public func events() throws -> [Event] {
        var joiner = EventRecordJoiner()
        return try records.compactMap { try joiner.event(from: $0) }
    }
}
