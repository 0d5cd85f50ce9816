import Foundation

/// A printf-style message (a gettext msgid or one of its translations) as a regular expression: the literal
/// text escaped, each placeholder (`%s`, `%d`, `%1$s`, `%<PRIuMAX>`, `%.*s`, binutils' `%P`) a wildcard, and the
/// arguments a rule names in `captures` as named groups — by argument number, so a translation that reorders
/// them (`%2$s … %1$s`) still captures each under its name. A capture spelled `name=regex` must match `regex`
/// (`status=127`: only that exit status). A captured argument inside a line never spans `: `, the separator
/// of the prefixes tools put before a message (`bash: line 1: {program}: command not found`).
enum PrintfPattern {
    /// A compiled message: the regex source and the longest literal run, the analyser's needle for it.
    struct Compiled: Equatable {
        var source: String
        var needle: String
        /// The literal text the line starts and ends with, when it starts or ends with text: a frame's
        /// literal next to it makes a longer needle (`: ` + `FAILED`).
        var leading: String?
        var trailing: String?
    }

    /// A needle shorter than this is too common to key a rule on (`%s: %s`, `HATA`): every line holding it
    /// would run the pattern. Such a spelling is left out unless its frame lengthens its needle. Blanks inside
    /// the line count (` FEL `, wget's Swedish `ERROR`).
    static let needleBytesMin = 5

    private enum Token {
        case text(String)
        /// The 1-based argument the placeholder prints, and whether it is a number.
        case argument(Int, numeric: Bool)
        case lineBreak
    }

    /// A message of several lines is matched by its line with the longest literal run (the analyser reads
    /// one line at a time). The needle is that run, however short; `RuleMessage` decides what is enough.
    ///
    /// `unanchored`: nothing comes before the message in its regex, so a leading placeholder no rule captures
    /// (wget's timestamp in `%s ERROR %d: %s.`) is left out: a search finds the rest wherever it starts, without
    /// trying every start of a long line against a lazy wildcard.
    static func compile(_ message: String, captures: [String], unanchored: Bool = false) -> Compiled {
        let lines = split(tokens(of: message))
        let best = lines.max { longestLiteral(trim($0)).utf8.count < longestLiteral(trim($1)).utf8.count } ?? []
        let trimmed = trim(best)
        // Blanks inside the line are part of the needle (` FEHLER `): the regex requires them as well.
        let needle = longestLiteral(trimmed)
        var source = ""
        var named = Set<String>()
        for (index, token) in trimmed.enumerated() {
            switch token {
            case .text(let text): source += NSRegularExpression.escapedPattern(for: text)
            case .lineBreak: break
            case .argument(let number, let numeric):
                let last = index == trimmed.count - 1
                let body = numeric ? "[-+]?\\d+" : (last ? "\\S+" : ".+?")
                let capture = number <= captures.count ? captures[number - 1].split(separator: "=", maxSplits: 1) : []
                if let name = capture.first.map(String.init), named.insert(name).inserted {
                    let value = capture.count > 1 ? String(capture[1]) : (numeric || last ? body : "(?:(?!: ).)+?")
                    // A required value is a whole number or word (`status=127` is not the start of 1270,
                    // `compiler=gcc` not the end of x86_64-w64-mingw32-gcc).
                    let whole = capture.count > 1 ? (numeric ? ("(?<!\\d)", "(?!\\d)") : ("(?<![\\w.+-])", "")) : ("", "")
                    source += whole.0 + "(?<\(name)>\(value))" + whole.1
                } else if !(last && !numeric), !(index == 0 && unanchored) {
                    source += body
                }
            }
        }
        var leading: String?
        var trailing: String?
        if case .text(let text)? = trimmed.first { leading = text }
        if case .text(let text)? = trimmed.last { trailing = text }
        return Compiled(source: source, needle: needle, leading: leading, trailing: trailing)
    }

