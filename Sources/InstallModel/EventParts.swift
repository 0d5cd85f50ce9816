/// An event too large for one log record (the `plan_created` of a plan of tens of thousands of steps),
/// stored as parts (Docs/FORMAT.md §7.9): its payload cut into pieces, each a record
/// `tag 0x03 | seq u64 | time i64 | index u32 | count u32 | piece`, in order, nothing between them.
/// Joined, the pieces are the event's JSON payload (tag `0x01`). A reader that does not know the tag
/// reads each part as an unknown event (§7.1, R7.2); a log holding parts says so in its header (§2).
public enum EventParts {
    public static let tag: UInt8 = 0x03
    static let headerBytes = 1 + 8 + 8 + 4 + 4
    /// The payload bytes one part carries.
    public static let pieceBytes = 1 << 20
    /// The most parts one event may have (64 MiB): more is not an event this evlog writes.
    public static let countMax = 64

    /// The records that store `payload`, the encoding of `event`: itself when it fits in `recordBytesMax`
    /// bytes (or is not JSON: an output chunk is cut by its writer), else its parts. Each part is made as it is
    /// taken, so a large event is not held a second time whole as parts (repro13 F5).
    public static func records(_ payload: [UInt8], of event: Event, recordBytesMax: Int) -> LazyMapCollection<Range<Int>, [UInt8]> {
        let whole = payload.count <= recordBytesMax || payload.first != EventPayload.jsonTag
        let (sequence, time) = (event.sequence, event.time.microseconds)
        let count = whole ? 1 : (payload.count + pieceBytes - 1) / pieceBytes
        return (0..<count).lazy.map { index in
            if whole { return payload }
            var part: [UInt8] = [tag]
            part.reserveCapacity(headerBytes + pieceBytes)
            withUnsafeBytes(of: sequence.littleEndian) { part.append(contentsOf: $0) }
            withUnsafeBytes(of: time.littleEndian) { part.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(index).littleEndian) { part.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(count).littleEndian) { part.append(contentsOf: $0) }
            part.append(contentsOf: payload[(index * pieceBytes)..<min(payload.count, (index + 1) * pieceBytes)])
            return part
        }
    }
}

extension EventParts {
    /// The sequence number of the event whose first part `raw` is (a part of index 0 of 2 or more), or nil for any
    /// other record: where a reader of a checkpoint stored as parts lands (FORMAT.md §7.8).
    public static func firstPartSequence(_ raw: UnsafeRawBufferPointer) -> UInt64? {
        guard raw.count > headerBytes, raw.first == tag, raw.loadUnaligned(fromByteOffset: 17, as: UInt32.self) == 0 else { return nil }
        let count = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 21, as: UInt32.self))
        guard count >= 2, count <= countMax else { return nil }
        return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 1, as: UInt64.self))
    }

    /// How many parts of the same event come after `record`: its count less one when it is an event's first part,
    /// else 0. A store that acts after a checkpoint (a seal) acts after its last part (FORMAT.md §7.8).
    public static func partsFollowing(_ record: [UInt8]) -> Int {
        record.withUnsafeBytes { raw in
            guard firstPartSequence(raw) != nil else { return 0 }
            return Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 21, as: UInt32.self))) - 1
        }
    }
}

/// Turns stored records back into events, joining the parts of one that spans several (`EventParts`).
/// Parts out of order, of different events, more than `EventParts.countMax`, or cut off by another record
/// do not decode: the reader counts them as records that are not events.
public struct EventRecordJoiner {
    private var pending: (sequence: UInt64, count: UInt32, next: UInt32, payload: [UInt8])?

    public init() {}

    /// The event `raw` completes: its own when it is whole, the joined one at an event's last part, nil
    /// at a part before the last.
    public mutating func event(from raw: UnsafeRawBufferPointer) throws(EventDecodingError) -> Event? {
        guard raw.first == EventParts.tag else {
            try wholeRecordComes()
            return try EventPayload.decode(raw)
        }
        guard raw.count > EventParts.headerBytes else { throw .truncated(tag: EventParts.tag, bytes: raw.count) }
        let sequence = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 1, as: UInt64.self))
        let index = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 17, as: UInt32.self))
        let count = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 21, as: UInt32.self))
        let piece = raw[EventParts.headerBytes...]
        var current = pending ?? (sequence, count, 0, [])
        pending = nil
        // Room for every piece at once: grown by doubling, the joined payload was held twice while it grew.
        if current.next == 0, count >= 2, count <= EventParts.countMax { current.payload.reserveCapacity(Int(count) * EventParts.pieceBytes) }
        guard count >= 2, count <= EventParts.countMax, current.sequence == sequence, current.count == count, current.next == index else {
            throw .brokenParts("part \(index) of \(count) of event \(sequence) is not the part expected")
        }
        current.payload.append(contentsOf: piece)
        current.next += 1
        guard current.next == count else {
            pending = current
            return nil
        }
        guard current.payload.first == EventPayload.jsonTag else {
            throw .brokenParts("the parts of event \(sequence) do not join into a JSON event")
        }
        return try EventPayload.decode(current.payload)
    }

    /// Notes that a record that is no part comes next (one its reader decodes itself): throws when it cuts
    /// off an event's parts.
    public mutating func wholeRecordComes() throws(EventDecodingError) {
        guard pending != nil else { return }
        pending = nil
        throw .brokenParts("an event's parts are cut off by another record")
    }

    public mutating func event(from bytes: [UInt8]) throws(EventDecodingError) -> Event? {
        let result = bytes.withUnsafeBytes { raw in Result { () throws(EventDecodingError) in try event(from: raw) } }
        return try result.get()
    }
}
