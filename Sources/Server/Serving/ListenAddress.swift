import Foundation

/// `HOST:PORT` for `--listen` (`127.0.0.1:0`, `[::1]:8080`, `0.0.0.0:8080`), and whether it is loopback only.
public struct ListenAddress: Sendable, Equatable {
    public var host: String
    public var port: Int

    public static let loopbackDefault = ListenAddress(host: "127.0.0.1", port: 0)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, an IPv6 address in brackets (`[::1]:8080`); nil when it is not that (the caller
    /// names the flag in its error, with `hint`). `::1:0` is refused: it is itself an IPv6 address, whose
    /// last part could be read as the port or not (serve14 #3).
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        } else if host.contains(":") {
            return nil
        }
        let portText = text[text.index(after: colon)...]
        // Digits only: `+80` and ` 80` are no ports, as `0x50` is none.
        guard !host.isEmpty, !portText.isEmpty, portText.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            portText.count <= 5, let port = Int(portText), (0...65535).contains(port), Self.isHost(host)
        else { return nil }
        self.init(host: host, port: port)
    }

    /// An IPv4 address (four numbers up to 255), an IPv6 address (a colon in it), or a name of letters, digits,
    /// dots and hyphens that is not all digits and dots (`256.0.0.1` is no address, not a name to look up).
    static func isHost(_ host: String) -> Bool {
        if host.contains(":") {
            var address = in6_addr()
            return inet_pton(AF_INET6, host, &address) == 1
        }
        if host.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            var address = in_addr()
            return host.split(separator: ".", omittingEmptySubsequences: false).count == 4 && inet_pton(AF_INET, host, &address) == 1
        }
        return host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
    }

    /// Every address of this machine (`0.0.0.0`, `::`).
    public var isWildcard: Bool {
        host == "0.0.0.0" || host.split(separator: ":", omittingEmptySubsequences: true).allSatisfy { Int($0, radix: 16) == 0 }
    }

    /// What `--listen` takes, for the error of a `text` that does not parse: an unbracketed IPv6 address is shown bracketed.
    public static func hint(for text: String) -> String {
        let unbracketed = !text.hasPrefix("[") && text.filter { $0 == ":" }.count > 1
        return unbracketed ? "write an IPv6 address in brackets, as [::1]:8080" : "e.g. 127.0.0.1:8080 or [::1]:8080"
    }

    /// Only this machine can connect: 127.0.0.0/8, ::1 (however written), either as an IPv4-mapped IPv6
    /// address (`::ffff:127.0.0.1`, serve14 #3), or `localhost`.
    public var isLoopback: Bool {
        if host == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
        return bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1 || mapped && bytes[12] == 127
    }
}
