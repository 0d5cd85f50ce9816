import InstallModel
import Sealing

/// `config`: write / append / ensure_line / template a file, atomically and idempotently.
enum ConfigExecutor {
    static func execute(_ parameters: ConfigParameters, needsRoot: Bool, context: ExecutionContext) async -> StepOutcome {
        var p = parameters
        p.path = context.expandingHome(p.path)
        // Edited as bytes (`ByteText`): what an append or ensure_line keeps of the file stays byte for byte.
        p.content = ByteText.of(p.content)
        p.templateValues = p.templateValues.mapValues(ByteText.of)
        let existing: String
        do {
            existing = try context.fileSystem.read(p.path).map { ByteText.of(bytes: $0) } ?? ""
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
        let bytes = ByteText.bytes(updated)
        let outcome = await FileWriter.write(p.path, contents: bytes, mode: p.mode, owner: p.owner, asRoot: needsRoot, context: context)
        if case .done = outcome, let written = writtenAccount(p, updated: bytes, existing: ByteText.bytes(existing).count) { context.io.say(written) }
        return outcome
    }

    /// What a `write`, `template` or `append` put in the file (`updated`, after the `existing` bytes it kept), for the log: how many bytes and their
    /// SHA-256 (the whole file, or what was appended; never the user's own part of it), so a
    /// reproduction compares what it writes byte for byte. `ensure_line` adds the plan's own line, seen
    /// in the plan, and a separator that depends on the user's file: it says nothing.
    static func writtenAccount(_ p: ConfigParameters, updated: [UInt8], existing: Int) -> String? {
        switch p.action {
        case .write, .template:
            return "wrote \(updated.count) bytes to \(p.path) (sha256 \(ContentDigest.sha256Hex(updated)))"
        case .append:
            let bytes = Array(updated.dropFirst(existing))
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
            if ByteText.lines(existing).contains(p.content) { return .success(existing) }
            return .success(existing + (ByteText.endsLine(existing) ? "" : "\n") + p.content + "\n")
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
