/// WireGuard's keys in `wg show … dump` (secrets11 F8): tab-separated lines, an interface's
/// `[ifname]  private-key  public-key  listen-port  fwmark` and a peer's `[ifname]  public-key  preshared-key
/// endpoint  …`. Two keys (44 base64 characters ending in `=`) side by side: before a port, the first is the
/// interface's private key; before anything else (an endpoint, `(none)`), the second is the peer's preshared key.
enum WireGuardDumpLines {
    private static let keyEnd = Array("=\t".utf8)
    /// A Curve25519 key in base64.
    private static let keyCharacters = 44

    /// The private and preshared keys of the dump lines in `data`.
    static func ranges(in data: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var from = 0
        while from < data.count, let equals = BytePattern.firstIndex(of: keyEnd, in: data, from: from) {
            from = equals + 2
            let first = (equals + 1 - keyCharacters)..<(equals + 1)
            guard first.lowerBound >= 0, first.lowerBound == 0 || data[first.lowerBound - 1] == 0x09 || SecretPatterns.isLineEnd(data[first.lowerBound - 1]),
                isKey(data, first)
            else { continue }
            let second = (equals + 2)..<min(data.count, equals + 2 + keyCharacters)
            guard second.count == keyCharacters, isKey(data, second), second.upperBound < data.count, data[second.upperBound] == 0x09 else { continue }
            var next = second.upperBound + 1
            while next < data.count, SecretPatterns.isDigit(data[next]) { next += 1 }
            let port = next > second.upperBound + 1 && next < data.count && data[next] == 0x09
            found.append(port ? first : second)
            from = second.upperBound
        }
        return found
    }

    /// Base64 of 32 bytes: 43 characters of the alphabet and a `=`.
    private static func isKey(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        data[range.upperBound - 1] == 0x3D
            && range.dropLast().allSatisfy { SecretPatterns.isLetter(data[$0]) || SecretPatterns.isDigit(data[$0]) || data[$0] == 0x2B || data[$0] == 0x2F }
    }
}