    /// The message's literal runs and placeholders, arguments numbered as printf numbers them.
    private static func tokens(of message: String) -> [Token] {
        var tokens: [Token] = []
        var text = ""
        var next = 1
        let chars = Array(message)
        var index = 0
        func flush() {
            if !text.isEmpty { tokens.append(.text(text)) }
            text = ""
        }
        while index < chars.count {
            let c = chars[index]
            if c == "\n" {
                flush()
                tokens.append(.lineBreak)
                index += 1
                continue
            }
            guard c == "%", let spec = placeholder(chars, at: index + 1) else {
                text.append(c)
                index += 1
                continue
            }
            if spec.isPercent {
                text.append("%")
            } else {
                flush()
                next += spec.starArguments
                let number = spec.position ?? next
                if spec.position == nil { next += 1 }
                tokens.append(.argument(number, numeric: spec.numeric))
            }
            index = spec.end
        }
        flush()
        return tokens
    }

    private struct Spec {
        var end: Int
        var position: Int?
        var starArguments = 0
        var numeric = false
        var isPercent = false
    }

    /// The conversion after a `%` at `start`: `%%`, or `[N$][flags][width][.precision][length]conversion`,
    /// or a system-dependent `<PRIuMAX>`; `nil` when the `%` starts no conversion (it is then literal text).
    private static func placeholder(_ chars: [Character], at start: Int) -> Spec? {
        var index = start
        guard index < chars.count else { return nil }
        if chars[index] == "%" { return Spec(end: index + 1, isPercent: true) }
        var spec = Spec(end: index)
        var digits = ""
        while index < chars.count, chars[index].isASCII, chars[index].isNumber { digits.append(chars[index]); index += 1 }
        if index < chars.count, chars[index] == "$", let position = Int(digits) {
            spec.position = position
            index += 1
        } else {
            index = start
        }
        while index < chars.count, "-+ #0'I".contains(chars[index]) { index += 1 }
        func width() {
            if index < chars.count, chars[index] == "*" {
                spec.starArguments += 1
                index += 1
                while index < chars.count, chars[index].isASCII, chars[index].isNumber || chars[index] == "$" { index += 1 }
            }
            while index < chars.count, chars[index].isASCII, chars[index].isNumber { index += 1 }
        }
        width()
        if index < chars.count, chars[index] == "." {
            index += 1
            width()
        }
        while index < chars.count, "hlLqjzt".contains(chars[index]) { index += 1 }
        guard index < chars.count else { return nil }
        let conversion = chars[index]
        if conversion == "<" {
            guard let close = chars[index...].firstIndex(of: ">"), close - index > 1 else { return nil }
            spec.numeric = !String(chars[index..<close]).contains("PRIx")
            spec.end = close + 1
            return spec
        }
        // `P` is binutils' own conversion (the program name: `%P: cannot find %s`).
        guard "diouxXeEfFgGaAcCsSpmP".contains(conversion) else { return nil }
        spec.numeric = "diu".contains(conversion)
        spec.end = index + 1
        return spec
    }

    private static func split(_ tokens: [Token]) -> [[Token]] {
        var lines: [[Token]] = [[]]
        for token in tokens {
            if case .lineBreak = token { lines.append([]) } else { lines[lines.count - 1].append(token) }
        }
        return lines
    }

    /// The line without blank text at its ends (a translation's trailing space is no evidence).
    private static func trim(_ line: [Token]) -> [Token] {
        var result = line
        if case .text(let first)? = result.first {
            let rest = String(first.drop(while: { $0.isWhitespace }))
            if rest.isEmpty { result.removeFirst() } else { result[0] = .text(rest) }
        }
        if case .text(let last)? = result.last {
            let rest = String(last.reversed().drop(while: { $0.isWhitespace }).reversed())
            if rest.isEmpty { result.removeLast() } else { result[result.count - 1] = .text(rest) }
        }
        return result
    }

    private static func longestLiteral(_ line: [Token]) -> String {
        var best = ""
        for case .text(let text) in line where text.utf8.count > best.utf8.count { best = text }
        return best
    }
}
