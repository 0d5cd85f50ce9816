/// Whether a value that starts with `$`, `%`, `/` or `{` is a stand-in for the credential or the
/// credential itself. Only a whole stand-in stays: a variable (`$DB_PASS`, `${DB_PASS}`, `$(cat f)`), a
/// Windows variable or a format (`%DB_PASS%`, `%s`), a path (`/run/secrets/db`), a template (`{password}`,
/// `{{ .Values.x }}` cut at its space). A value that only starts with the symbol and is generated after it
/// (`$Kq7mZ2pX`, `/Kq7mZ2pX`: about one generated password in ten starts with a symbol) is a value.
extension SecretValueShape {
    /// Whether `data[range]`, starting with one of those symbols, is a stand-in.
    static func isSymbolStandIn(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count > 1 else { return true }
        let first = data[range.lowerBound], second = data[range.lowerBound + 1], last = data[range.upperBound - 1]
        let rest = (range.lowerBound + 1)..<range.upperBound
        switch first {
        case 0x24:
            // `${…}`, `$(…)` closed by their bracket; cut at a space (`$(cat /run/secrets/db)`), a command's
            // or a variable's name is not generated.
            if second == 0x7B || second == 0x28 {
                return last == (second == 0x7B ? 0x7D : 0x29) || !looksGenerated(data, (range.lowerBound + 2)..<range.upperBound)
            }
            // `$NAME` is a variable unless the name is generated (`$Qk7m…`), and so is `$NAME` with text after it
            // that is not (`$X\n` in `printf "DB_PASSWORD=$X\n"`, `$HOME/.pw`); `$abc!x9Zq7Lm` is a value.
            var nameEnd = rest.lowerBound
            while nameEnd < range.upperBound, SecretPatterns.isLetter(data[nameEnd]) || SecretPatterns.isDigit(data[nameEnd]) || data[nameEnd] == 0x5F {
                nameEnd += 1
            }
            return !looksGenerated(data, rest.lowerBound..<nameEnd) && !looksGenerated(data, nameEnd..<range.upperBound)
        case 0x25:
            // `%NAME%`, `%s`, `%(name)s`, `%-10s`: a variable or a format.
            return last == 0x25 || range.count <= 3 || second == 0x28 || !looksGenerated(data, rest)
        case 0x2F:
            // A path has a second `/`, or a name that is not generated (`/tmp`).
            return data[rest].contains(0x2F) || !looksGenerated(data, rest)
        case 0x7B:
            return last == 0x7D || !looksGenerated(data, rest)
        default:
            return false
        }
    }

    /// A value that only starts with a symbol (`#Kq7mZ2pX`, `(Kq7m…`, `-Kq7m…`, `<Kq7m…`) and is generated
    /// after it: not a word wrapped in punctuation as prose has it (`(3.6.1)`, `(Python3)` is closed), nor an option.
    static func isSymbolLedValue(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 6 else { return false }
        let first = data[range.lowerBound], last = data[range.upperBound - 1]
        guard !(SecretPatterns.isLetter(first) || SecretPatterns.isDigit(first) || SecretPatterns.isWhitespace(first)),
            SecretPatterns.isLetter(last) || SecretPatterns.isDigit(last)
        else { return false }
        var start = range.lowerBound
        while start < range.upperBound, !(SecretPatterns.isLetter(data[start]) || SecretPatterns.isDigit(data[start])) { start += 1 }
        let rest = start..<range.upperBound
        var upper = false, lower = false, digit = false
        for index in rest {
            let byte = data[index]
            if byte >= 0x41 && byte <= 0x5A { upper = true } else if byte >= 0x61 && byte <= 0x7A { lower = true } else if SecretPatterns.isDigit(byte) { digit = true }
        }
        return rest.count >= 5 && upper && lower && digit
    }

    /// Made by a generator, not a person naming something: small and capital letters and digits, or
    /// letters with at least two digits and no `_` (`k7m2pxw9`, not `DB_PASS2`).
    static func looksGenerated(_ data: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var upper = false, lower = false, digits = 0, joined = false
        for index in range {
            let byte = data[index]
            if byte >= 0x41 && byte <= 0x5A { upper = true } else if byte >= 0x61 && byte <= 0x7A { lower = true } else if SecretPatterns.isDigit(byte) {
                digits += 1
            } else if byte == 0x5F { joined = true }
        }
        return (upper && lower && digits > 0) || ((upper || lower) && digits >= 2 && !joined && range.count >= 6)
    }
}
