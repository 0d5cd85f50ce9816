import InstallModel
import Sealing

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
        let outcome = await FileWriter.write(p.path, contents: Array(updated.utf8), mode: p.mode, owner: p.owner, asRoot: needsRoot, context: context)
        if case .done = outcome, let written = writtenAccount(p, updated: updated, existing: existing) { context.io.say(written) }
        return outcome
    }

    /// What a `write`, `template` or `append` put in the file, for the log: how many bytes and their
    /// SHA-256 (the whole file, or what was appended; never the user's own part of it), so a
    /// reproduction compares what it writes byte for byte. `ensure_line` adds the plan's own line, seen
    /// in the plan, and a separator that depends on the user's file: it says nothing.
    static func writtenAccount(_ p: ConfigParameters, updated: String, existing: String) -> String? {
        switch p.action {
        case .write, .template:
            let bytes = Array(updated.utf8)
            return "wrote \(bytes.count) bytes to \(p.path) (sha256 \(ContentDigest.sha256Hex(bytes)))"
        case .append:
            let bytes = Array(updated.utf8.dropFirst(existing.utf8.count))
            return "appended \(bytes.count) bytes to \(p.path) (sha256 \(ContentDigest.sha256Hex(bytes)))"
        case .ensureLine:
            return nil
        }
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
