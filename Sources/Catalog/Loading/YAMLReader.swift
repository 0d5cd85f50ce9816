import Yams

/// Reads one YAML file's node tree and turns every mismatch into a `CatalogError` with file and line.
struct YAMLReader {
    let file: String

    /// Parses `text`; a syntax error keeps the line libyaml reports.
    func root(_ text: String) throws(CatalogError) -> Node {
        let node: Node?
        do {
            // The basic resolver tags every scalar `str`: the readers below interpret strings themselves, and
            // resolving each scalar against Yams's tag patterns was a quarter of every start-up.
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw CatalogError.invalidData(file: file, line: YAMLReader.line(of: error), message: YAMLReader.problem(of: error))
        } catch {
            throw CatalogError.invalidData(file: file, line: nil, message: "cannot parse YAML: \(error)")
        }
        guard let node else { throw CatalogError.invalidData(file: file, line: 1, message: "the file is empty") }
        // An alias repeats its anchor's text wherever it is used, so a file under the size cap can hand the readers
        // below gigabytes to check (trust13 #1): what the file expands to counts against a cap too.
        var budget = Self.expandedBytesMax
        guard Self.fits(node, within: &budget) else {
            throw CatalogError.invalidData(
                file: file, line: nil,
                message: "its aliases (*name) expand to more than \(Self.expandedBytesMax >> 20) MiB of text; write the repeated values out once")
        }
        return node
    }

    /// The most text a file may expand to once every alias is replaced by its anchor's node.
    static let expandedBytesMax = 4 * Catalog.fileBytesMax

    /// Whether `node`'s text, each alias counted in full, fits in `budget` bytes (what is left is kept in `budget`).
    private static func fits(_ node: Node, within budget: inout Int) -> Bool {
        budget -= 1
        switch node {
        case .scalar(let scalar): budget -= scalar.string.utf8.count
        case .mapping(let mapping):
            for (key, value) in mapping where budget >= 0 {
                guard fits(key, within: &budget), fits(value, within: &budget) else { return false }
            }
        case .sequence(let sequence):
            for item in sequence where budget >= 0 {
                guard fits(item, within: &budget) else { return false }
            }
        case .alias: break
        }
        return budget >= 0
    }

    func fail(_ node: Node?, _ message: String) -> CatalogError {
        CatalogError.invalidData(file: file, line: node?.mark?.line, message: message)
    }

    /// Refuses `value`, read from `node`, when its grammar found a `problem`: one line naming the field and the value.
    func check(_ value: String, at node: Node?, _ what: String, _ problem: String?) throws(CatalogError) {
        if let problem { throw fail(node, "\(what): \(GrammarText.shown(value)) \(problem)") }
    }

    func location(_ node: Node) -> SourceLocation { SourceLocation(file: file, line: node.mark?.line ?? 0) }

    /// A mapping's entries in file order, with its keys checked against `allowed` and `required`.
    func mapping(
        _ node: Node, _ what: String, allowed: Set<String>? = nil, required: Set<String> = []
    ) throws(CatalogError) -> Entries {
        guard case .mapping(let mapping) = node else { throw fail(node, "\(what) must be a mapping") }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else { throw fail(keyNode, "\(what): keys must be plain strings") }
            if let allowed, !allowed.contains(scalar.string) {
                let choices = allowed.sorted().joined(separator: ", ")
                throw fail(keyNode, "\(what): unknown key '\(scalar.string)' (expected one of: \(choices))")
            }
            entries.append((scalar.string, keyNode, value))
        }
        let present = Set(entries.map(\.key))
        if let missing = required.subtracting(present).sorted().first {
            throw fail(node, "\(what): missing required key '\(missing)'")
        }
        return Entries(reader: self, items: entries)
    }

    func string(_ node: Node, _ what: String) throws(CatalogError) -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            throw fail(node, "\(what) must be a non-empty string")
        }
        return scalar.string
    }

    /// A single string or a list of strings.
    func strings(_ node: Node, _ what: String) throws(CatalogError) -> [String] {
        switch node {
        case .scalar: return [try string(node, what)]
        case .sequence(let sequence):
            var result: [String] = []
            for item in sequence { result.append(try string(item, "each item of \(what)")) }
            return result
        default: throw fail(node, "\(what) must be a string or a list of strings")
        }
    }

    /// A plain `true`/`false` (YAML 1.1's `yes`/`no`/`on`/`off` too, as the default resolver read them); a
    /// quoted `"true"` is a string, not a bool.
    func bool(_ node: Node, _ what: String) throws(CatalogError) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { throw fail(node, "\(what) must be true or false") }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail(node, "\(what) must be true or false")
        }
    }

    func sequence(_ node: Node, _ what: String) throws(CatalogError) -> [Node] {
        guard case .sequence(let sequence) = node else { throw fail(node, "\(what) must be a list") }
        return Array(sequence)
    }

    /// True for `~`, `null` and an empty value.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            "invalid YAML: \(problem)"
        case .duplicatedKeysInMapping(let duplicates, _):
            "duplicate key: \(duplicates.joined(separator: ", "))"
        default: "invalid YAML: \(error)"
        }
    }
}

/// The checked entries of one YAML mapping, looked up by key.
struct Entries {
    let reader: YAMLReader
    let items: [(key: String, keyNode: Node, value: Node)]

    subscript(key: String) -> Node? { items.first { $0.key == key }?.value }

    /// Refuses a mapping that gives two keys where one would silently win (`verify: {command, args}`,
    /// `{name, names}`): one line at the second key naming both.
    func requireAtMostOne(of keys: [String], _ what: String) throws(CatalogError) {
        let given = items.filter { keys.contains($0.key) }
        guard given.count > 1 else { return }
        throw reader.fail(given[1].keyNode, "\(what): give one of \(keys.map { "'\($0)'" }.joined(separator: " or ")), not \(given.count) (only one would be used)")
    }

    func string(_ key: String, _ what: String) throws(CatalogError) -> String? {
        guard let node = self[key] else { return nil }
        return try reader.string(node, "\(what): '\(key)'")
    }

    func strings(_ key: String, _ what: String) throws(CatalogError) -> [String]? {
        guard let node = self[key] else { return nil }
        return try reader.strings(node, "\(what): '\(key)'")
    }

    func bool(_ key: String, _ what: String) throws(CatalogError) -> Bool? {
        guard let node = self[key] else { return nil }
        return try reader.bool(node, "\(what): '\(key)'")
    }

    /// The string at `key`, refused (naming the field and the value) when its `grammar` finds a problem.
    func string(_ key: String, _ what: String, grammar: (String) -> String?) throws(CatalogError) -> String? {
        guard let value = try string(key, what) else { return nil }
        try reader.check(value, at: self[key], "\(what): \(key)", grammar(value))
        return value
    }

    /// The string or strings at `key`, each checked against its `grammar`.
    func strings(_ key: String, _ what: String, grammar: (String) -> String?) throws(CatalogError) -> [String]? {
        guard let values = try strings(key, what) else { return nil }
        for value in values { try reader.check(value, at: self[key], "\(what): \(key)", grammar(value)) }
        return values
    }
}
