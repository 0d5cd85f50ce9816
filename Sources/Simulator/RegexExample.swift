import Foundation

/// A short string that a version pattern matches (`ripgrep \d+\.\d+` → `ripgrep 1.1`), for synthetic
/// runs whose verify steps expect one. Handles what version patterns use: literals, escapes (`\x1b`
/// too), classes, inline options (`(?m)`), groups with alternatives (the first one is taken), quantifiers
/// (the least they allow, at least once for `+`) and anchors; the result is checked against the pattern
/// and nil when it does not match.
enum RegexExample {
    static func example(for pattern: String) -> String? {
        var characters = Array(pattern)[...]
        let text = sequence(&characters)
        guard let regex = try? NSRegularExpression(pattern: pattern),
            regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        else { return nil }
        return text
    }

    /// One alternative up to `|` or `)`; the other alternatives of the group are skipped.
    private static func sequence(_ rest: inout ArraySlice<Character>) -> String {
        var out = ""
        while let next = rest.first, next != ")" {
            if next == "|" {
                skipAlternatives(&rest)
                break
            }
            let atom = self.atom(&rest)
            out += repeated(atom, &rest)
        }
        return out
    }

    private static func atom(_ rest: inout ArraySlice<Character>) -> String {
        let first = rest.removeFirst()
        switch first {
        case "^", "$": return ""
        case ".": return "x"
        case "\\":
            guard let escaped = rest.popFirst() else { return "" }
            switch escaped {
            case "d": return "1"
            case "w": return "a"
            case "s": return " "
            case "S", "D": return "x"
            case "W": return "-"
            case "t": return "\t"
            case "b", "B": return ""
            case "x":
                let digits = String(rest.prefix(2))
                rest = rest.dropFirst(digits.count)
                return UInt8(digits, radix: 16).map { String(UnicodeScalar($0)) } ?? ""
            default: return String(escaped)
            }
        case "[":
            var members: [Character] = []
            while let next = rest.popFirst(), next != "]" {
                if next == "\\", let escaped = rest.popFirst() { members.append(escaped == "d" ? "1" : escaped) } else { members.append(next) }
            }
            if members.first == "^" { return "x" }
            return members.first.map(String.init) ?? ""
        case "(":
            if rest.first == "?" {
                rest.removeFirst()
                // Inline options: `(?m)` changes no text; `(?i:…)` is a group like `(?:…)`.
                while let option = rest.first, option.isLetter || option == "-" { rest.removeFirst() }
                if rest.first == ")" {
                    rest.removeFirst()
                    return ""
                }
                if rest.first == ":" { rest.removeFirst() }
            }
            let inner = sequence(&rest)
            if rest.first == ")" { rest.removeFirst() }
            return inner
        default:
            return String(first)
        }
    }

    /// Applies a quantifier after an atom: the least it allows, and once for `+`.
    private static func repeated(_ atom: String, _ rest: inout ArraySlice<Character>) -> String {
        guard let quantifier = rest.first else { return atom }
        switch quantifier {
        case "+":
            rest.removeFirst()
            return atom
        case "*", "?":
            rest.removeFirst()
            return ""
        case "{":
            guard let close = rest.firstIndex(of: "}") else { return atom }
            let bounds = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            let least = Int(bounds.split(separator: ",", omittingEmptySubsequences: false).first ?? "") ?? 1
            return String(repeating: atom, count: least)
        default:
            return atom
        }
    }

    private static func skipAlternatives(_ rest: inout ArraySlice<Character>) {
        var depth = 0
        while let next = rest.first {
            if next == ")" && depth == 0 { return }
            rest.removeFirst()
            if next == "\\" { _ = rest.popFirst() } else if next == "(" { depth += 1 } else if next == ")" { depth -= 1 }
        }
    }
}
