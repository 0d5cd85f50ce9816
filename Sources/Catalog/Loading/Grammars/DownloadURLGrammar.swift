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
        let allowed = "-._~:/?#[]!$&()*+,;=%"
        guard text.allSatisfy({ GrammarText.isASCIIAlphanumeric($0) || allowed.contains($0) }), text.count <= 2048 else {
            return "holds characters a URL may not (spaces, quotes, controls, non-ASCII)"
        }
        return nil
    }
}
