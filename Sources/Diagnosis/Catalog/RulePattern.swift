import Foundation

/// One regular expression of a rule, with the literal needles that must occur in a line before it is tried.
///
/// Needles let the analyser scan every line once for all rules (see `KeywordScanner`) and run a regex
/// only on the few lines that could match, so analysis time does not grow with the number of rules.
public struct RulePattern: Sendable {
    public let source: String
    private let lazyRegex: LazyRegex
    /// Compiled when a line first holds one of the needles (`LazyRegex`).
    public var regex: NSRegularExpression { lazyRegex.regex }
    /// Lowercased literals; a line can match only if it contains at least one of them.
    public let needles: [String]
    /// The named groups (`(?<package>…)`), usable as `{package}` in remediation templates.
    public let captureNames: [String]

    /// The shortest needle the catalog accepts: shorter ones would hit almost every line.
    public static let needleBytesMin = 3

    init(source: String, caseSensitive: Bool, explicitNeedles: [String]?, at node: YAMLNode) throws(RuleCatalogError) {
        self.source = source
        do {
            lazyRegex = try LazyRegex(source, options: caseSensitive ? [] : [.caseInsensitive])
        } catch {
            throw node.error("pattern '\(source)' is not a valid regular expression: \(error)")
        }
        if let explicitNeedles {
            needles = explicitNeedles.map(RulePattern.asciiLowercased)
        } else if let derived = RulePattern.derivedNeedles(of: source) {
            needles = derived
        } else {
            throw node.error(
                "pattern '\(source)' has no literal of \(RulePattern.needleBytesMin)+ characters in every alternative; "
                    + "add `needles:` to the rule")
        }
        guard needles.allSatisfy({ $0.utf8.count >= RulePattern.needleBytesMin }) else {
            throw node.error("needles must be at least \(RulePattern.needleBytesMin) characters long")
        }
        captureNames = RulePattern.captureNames(in: source)
    }

    /// Lowercases ASCII letters only, exactly as the analyser lowercases line bytes.
    static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// The first match's named captures, or `nil` when the line does not match.
    func match(_ line: String) -> [String: String]? {
        let range = NSRange(line.startIndex..<line.endIndex, in: line)
        guard let result = regex.firstMatch(in: line, options: [], range: range) else { return nil }
        var captures: [String: String] = [:]
        for name in captureNames {
            let captured = result.range(withName: name)
            guard captured.location != NSNotFound, let swiftRange = Range(captured, in: line) else { continue }
            captures[name] = RulePattern.unquoted(line[swiftRange])
        }
        return captures
    }

    /// Quote marks of any script that may wrap a captured value: ASCII, typographic, guillemets, CJK brackets.
    static let quoteMarks: Set<Character> = ["\"", "'", "`", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}",
        "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{00AB}", "\u{00BB}", "\u{2039}", "\u{203A}",
        "\u{300C}", "\u{300D}", "\u{300E}", "\u{300F}", "\u{FF02}", "\u{FF07}"]

    /// A captured value without the quote marks around it (`“host”`, `«host»`, `„host“`, `「host」`).
    static func unquoted(_ value: Substring) -> String {
        var value = value
        while let first = value.first, let last = value.last, value.count >= 2,
            quoteMarks.contains(first), quoteMarks.contains(last)
        {
            value = value.dropFirst().dropLast()
        }
        return String(value)
    }

    static func captureNames(in source: String) -> [String] {
        var names: [String] = []
        var rest = Substring(source)
        while let open = rest.range(of: "(?<") {
            let after = rest[open.upperBound...]
            guard let first = after.first, first != "=", first != "!" else {
                rest = after
                continue
            }
            guard let close = after.firstIndex(of: ">") else { break }
            names.append(String(after[..<close]))
            rest = after[close...]
        }
        return names
    }

    /// The longest required literal of each top-level alternative, or `nil` if some alternative has none.
    static func derivedNeedles(of source: String) -> [String]? {
        var pattern = Substring(source)
        if pattern.hasPrefix("(?i)") { pattern = pattern.dropFirst(4) }
        var needles: [String] = []
        for alternative in topLevelAlternatives(pattern) {
            guard let needle = longestLiteral(alternative), needle.utf8.count >= needleBytesMin else { return nil }
            needles.append(asciiLowercased(needle))
        }
        return needles.isEmpty ? nil : needles
    }

    private static func topLevelAlternatives(_ pattern: Substring) -> [Substring] {
        var parts: [Substring] = []
        var depth = 0
        var inClass = false
        var start = pattern.startIndex
        var index = pattern.startIndex
        while index < pattern.endIndex {
            let c = pattern[index]
            if c == "\\" {
                index = pattern.index(index, offsetBy: 2, limitedBy: pattern.endIndex) ?? pattern.endIndex
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
            } else if c == "[" {
                inClass = true
            } else if c == "(" {
                depth += 1
            } else if c == ")" {
                depth -= 1
            } else if c == "|" && depth == 0 {
                parts.append(pattern[start..<index])
                start = pattern.index(after: index)
            }
            index = pattern.index(after: index)
        }
        parts.append(pattern[start...])
        return parts
    }

    /// Walks one alternative and keeps the longest run of characters every match must contain,
    /// looking only outside groups and classes (a group may be optional or an alternation).
    private static func longestLiteral(_ alternative: Substring) -> String? {
        var best = ""
        var run = ""
        var depth = 0
        var inClass = false
        var index = alternative.startIndex
        func endRun() {
            if run.count > best.count { best = run }
            run = ""
        }
        while index < alternative.endIndex {
            let c = alternative[index]
            let next = alternative.index(after: index)
            if inClass {
                if c == "\\" {
                    index = alternative.index(next, offsetBy: 1, limitedBy: alternative.endIndex) ?? alternative.endIndex
                    continue
                }
                if c == "]" { inClass = false }
                index = next
                continue
            }
            switch c {
            case "\\":
                guard next < alternative.endIndex else { index = next; continue }
                let escaped = alternative[next]
                if ".^$*+?()[]{}|\\/-:'\"<>#= ".contains(escaped) {
                    if depth == 0 { run.append(escaped) }
                } else {
                    endRun()
                }
                index = alternative.index(after: next)
                continue
            case "[":
                endRun()
                inClass = true
            case "(":
                endRun()
                depth += 1
            case ")":
                depth -= 1
            case "?", "*":
                if depth == 0, !run.isEmpty { run.removeLast() }
                endRun()
            case "{":
                if depth == 0, !run.isEmpty, alternative[next...].hasPrefix("0") { run.removeLast() }
                endRun()
                if let close = alternative[next...].firstIndex(of: "}") { index = alternative.index(after: close); continue }
            case "+", ".", "^", "$":
                endRun()
            default:
                if depth == 0 { run.append(c) }
            }
            index = next
        }
        endRun()
        return best.isEmpty ? nil : best
    }
}
