import Crypto

/// The running SHA-256 chain over a log's record payloads, in order (Docs/FORMAT.md §9.1):
/// `link_0 = SHA-256("evlog-chain-v1")`, `link_n = SHA-256(link_{n-1} || payload_n)`.
///
/// Editing, inserting, dropping or reordering any record changes every later link, so a signature over
/// one link commits to every record before it.
public struct HashChain: Sendable, Equatable {
    /// The link after the last record appended.
    public private(set) var head: [UInt8]
    /// How many records the chain covers.
    public private(set) var count: UInt64

    public static let genesis: [UInt8] = Array(SHA256.hash(data: Array("evlog-chain-v1".utf8)))

    public init() {
        head = HashChain.genesis
        count = 0
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
