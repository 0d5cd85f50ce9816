/// Credentials inside URLs and connection strings: the password of `scheme://user:password@host`
/// (`postgres://`, `mongodb+srv://`, `redis://:password@`, `--index-url https://u:p@…`), a lone token
/// as the user part (`https://TOKEN@github.com/…`, a Sentry DSN's key), and the secret path segments
/// of a webhook URL (`https://hooks.slack.com/services/T…/B…/SECRET`). Query values (`?sig=`,
/// `&token=`) are `KeyValueSecrets`.
extension SecretScan {
    private static let hookWord = Array("hook".utf8)

    /// The user part of a URL, ending at the `@` at `at`.
    mutating func urlUserInfo(at: Int) {
        var start = at
        while start > 0, !SecretPatterns.isSeparator(data[start - 1]), at - start < SecretStream.heldWordBytesMax { start -= 1 }
        var index = start
        var userStart: Int?
        // The last scheme before the `@`: a URL inside another's query (`?next=https://user:X@host`, decoded) has its own.
        while index + 2 < at {
            if data[index] == 0x3A, data[index + 1] == 0x2F, data[index + 2] == 0x2F {
                userStart = index + 3
                index += 3
                continue
            }
            // JSON's escaped slashes (`https:\/\/user:X@host`, PHP's `json_encode`).
            if index + 4 < at, data[index] == 0x3A, data[index + 1] == 0x5C, data[index + 2] == 0x2F, data[index + 3] == 0x5C, data[index + 4] == 0x2F {
                userStart = index + 5
                index += 5
                continue
            }
            index += 1
        }
        guard let userStart else {
            if !slashCredential(from: start, at: at), !oracleLogon(from: start, at: at), !schemeUserInfo(from: start, at: at) { scpUserInfo(from: start, at: at) }
            return
        }
        guard userStart < at else { return }
        if let slash = data[userStart..<at].firstIndex(of: 0x2F) {
            // `postgres://app:pa/ss@db`: a password may hold a `/` (a port before it is a path's host, no password).
            guard let colon = data[userStart..<slash].firstIndex(of: 0x3A), !(colon + 1..<slash).allSatisfy({ SecretPatterns.isDigit(data[$0]) }) else { return }
            let password = (colon + 1)..<at
            if password.count >= SecretPolicy.learnedValueBytesMin, !SecretValueShape.isPlaceholder(data, password) { add(password) }
            return
        }
        if let colon = data[userStart..<at].firstIndex(of: 0x3A) {
            let password = (colon + 1)..<at
            if password.count >= SecretPolicy.learnedValueBytesMin, !SecretValueShape.isPlaceholder(data, password) { add(password) }
            // A token as the user, a fixed word as the password (GitHub's `TOKEN:x-oauth-basic@`): the user is the secret.
            if SecretValueShape.looksLikeToken(data, userStart..<colon) { add(userStart..<colon) }
        } else if SecretValueShape.looksLikeToken(data, userStart..<at) {
            add(userStart..<at)
        }
    }

    /// `user/password@//host:port/service` (Oracle's EZConnect: `sqlplus scott/X@//db/XE`, a JDBC thin
    /// URL's `jdbc:oracle:thin:scott/X@//db:1521/ORCL`): a name, a slash, the password, `//` after the `@`.
    private mutating func slashCredential(from start: Int, at: Int) -> Bool {
        guard at + 2 < count, data[at + 1] == 0x2F, data[at + 2] == 0x2F else { return false }
        let userStart = data[start..<at].firstIndex(of: 0x2F).flatMap { slash in data[start..<slash].lastIndex(of: 0x3A).map { $0 + 1 } } ?? start
        guard let slash = data[userStart..<at].firstIndex(of: 0x2F), slash > userStart,
            (userStart..<slash).allSatisfy({ CredentialName.isNameByte(data[$0]) })
        else { return false }
        let password = (slash + 1)..<at
        if !SecretValueShape.isPlaceholder(data, password) { add(password) }
        return true
    }

