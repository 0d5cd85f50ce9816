/// The file header (FORMAT.md §2): versions and creation info, closed by a checksum.
public struct LogHeader: Equatable, Sendable {
    /// Oldest format version a reader must understand to read this log.
    public var readVersion: UInt16
    /// Oldest format version a writer must understand to append to this log.
    public var writeVersion: UInt16
    /// Creation time chosen by the caller, microseconds since the Unix epoch (EventLog never reads a clock for it).
    public var createdAtMicros: Int64
    /// Who made the log, for example "evlog 0.1.0".
    public var creator: String
    /// What the log is about, for example the plan id.
    public var label: String

    /// A header for a new log in the current format; `mayHoldEventParts`: its records may be event parts
    /// (FORMAT.md §7.9), which takes the versions that name them.
    public init(creator: String, label: String, createdAtMicros: Int64, mayHoldEventParts: Bool = false) {
        readVersion = mayHoldEventParts ? LogFormat.versionEventParts : LogFormat.readVersionWritten
        writeVersion = mayHoldEventParts ? LogFormat.versionEventParts : LogFormat.versionHeaderInChain
        self.createdAtMicros = createdAtMicros
        self.creator = creator
        self.label = label
    }

    /// Whether the log's records may be event parts (FORMAT.md §7.9): a reader of its version knows them.
    public var mayHoldEventParts: Bool { readVersion >= LogFormat.versionEventParts }

    /// The encoded header, checksum included (the bytes a version-2 seal chain starts from, FORMAT.md §9.1).
    public func encoded() throws(EventLogError) -> [UInt8] {
        let creatorBytes = Array(creator.utf8)
        let labelBytes = Array(label.utf8)
        guard creatorBytes.count <= LogFormat.creatorBytesMax else {
            throw .fieldTooLong(field: "creator", bytes: creatorBytes.count, limit: LogFormat.creatorBytesMax)
        }
        guard labelBytes.count <= LogFormat.labelBytesMax else {
            throw .fieldTooLong(field: "label", bytes: labelBytes.count, limit: LogFormat.labelBytesMax)
        }
        let headerBytes = LogFormat.headerFixedBytes + creatorBytes.count + labelBytes.count + LogFormat.headerChecksumBytes
        var out = LogFormat.magic
        out.reserveCapacity(headerBytes)
        out.appendLittleEndian(readVersion)
        out.appendLittleEndian(writeVersion)
        out.appendLittleEndian(UInt32(headerBytes))
        out.appendLittleEndian(UInt64(bitPattern: createdAtMicros))
        out.appendLittleEndian(UInt16(creatorBytes.count))
        out.appendLittleEndian(UInt16(labelBytes.count))
        out.appendLittleEndian(UInt32(0))
        out += creatorBytes
        out += labelBytes
        out.appendLittleEndian(XXH64.hash(out, seed: 0))
        precondition(out.count == headerBytes, "header encoding produced \(out.count) bytes, expected \(headerBytes)")
        return out
    }

    /// The outcome of decoding the start of a file.
    enum Decoded: Equatable {
        /// A complete, valid header of `byteCount` bytes; `seed` is its checksum, the seed of every block checksum.
        case valid(LogHeader, byteCount: Int, seed: UInt64)
        /// The bytes do not start with the magic.
        case notALog
        /// The bytes start like a log but the header is incomplete (`torn`: the file ends inside it) or wrong.
        case damaged(offset: Int, reason: String, torn: Bool)
    }

    /// Decodes a header from the first bytes of a file (`bytes` may be shorter than the header when the file is).
    static func decode(_ bytes: [UInt8]) -> Decoded {
        let magicCount = min(bytes.count, LogFormat.magic.count)
        guard Array(bytes[0..<magicCount]) == Array(LogFormat.magic[0..<magicCount]) else { return .notALog }
        guard bytes.count >= LogFormat.headerFixedBytes else {
            return .damaged(offset: bytes.count, reason: "the file ends inside the header (\(bytes.count) of at least \(LogFormat.headerFixedBytes) bytes)", torn: true)
        }
        let headerBytes = Int(bytes.littleEndianUInt32(at: 12))
        let creatorCount = Int(bytes.littleEndianUInt16(at: 24))
        let labelCount = Int(bytes.littleEndianUInt16(at: 26))
        let expectedBytes = LogFormat.headerFixedBytes + creatorCount + labelCount + LogFormat.headerChecksumBytes
        guard creatorCount <= LogFormat.creatorBytesMax, labelCount <= LogFormat.labelBytesMax, headerBytes == expectedBytes else {
            return .damaged(offset: 12, reason: "inconsistent header lengths (header \(headerBytes), creator \(creatorCount), label \(labelCount) bytes)", torn: false)
        }
        guard bytes.count >= headerBytes else {
            return .damaged(offset: bytes.count, reason: "the file ends inside the header (\(bytes.count) of \(headerBytes) bytes)", torn: true)
        }
        let checksumOffset = headerBytes - LogFormat.headerChecksumBytes
        let stored = bytes.littleEndianUInt64(at: checksumOffset)
        let computed = bytes.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[0..<checksumOffset]), seed: 0) }
        guard stored == computed else {
            return .damaged(offset: 0, reason: "header checksum mismatch", torn: false)
        }
        let creatorStart = LogFormat.headerFixedBytes
        let labelStart = creatorStart + creatorCount
        var header = LogHeader(
            creator: String(decoding: bytes[creatorStart..<labelStart], as: UTF8.self),
            label: String(decoding: bytes[labelStart..<(labelStart + labelCount)], as: UTF8.self),
            createdAtMicros: Int64(bitPattern: bytes.littleEndianUInt64(at: 16)))
        header.readVersion = bytes.littleEndianUInt16(at: 8)
        header.writeVersion = bytes.littleEndianUInt16(at: 10)
        return .valid(header, byteCount: headerBytes, seed: computed)
    }
}
