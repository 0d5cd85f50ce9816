import Yams

/// A YAML node with the file it came from, so every schema error can name a file and a line.
///
/// The catalog is read from `Yams.compose` nodes rather than through `Decodable` because a decoding
/// error loses the position; here each accessor throws a `RuleCatalogError` that points at the node.
struct YAMLNode {
    let node: Node
    let file: String

    var line: Int? { node.mark?.line }

    func error(_ message: String) -> RuleCatalogError {
        RuleCatalogError(file: file, line: line, message: message)
    }

    static func parse(_ text: String, file: String) throws(RuleCatalogError) -> YAMLNode {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw RuleCatalogError(file: file, line: 1, message: "the file is empty")
            }
            return YAMLNode(node: node, file: file)
        } catch let error as RuleCatalogError {
            throw error
        } catch let error as YamlError {
            throw RuleCatalogError(file: file, line: Self.line(of: error), message: "not valid YAML: \(error)")
        } catch {
            throw RuleCatalogError(file: file, line: nil, message: "not valid YAML: \(error)")
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    /// The mapping's entries; throws unless this is a mapping whose keys are all in `allowed`.
    func mapping(allowedKeys allowed: Set<String>? = nil) throws(RuleCatalogError) -> [String: YAMLNode] {
        guard let mapping = node.mapping else { throw error("expected a mapping") }
        var result: [String: YAMLNode] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw YAMLNode(node: key, file: file).error("keys must be strings") }
            if let allowed, !allowed.contains(name) {
                throw YAMLNode(node: key, file: file).error(
                    "unknown key '\(name)' (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
            result[name] = YAMLNode(node: value, file: file)
        }
        return result
    }

    func sequence() throws(RuleCatalogError) -> [YAMLNode] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.map { YAMLNode(node: $0, file: file) }
    }

    func string() throws(RuleCatalogError) -> String {
        guard let scalar = node.scalar else { throw error("expected a string") }
        return scalar.string
    }

    func strings() throws(RuleCatalogError) -> [String] {
        if node.scalar != nil { return [try string()] }
        var result: [String] = []
        for item in try sequence() { result.append(try item.string()) }
        return result
    }

    func int() throws(RuleCatalogError) -> Int {
        guard let value = node.int else { throw error("expected an integer") }
        return value
    }

    func double() throws(RuleCatalogError) -> Double {
        guard let value = node.float else { throw error("expected a number") }
        return value
    }

    func bool() throws(RuleCatalogError) -> Bool {
        guard let value = node.bool else { throw error("expected true or false") }
        return value
    }
}

extension Dictionary where Key == String, Value == YAMLNode {
    /// The value under `key`, or an error on `parent` naming the missing key.
    func required(_ key: String, in parent: YAMLNode) throws(RuleCatalogError) -> YAMLNode {
        guard let value = self[key] else { throw parent.error("missing required key '\(key)'") }
        return value
    }
}
