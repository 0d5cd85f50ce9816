#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import InstallModel

/// Scrubs secrets from one output stream before anything is logged or shown (ARCHITECTURE.md, principle 5).
///
/// Three kinds of secret: exact strings registered at run time (the sudo password), credentials in URLs
/// (`https://user:TOKEN@host`), and `key=value` secrets (`--password=…`, `token=…`).
/// A secret split across two chunks is caught because the redactor holds back the end of a chunk that
/// could be the start of a secret (a prefix of a registered secret, or an unfinished word) and emits it
/// with the next chunk. `finish()` releases what is held; a held prefix of a registered secret is
/// redacted then too, since part of a password is still a secret.
public struct Redactor: Sendable {
    public static let marker: [UInt8] = Array("[redacted]".utf8)
    /// An unfinished word longer than this is emitted rather than held (a secret is shorter).
    static let heldWordBytesMax = 512
    static let bearer = Array("Bearer ".utf8)
    /// Keys whose `key=value` value is a secret (matched case-insensitively, as the end of a word).
    static let secretKeys: [[UInt8]] = ["password", "passwd", "token", "secret", "api_key", "apikey"].map { Array($0.utf8) }

    private let secrets: [[UInt8]]
    private var held: [UInt8] = []

    public init(secrets: [String]) {
        self.secrets = secrets.filter { !$0.isEmpty }.map { Array($0.utf8) }
    }

    /// Redacts `chunk` (with whatever was held) and returns what may be emitted now, and whether
    /// anything was replaced.
    public mutating func process(_ chunk: [UInt8]) -> (bytes: [UInt8], redacted: Bool) {
        var data: [UInt8]
        if held.isEmpty {
            data = chunk
        } else {
            data = held
            data.append(contentsOf: chunk)
            held.removeAll(keepingCapacity: true)
        }
        var redacted = replaceSecrets(&data)
        let hold = holdLength(data)
        if hold > 0 {
            held.append(contentsOf: data[(data.count - hold)...])
            data.removeLast(hold)
        }
        redacted = Redactor.redactPatterns(&data) || redacted
        return (data, redacted)
    }

    /// Releases what is held at the end of the stream.
    public mutating func finish() -> (bytes: [UInt8], redacted: Bool) {
        var data = held
        held = []
        let secretTail = partialSecretLength(data, minimum: 3)
        if secretTail > 0 { data.replaceSubrange((data.count - secretTail)..., with: Redactor.marker) }
        let redacted = Redactor.redactPatterns(&data) || secretTail > 0
        return (data, redacted)
    }

    /// The longest suffix of `data`, at least `minimum` bytes, that is a proper prefix of a registered secret.
    private func partialSecretLength(_ data: [UInt8], minimum: Int) -> Int {
        var longestMatch = 0
        for secret in secrets {
            var length = min(secret.count - 1, data.count)
            while length >= max(minimum, longestMatch + 1) {
                if data.suffix(length).elementsEqual(secret.prefix(length)) {
                    longestMatch = length
                    break
                }
                length -= 1
            }
        }
        return longestMatch
    }

    /// Replaces every whole occurrence of a registered secret.
    private func replaceSecrets(_ data: inout [UInt8]) -> Bool {
        var replaced = false
        for secret in secrets {
            var start = 0
            while let found = Redactor.find(secret, in: data, from: start) {
                data.replaceSubrange(found..<(found + secret.count), with: Redactor.marker)
                start = found + Redactor.marker.count
                replaced = true
            }
        }
        return replaced
    }

    /// How many trailing bytes to hold: the longest suffix that starts a registered secret, or an
    /// unfinished short word (which may be a URL or `key=value` still being written).
    private func holdLength(_ data: [UInt8]) -> Int {
        let wordLength = data.count - lastWordStart(data)
        let wordHold = wordLength < Redactor.heldWordBytesMax ? wordLength : 0
        return max(partialSecretLength(data, minimum: 1), wordHold)
    }

    private func lastWordStart(_ data: [UInt8]) -> Int {
        var index = data.count
        let limit = max(0, data.count - Redactor.heldWordBytesMax)
        while index > limit {
            let byte = data[index - 1]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { return index }
            index -= 1
        }
        return index
    }

