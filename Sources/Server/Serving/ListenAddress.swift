/// `HOST:PORT` for `--listen` (`127.0.0.1:0`, `[::1]:8080`, `0.0.0.0:8080`), and whether it is loopback only.
public struct ListenAddress: Sendable, Equatable {
    public var host: String
    public var port: Int

    public static let loopbackDefault = ListenAddress(host: "127.0.0.1", port: 0)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`; nil when it is not that (the caller names the flag in its error).
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port),
            host.allSatisfy({ $0.isLetter || $0.isNumber || ".:-".contains($0) })
        else { return nil }
        self.init(host: host, port: port)
    }

    /// Every address of this machine (`0.0.0.0`, `::`).
    public var isWildcard: Bool {
        host == "0.0.0.0" || host.split(separator: ":", omittingEmptySubsequences: true).allSatisfy { Int($0, radix: 16) == 0 }
    }

    /// Only this machine can connect: 127.0.0.0/8, ::1 or `localhost`.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
