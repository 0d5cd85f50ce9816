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

    /// One pattern per distinct spelling (English first); spellings too short to key on are left out.
    func patternSources(_ translations: MessageTranslations) -> [PrintfPattern.Compiled] {
        var seen = Set<String>()
        return ([id] + translations.translations(of: id)).compactMap { text in
            guard var compiled = PrintfPattern.compile(text, captures: captures) else { return nil }
            compiled.source = frame.replacingOccurrences(of: RuleMessage.hole, with: compiled.source)
            return seen.insert(compiled.source).inserted ? compiled : nil
        }
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
