/// A command line as the audit log writes it (secrets15 F19): an `EXECVE` record's `a0="sshpass" a1="-p" a2="X"`
/// fields (`ausearch -m execve`, `aureport`, `/var/log/audit/audit.log`) are the words of one argv, read with a
/// command line's rules (`SecretScan.wordsPerLine`: options, positionals, `NAME=value`), what is found there
/// redacted in the record as written. An argument auditd wrote in hex (one holding a space or a quote:
/// `a2=636F7272656374…`) is read decoded.
enum AuditArgvSecrets {
    private static let firstField = Array(" a0=".utf8)

    /// The secrets of the argv records in `data`: by a structure (`ranges`), and guessed by a shape (`guesses`).
    static func ranges(in data: UnsafeBufferPointer<UInt8>) -> (ranges: [Range<Int>], guesses: [Range<Int>]) {
        var found: (ranges: [Range<Int>], guesses: [Range<Int>]) = ([], [])
        var from = 0
        while from < data.count, let hit = BytePattern.firstIndex(of: firstField, in: data, from: from) {
            let start = hit + 1
            let record = fields(in: data, from: start)
            from = max(record.end, start + 1)
            guard record.words.count > 1 else { continue }
            var joined: [UInt8] = []
            var origins: [Range<Int>] = []
            for word in record.words {
                if !joined.isEmpty {
                    joined.append(0x0A)
                    origins.append((origins.last?.upperBound ?? start)..<(origins.last?.upperBound ?? start))
                }
                joined += word.bytes
                origins += word.origins
            }
            let inRecord = { (ranges: [Range<Int>]) in
                ranges.filter { !$0.isEmpty }.map { origins[$0.lowerBound].lowerBound..<origins[$0.upperBound - 1].upperBound }
            }
            let findings = joined.withUnsafeBufferPointer { SecretPatterns.ranges(in: $0, carry: .none, endsMidWord: false, wordsPerLine: true) }
            found.ranges += inRecord(findings.ranges)
            found.guesses += inRecord(findings.guesses)
        }
        return found
    }

    /// One argument: its bytes, and for each the original bytes it was read from.
    private struct Word {
        var bytes: [UInt8] = []
        var origins: [Range<Int>] = []
    }

    /// The `a0=`, `a1=`, … fields from `start` on its line, in order, and where they end.
    private static func fields(in data: UnsafeBufferPointer<UInt8>, from start: Int) -> (words: [Word], end: Int) {
        var words: [Word] = []
        var index = start
        while index < data.count, !SecretPatterns.isLineEnd(data[index]) {
            let name = Array("a\(words.count)=".utf8)
            guard index + name.count <= data.count, Array(data[index..<(index + name.count)]) == name else { break }
            index += name.count
            var word = Word()
            if index < data.count, data[index] == 0x22 {
                index += 1
                while index < data.count, data[index] != 0x22, !SecretPatterns.isLineEnd(data[index]) {
                    word.bytes.append(data[index])
                    word.origins.append(index..<(index + 1))
                    index += 1
                }
                if index < data.count, data[index] == 0x22 { index += 1 }
            } else {
                while index + 1 < data.count, let high = SecretValueShape.hexValue(data[index]), let low = SecretValueShape.hexValue(data[index + 1]) {
                    word.bytes.append(high << 4 | low)
                    word.origins.append(index..<(index + 2))
                    index += 2
                }
            }
            words.append(word)
            guard index < data.count, data[index] == 0x20 else { break }
            index += 1
        }
        return (words.filter { !$0.bytes.isEmpty }, index)
    }
}
