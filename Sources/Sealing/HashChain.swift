import Crypto
import EventLog

/// The running SHA-256 chain over a log's record payloads, in order (Docs/FORMAT.md §9.1):
/// `link_0 = SHA-256("evlog-chain-v2" || file header)` (format 1: `SHA-256("evlog-chain-v1")`),
/// `link_n = SHA-256(link_{n-1} || payload_n)`.
///
/// Editing the header, or editing, inserting, dropping or reordering any record, changes every later
/// link, so a signature over one link commits to the header and every record before it.
public struct HashChain: Sendable, Equatable {
    /// The link after the last record appended.
    public private(set) var head: [UInt8]
    /// How many records the chain covers.
    public private(set) var count: UInt64
    /// `head` as seals and `bundle_info` write it: lower-case hex.
    public var headHex: String { Hex.encode(head) }

    /// The first link of a format-1 log, whose header is outside the chain.
    public static let genesisVersion1: [UInt8] = Array(SHA256.hash(data: Array("evlog-chain-v1".utf8)))

    /// The first link of the log whose header is `header`: its encoded bytes from format 2 on.
    public static func genesis(of header: LogHeader) throws(EventLogError) -> [UInt8] {
        guard header.writeVersion >= LogFormat.versionHeaderInChain else { return genesisVersion1 }
        return Array(SHA256.hash(data: Array("evlog-chain-v2".utf8) + (try header.encoded())))
    }

    /// The chain of the log whose header is `header`, before its first record.
    public init(header: LogHeader) throws(EventLogError) {
        head = try HashChain.genesis(of: header)
        count = 0
    }

    /// The chain as a seal states it: `head` after `count` records (`SealTailVerifier`, which starts at a seal it has
    /// not hashed up to).
    init(head: [UInt8], count: UInt64) {
        self.head = head
        self.count = count
    }

    public mutating func append(_ payload: UnsafeRawBufferPointer) {
        var hasher = SHA256()
        hasher.update(data: head)
        hasher.update(bufferPointer: payload)
        head = Array(hasher.finalize())
        count += 1
    }

    public mutating func append(_ payload: [UInt8]) {
        payload.withUnsafeBytes { append($0) }
    }
}
