/// A URL evlog fetches (release assets, checksum files, installer scripts, signing keys, repositories): `https`,
/// or plain `http` only to this machine (a local mirror or test server); a host; no credentials, spaces, quotes or
/// control characters. `{name}` holes are checked as if filled.
enum DownloadURLGrammar {
    static func problem(with url: String) -> String? {
        guard let text = GrammarText.filled(url) else { return "holds an unknown {placeholder} or a stray brace" }
        let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        let scheme: String
        if text.hasPrefix("https://") {
            scheme = "https://"
        } else if let local = loopback.first(where: { text.hasPrefix($0) }),
            text.dropFirst(local.count).first.map({ $0 == ":" || $0 == "/" }) ?? true
        {
            scheme = "http://"
        } else {
            return "is not an https URL (plain http only to 127.0.0.1 or localhost)"
        }
        let rest = text.dropFirst(scheme.count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.contains("@") else { return "names no host, or carries credentials (user@)" }
        guard isHostAndPort(authority) else { return "has no valid host[:port] after the scheme" }
        let allowed = "-._~:/?#[]!$&()*+,;=%"
        guard text.allSatisfy({ GrammarText.isASCIIAlphanumeric($0) || allowed.contains($0) }), text.count <= 2048 else {
            return "holds characters a URL may not (spaces, quotes, controls, non-ASCII)"
        }
        return nil
    }

    /// `host`, `host:port` or `[v6]:port`: a host of letters, digits, `.` and `-`, a port of digits.
    private static func isHostAndPort(_ authority: Substring) -> Bool {
        var host = authority
        var port: Substring = ""
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return false }
            host = authority[authority.index(after: authority.startIndex)..<close]
            guard host.allSatisfy({ $0.isHexDigit || $0 == ":" }) else { return false }
            port = authority[authority.index(after: close)...]
            guard port.isEmpty || port.hasPrefix(":") else { return false }
            port = port.dropFirst()
        } else {
            let parts = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = parts[0]
            port = parts.count == 2 ? parts[1] : ""
            guard !host.isEmpty, GrammarText.consists(of: host, alphanumericsAnd: ".-") else { return false }
            if parts.count == 2 && port.isEmpty { return false }
        }
        return port.count <= 5 && port.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
