import Crypto

/// The SHA-256 of bytes evlog wrote itself (a config file), as lowercase hex: what a log records of
/// them, so a reproduction can tell that it wrote the same bytes.
public enum ContentDigest {
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// A SHA-256 fed in pieces (a file read a buffer at a time), finished as lowercase hex.
    public struct Pieces {
        private var hasher = SHA256()

        public init() {}

        public mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

        public func finish() -> String { ContentDigest.hex(hasher.finalize()) }
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