    /// `scheme:user:password@host` with no `//` (SIP's `sip:alice:X@host`, `sips:`, `xmpp:`): a scheme word, a
    /// user name, the password. Whether the word was one.
    private mutating func schemeUserInfo(from start: Int, at: Int) -> Bool {
        guard let first = data[start..<at].firstIndex(of: 0x3A), first > start, SecretPatterns.isLetter(data[start]),
            (start..<first).allSatisfy({ SecretPatterns.isLetter(data[$0]) || SecretPatterns.isDigit(data[$0]) || data[$0] == 0x2B || data[$0] == 0x2E || data[$0] == 0x2D }),
            let colon = data[(first + 1)..<at].firstIndex(of: 0x3A), colon > first + 1,
            ((first + 1)..<colon).allSatisfy({ CredentialName.isNameByte(data[$0]) }),
            at + 1 < count, CredentialName.isNameByte(data[at + 1])
        else { return false }
        let password = (colon + 1)..<at
        guard password.count >= SecretPolicy.learnedValueBytesMin, !data[password].contains(where: { $0 == 0x3A || $0 == 0x2F }),
            !SecretValueShape.isPlaceholder(data, password)
        else { return false }
        add(password)
        return true
    }

    /// `user:password@host:path` (scp, rsync, git over ssh; no scheme): a name, one colon, the password,
    /// and a host that a `:` or `/` ends — not `image:tag@sha256:…` (a digest after the host), not
    /// `mailto:me@host` (no path).
    private mutating func scpUserInfo(from start: Int, at: Int) {
        guard let colon = data[start..<at].firstIndex(of: 0x3A), colon > start else { return }
        let password = (colon + 1)..<at
        guard (start..<colon).allSatisfy({ CredentialName.isNameByte(data[$0]) }), password.count >= SecretPolicy.learnedValueBytesMin,
            !data[password].contains(where: { $0 == 0x3A || $0 == 0x2F }), !SecretValueShape.isPlaceholder(data, password)
        else { return }
        var hostEnd = at + 1
        while hostEnd < count, CredentialName.isNameByte(data[hostEnd]) { hostEnd += 1 }
        guard hostEnd > at + 1, hostEnd < count, data[hostEnd] == 0x3A || data[hostEnd] == 0x2F else { return }
        if data[hostEnd] == 0x3A {
            var digestEnd = hostEnd + 1
            while digestEnd < count, SecretValueShape.isHexDigit(data[digestEnd]) { digestEnd += 1 }
            if digestEnd - hostEnd - 1 >= 32 { return }
        }
        add(password)
    }

    /// A region cut (by a quiet release) inside `scheme://user:pass` or `scheme://TOKEN` before its `@`:
    /// what may be the password or token is redacted, and goes on being in the next region.
    mutating func unfinishedURLCredential() {
        var start = count
        while start > 0, !SecretPatterns.isSeparator(data[start - 1]), count - start < SecretStream.heldWordBytesMax { start -= 1 }
        var index = start
        while index + 2 < count {
            if data[index] == 0x3A, data[index + 1] == 0x2F, data[index + 2] == 0x2F { break }
            index += 1
        }
        guard index + 2 < count else {
            unfinishedScpCredential(wordStart: start)
            return
        }
        let userStart = index + 3
        guard userStart <= count, !data[min(userStart, count)..<count].contains(where: { $0 == 0x2F || $0 == 0x40 }) else { return }
        if let colon = data[userStart..<count].firstIndex(of: 0x3A) {
            add((colon + 1)..<count)
            if SecretValueShape.looksLikeToken(data, userStart..<colon) { add(userStart..<colon) }
        } else if SecretValueShape.looksLikeToken(data, userStart..<count) {
            add(userStart..<count)
        }
    }

    /// A region cut inside the host of `user:password@host…` (no scheme): the password is redacted.
    private mutating func unfinishedScpCredential(wordStart start: Int) {
        guard let at = data[start..<count].lastIndex(of: 0x40), at + 1 < count,
            (at + 1..<count).allSatisfy({ CredentialName.isNameByte(data[$0]) }),
            let colon = data[start..<at].firstIndex(of: 0x3A), colon > start,
            (start..<colon).allSatisfy({ CredentialName.isNameByte(data[$0]) })
        else { return }
        let password = (colon + 1)..<at
        guard password.count >= SecretPolicy.learnedValueBytesMin, !data[password].contains(where: { $0 == 0x3A || $0 == 0x2F }) else { return }
        add(password)
    }

