/// A message a rule keys on, spelled as in the tool's source (the gettext msgid, printf placeholders and all):
/// the rule matches it in English and in every translation the tools ship (`MessageTranslations`).
///
/// In YAML, a string (`'Unable to locate package %s'`) or a mapping with `id`, optional `captures` (names for
/// the message's arguments, in argument order: `[package]`) and optional `in` (a regex the message sits in,
/// with `{}` where it goes: `'^(?<file>\S+): {}$'` for a bare word such as `FAILED`).
struct RuleMessage {
    let id: String
    let captures: [String]
    let frame: String

    static let hole = "{}"

    /// One pattern per distinct spelling (English first); spellings whose needle, lengthened by the frame's
    /// literal text next to the message, stays under `PrintfPattern.needleBytesMin` are left out.
    func patternSources(_ translations: MessageTranslations) -> [PrintfPattern.Compiled] {
        let parts = frame.components(separatedBy: RuleMessage.hole)
        let before = RuleMessage.literalSuffix(of: parts[0])
        let after = RuleMessage.literalPrefix(of: parts.count > 1 ? parts[1] : "")
        var seen = Set<String>()
        return ([id] + translations.translations(of: id)).compactMap { text in
            var compiled = PrintfPattern.compile(text, captures: captures, unanchored: parts[0].isEmpty)
            let needles = [compiled.needle, compiled.leading.map { before + $0 }, compiled.trailing.map { $0 + after }]
            guard let needle = needles.compactMap({ $0 }).max(by: { $0.utf8.count < $1.utf8.count }),
                needle.utf8.count >= PrintfPattern.needleBytesMin
            else { return nil }
            compiled.needle = RulePattern.asciiLowercased(needle)
            compiled.source = frame.replacingOccurrences(of: RuleMessage.hole, with: compiled.source)
            return seen.insert(compiled.source).inserted ? compiled : nil
        }
    }

    /// Regex syntax characters: a frame's literal text ends at the first of them.
    private static let syntax = Set("\\^$.|?*+()[]{}")

    /// The literal text a regex fragment starts with (`\(` counts as `(`).
    static func literalPrefix(of regex: String) -> String {
        var result = ""
        var chars = regex.makeIterator()
        while let c = chars.next() {
            if c == "\\" {
                guard let escaped = chars.next(), escaped.isPunctuation || escaped == " " else { break }
                result.append(escaped)
            } else if syntax.contains(c) {
                break
            } else {
                result.append(c)
            }
        }
        return result
    }

    /// The literal text a regex fragment ends with, up to the last syntax character.
    static func literalSuffix(of regex: String) -> String {
        String(regex.reversed().prefix { !syntax.contains($0) }.reversed())
    }

    static func parse(_ node: YAMLNode) throws(RuleCatalogError) -> RuleMessage {
        if node.node.scalar != nil { return RuleMessage(id: try node.string(), captures: [], frame: hole) }
        let fields = try node.mapping(allowedKeys: ["id", "captures", "in"])
        let frame = try fields["in"]?.string() ?? hole
        guard frame.contains(hole) else { throw node.error("'in' must hold {} where the message goes") }
        return RuleMessage(
            id: try fields.required("id", in: node).string(), captures: try fields["captures"]?.strings() ?? [],
            frame: frame)
    }
}
