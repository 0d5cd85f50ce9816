import InstallModel

/// `config`: write / append / ensure_line / template a file, atomically and idempotently.
enum ConfigExecutor {
    static func execute(_ parameters: ConfigParameters, needsRoot: Bool, context: ExecutionContext) async -> StepOutcome {
        var p = parameters
        p.path = context.expandingHome(p.path)
        let existing: String
        do {
            existing = try context.fileSystem.read(p.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        } catch {
            return .failed(.unexplained("could not read \(p.path): \(error)"))
        }
        let updated: String
        switch ConfigEditing.apply(p, to: existing) {
        case .success(let text): updated = text
        case .failure(let error): return .failed(.unexplained(error.description))
        }
        guard updated != existing || !context.fileSystem.exists(p.path) else {
            return .skipped(detail: "\(p.path) already has the wanted contents")
        }
        return await FileWriter.write(p.path, contents: Array(updated.utf8), mode: p.mode, owner: p.owner, asRoot: needsRoot, context: context)
    }
}

/// The pure part of `config`: what a file's text becomes.
public enum ConfigEditing {
    /// A template value was not given.
    public struct UnresolvedTemplate: Error, CustomStringConvertible {
        public var names: [String]
        public var description: String { "template has unresolved values: " + names.joined(separator: ", ") }
    }

    public static func apply(_ p: ConfigParameters, to existing: String) -> Result<String, UnresolvedTemplate> {
        switch p.action {
        case .write:
            return .success(p.content)
        case .append:
            if existing.hasSuffix(p.content) && !p.content.isEmpty { return .success(existing) }
            return .success(existing + p.content)
        case .ensureLine:
            let lines = existing.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.contains(where: { $0 == Substring(p.content) }) { return .success(existing) }
            let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
            return .success(existing + separator + p.content + "\n")
        case .template:
            var text = p.content
            for (name, value) in p.templateValues.sorted(by: { $0.key < $1.key }) {
                text = text.replacingOccurrences(of: "{{" + name + "}}", with: value)
            }
            let unresolved = unresolvedNames(in: text)
            return unresolved.isEmpty ? .success(text) : .failure(UnresolvedTemplate(names: unresolved))
        }
    }

    static func unresolvedNames(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            names.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return names
    }
}
