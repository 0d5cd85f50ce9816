import Crypto

/// The SHA-256 of bytes evlog wrote itself (a config file), as lowercase hex: what a log records of
/// them, so a reproduction can tell that it wrote the same bytes.
public enum ContentDigest {
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