    /// `scheme://…` whose host or path names a hook: its path segments that look like tokens. Returns
    /// whether the `:` at `at` starts a URL (then it is no `key: value`).
    mutating func webhookURL(colonAt at: Int) -> Bool {
        guard at + 2 < count, data[at + 1] == 0x2F, data[at + 2] == 0x2F else { return false }
        let end = wordEnd(from: at + 3, separators: true)
        let url = (at + 3)..<end
        if isPublishScheme(endingAt: at) {
            streamKey(in: url)
            return true
        }
        guard contains(SecretScan.hookWord, in: url) else { return true }
        var segmentStart = url.lowerBound
        var index = url.lowerBound
        while index <= end {
            if index == end || data[index] == 0x2F || data[index] == 0x3F || data[index] == 0x23 {
                let segment = segmentStart..<index
                if segmentStart > url.lowerBound, looksLikePathToken(segment) { add(segment) }
                if index < end, data[index] != 0x2F { break }
                segmentStart = index + 1
            }
            index += 1
        }
        return true
    }

    /// The scheme of a URL a stream is published to (`rtmp`, `rtmps`, `rtmpe`, `rtmpt`, `rtmpte`: RTMP and its
    /// tunnelled and encrypted forms) ends at `end`: its path is the application, then the stream key.
    private func isPublishScheme(endingAt end: Int) -> Bool {
        var start = end
        while start > 0, end - start < 8, SecretPatterns.isLetter(data[start - 1]) { start -= 1 }
        guard end - start >= SecretScan.publishScheme.count, start == 0 || !SecretPatterns.isLetter(data[start - 1]) else { return false }
        return SecretScan.publishScheme.indices.allSatisfy { SecretPatterns.lowercased(data[start + $0]) == SecretScan.publishScheme[$0] }
    }

    private static let publishScheme = Array("rtmp".utf8)
    /// The shortest stream key (`live`, a bare application, is none).
    private static let streamKeyBytesMin = 8

    /// `rtmp://host/app/KEY` (ffmpeg's and OBS's publish URL; YouTube's `live2/xxxx-xxxx-…`, Facebook's `rtmp/FB-…`):
    /// the path after the application, when it is a stream's key and not a file's name (`vod/movie.mp4`).
    private mutating func streamKey(in url: Range<Int>) {
        guard let slash = data[url].firstIndex(of: 0x2F), let app = data[(slash + 1)..<url.upperBound].firstIndex(of: 0x2F) else { return }
        var keyEnd = app + 1
        while keyEnd < url.upperBound, data[keyEnd] != 0x3F, data[keyEnd] != 0x23 { keyEnd += 1 }
        let key = (app + 1)..<keyEnd
        guard key.count >= SecretScan.streamKeyBytesMin, !data[key].contains(0x2E), !SecretValueShape.isPlaceholder(data, key) else { return }
        add(key)
    }

    /// At least 16 bytes of letters, digits, `-` and `_`, not all lowercase (`incoming-webhooks`), and
    /// not words joined by dashes (`CGI-Github-Webhook`) unless it has a digit.
    private func looksLikePathToken(_ range: Range<Int>) -> Bool {
        guard range.count >= 16 else { return false }
        var notLowercase = false, digit = false, dash = false
        for index in range {
            let byte = data[index]
            guard SecretPatterns.isTokenByte(byte) else { return false }
            if SecretPatterns.isDigit(byte) { digit = true }
            if byte == 0x2D { dash = true } else if !(byte >= 0x61 && byte <= 0x7A) { notLowercase = true }
        }
        return notLowercase && (digit || !dash)
    }

    private func contains(_ word: [UInt8], in range: Range<Int>) -> Bool {
        guard range.count >= word.count else { return false }
        for start in range.lowerBound...(range.upperBound - word.count) {
            if word.indices.allSatisfy({ SecretPatterns.lowercased(data[start + $0]) == word[$0] }) { return true }
        }
        return false
    }
}