    /// Redacts URL credentials and `key=value` secrets; the data holds whole words only.
    static func redactPatterns(_ data: inout [UInt8]) -> Bool {
        guard !data.isEmpty else { return false }
        var ranges: [Range<Int>] = []
        data.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            // user:secret@host after a scheme: redact the secret.
            var offset = 0
            while offset < count, let hit = memchr(base + offset, 0x40, count - offset) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if let range = urlPasswordRange(buffer, at: at) { ranges.append(range) }
                offset = at + 1
            }
            // key=value secrets: find each '=' (and the space of "Bearer "), then look back for a key.
            var from = 0
            while from < count, let hit = memchr(base + from, 0x3D, count - from) {
                let equals = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if let range = valueRange(buffer, separatorAt: equals) { ranges.append(range) }
                from = equals + 1
            }
            // "Authorization: Bearer <token>"
            var bearerFrom = 0
            while let found = find(bearer, in: buffer, from: bearerFrom) {
                var end = found + bearer.count
                while end < count, !isSeparator(buffer[end]) { end += 1 }
                if end > found + bearer.count { ranges.append((found + bearer.count)..<end) }
                bearerFrom = end
            }
        }
        guard !ranges.isEmpty else { return false }
        for range in ranges.sorted(by: { $0.lowerBound > $1.lowerBound }) where range.upperBound <= data.count {
            data.replaceSubrange(range, with: marker)
        }
        return true
    }

    /// For an `=` at `at`, the value after it when the word before it ends with a secret key
    /// (`--password=`, `TOKEN=`, `?access_token=`).
    private static func valueRange(_ buffer: UnsafeBufferPointer<UInt8>, separatorAt at: Int) -> Range<Int>? {
        for key in secretKeys where at >= key.count {
            var matches = true
            for (offset, byte) in key.enumerated() where lowercased(buffer[at - key.count + offset]) != byte {
                matches = false
                break
            }
            guard matches else { continue }
            var end = at + 1
            while end < buffer.count, !isSeparator(buffer[end]) { end += 1 }
            return end > at + 1 ? (at + 1)..<end : nil
        }
        return nil
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// For an `@` at `at`, the password of `scheme://user:password@` if the word has that shape.
    private static func urlPasswordRange(_ buffer: UnsafeBufferPointer<UInt8>, at: Int) -> Range<Int>? {
        var start = at
        while start > 0, !isSeparator(buffer[start - 1]), at - start < heldWordBytesMax { start -= 1 }
        let word = buffer[start..<at]
        guard let schemeEnd = find(Array("://".utf8), in: UnsafeBufferPointer(rebasing: word), from: 0) else {
            return nil
        }
        let credentialsStart = start + schemeEnd + 3
        guard let colon = buffer[credentialsStart..<at].firstIndex(of: 0x3A), colon + 1 < at else { return nil }
        return (colon + 1)..<at
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x22 || byte == 0x27
            || byte == 0x26
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        haystack.withUnsafeBufferPointer { find(needle, in: $0, from: start) }
    }

    /// The first index of `needle` at or after `start` (memchr for its first byte, then memcmp).
    static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = haystack.baseAddress, let first = needle.first, start >= 0 else { return nil }
        let count = haystack.count
        var offset = start
        return needle.withUnsafeBytes { needleBytes -> Int? in
            guard let needleBase = needleBytes.baseAddress else { return nil }
            while count - offset >= needle.count,
                let hit = memchr(base + offset, Int32(first), count - offset - needle.count + 1)
            {
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + index, needleBase, needle.count) == 0 { return index }
                offset = index + 1
            }
            return nil
        }
    }

    /// Replaces registered secrets only (no patterns): for text whose structure must survive, like JSON.
    func redactingSecretsOnly(_ text: String) -> String {
        var data = Array(text.utf8)
        guard replaceSecrets(&data) else { return text }
        return String(decoding: data, as: UTF8.self)
    }

    /// Redacts registered secrets and patterns in a whole string (argv for the log, error messages).
    public func redact(_ text: String) -> String {
        var data = Array(text.utf8)
        let replaced = replaceSecrets(&data)
        guard Redactor.redactPatterns(&data) || replaced else { return text }
        return String(decoding: data, as: UTF8.self)
    }
}
