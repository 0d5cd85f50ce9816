/// Commands that print a secret bare, as their output's point: a subcommand named for a credential
/// (`argocd admin initial-password`, `aws ecr get-login-password`, `gcloud auth print-access-token`, `gh auth
/// token`, `kubectl create token`) or for making a key (`wg genkey`, `wg genpsk`, `ssh-keygen`, `pwgen`, `openssl
/// rand`, `head -c 32 /dev/urandom`). A line of their output that is one word looking like a secret is one
/// (`SecretStream.printsSecrets`). Judged on the words of the command line, and on the words of a shell
/// script given in it (`sh -c 'wg genkey | tee key'`).
enum SecretPrintingCommands {
    /// Parts of a word that say it makes a key or a password.
    static let keyMakingParts = ["genkey", "keygen", "genpsk", "pwgen", "urandom", "gen-key", "genpass"]
    /// A subcommand that prints random bytes after the tool before it (`openssl rand`).
    private static let randomBytesWord = "rand"

    /// Whether `argv` runs a command that prints a secret bare.
    static func printsSecrets(_ argv: [String]) -> Bool {
        var previous = ""
        for word in argv.flatMap({ $0.split(whereSeparator: { " \t\n;|&()'\"`".contains($0) }) }) {
            defer { previous = String(word) }
            let lower = word.lowercased()
            if keyMakingParts.contains(where: { lower.contains($0) }) || (lower == randomBytesWord && previous.hasSuffix("openssl")) { return true }
            guard !word.hasPrefix("-"), !word.contains("="), !word.contains("/"), !word.contains(".") else { continue }
            let bytes = Array(word.utf8)
            let strong = bytes.withUnsafeBufferPointer { CredentialName.kind(of: $0, 0, $0.count) == .strong }
            if strong { return true }
        }
        return false
    }
}

extension SecretStream {
    /// The lines of `data` that hold one word looking like a secret and nothing else (`midLine`: its first line
    /// began before it, so is no such line).
    static func loneWordLines(_ data: UnsafeBufferPointer<UInt8>, midLine: Bool) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var lineStart = 0
        if midLine {
            while lineStart < data.count, !SecretPatterns.isLineEnd(data[lineStart]) { lineStart += 1 }
        }
        while lineStart < data.count {
            var lineEnd = lineStart
            while lineEnd < data.count, !SecretPatterns.isLineEnd(data[lineEnd]) { lineEnd += 1 }
            var start = lineStart
            while start < lineEnd, SecretPatterns.isSpace(data[start]) { start += 1 }
            var end = lineEnd
            while end > start, SecretPatterns.isSpace(data[end - 1]) { end -= 1 }
            if start < end, LoneValueLines.isTokenWord(data, start..<end), SecretValueShape.looksLikeSecret(data, start..<end) {
                ranges.append(start..<end)
            }
            lineStart = lineEnd + 1
        }
        return ranges
    }
}
