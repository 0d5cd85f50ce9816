import Foundation
import InstallModel

/// Passes every string value of a JSON text through a `SecretPolicy`; object keys and everything that
/// is not a string stay as they are. The strings of one array are redacted as the words of one command
/// line (argv: `["mysql", "--password", "X"]`), unless the array is a list of names evlog keeps (a step's
/// `dependsOn`, a plan's `tools`: `["pipx-detect-secrets", "shell-path"]` is no `secrets X`; repro12 F1).
/// A fault a simulated plan keeps (`pipx-detect-secrets=fail`) is a step's name and one of evlog's effects,
/// not `KEY=VALUE` (repro12 F2: the plan could not be read back).
enum JSONStringScrubber {
    private struct Literal {
        var range: Range<Int>
        /// The array holding it (its opening bracket's offset), if it is an array element.
        var array: Int?
        /// Whether it is an element of a plan's `faults`.
        var isFault = false
    }

    /// The scrubbed text, or nil when nothing changed (or the text is not the JSON it should be), and
    /// the values found by their structure.
    static func scrub(_ json: [UInt8], with policy: SecretPolicy) -> (json: [UInt8]?, found: [String]) {
        guard let literals = stringValues(in: json) else { return (nil, []) }
        var found: [String] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var replacements: [(Range<Int>, [UInt8])] = []
        var index = 0
        while index < literals.count {
            // A run of string elements of one array is one command line.
            var end = index + 1
            if let array = literals[index].array {
                while end < literals.count, literals[end].array == array { end += 1 }
            }
            let group = literals[index..<end]
            let texts = group.compactMap { decode(Array(json[$0.range])) }
            if texts.count == group.count {
                let (clean, values) = group.first?.array != nil ? policy.redactFinding(words: texts) : zip(group, texts).reduce(into: ([String](), [String]())) { result, element in
                    let (redacted, values) = element.0.isFault ? redactFault(element.1, with: policy) : policy.redactFinding(element.1)
                    result.0.append(redacted)
                    result.1 += values
                }
                found += values
                for (literal, (before, after)) in zip(group, zip(texts, clean)) where before != after {
                    guard let encoded = try? encoder.encode(after) else { continue }
                    replacements.append((literal.range, Array(encoded)))
                }
            }
            index = end
        }
        guard !replacements.isEmpty else { return (nil, found) }
        var out = json
        for (range, bytes) in replacements.reversed() { out.replaceSubrange(range, with: bytes) }
        return (out, found)
    }

    /// A fault as `StepFault` writes it: its step's name goes through the policy as a name, its effect (a word of
    /// evlog's grammar) stays; anything else is redacted as any string.
    private static func redactFault(_ text: String, with policy: SecretPolicy) -> (text: String, found: [String]) {
        guard let fault = try? StepFault(parsing: text), let equals = text.firstIndex(of: "=") else { return policy.redactFinding(text) }
        let (step, found) = policy.redactFinding(fault.step.rawValue)
        return (step + text[equals...], found)
    }

    private static func decode(_ literal: [UInt8]) -> String? {
        if !literal.contains(0x5C) { return String(decoding: literal.dropFirst().dropLast(), as: UTF8.self) }
        return try? JSONDecoder().decode(String.self, from: Data(literal))
    }

    /// The keys (with their quotes) of arrays that list names evlog keeps, not words of a command line.
    private static let nameListKeys: Set<[UInt8]> = Set(
        ["dependsOn", "tools", "packageManagers", "pathEntries", "backupBefore", "notes", "steps", "rollback", "faults"].map { Array("\"\($0)\"".utf8) })
    private static let faultListKey = Array("\"faults\"".utf8)

    /// The string values (not keys) of `json`, in order, each with its quotes; nil for text that does
    /// not parse as far as strings go.
    private static func stringValues(in json: [UInt8]) -> [Literal]? {
        enum Container { case object(expectingKey: Bool), array(Int?) }
        var stack: [Container] = []
        var literals: [Literal] = []
        var lastKey: Range<Int>?
        /// The depths in `stack` of open `faults` arrays.
        var faultLists: [Int] = []
        var index = 0
        while index < json.count {
            switch json[index] {
            case 0x22:
                let start = index
                index += 1
                while index < json.count, json[index] != 0x22 { index += json[index] == 0x5C ? 2 : 1 }
                guard index < json.count else { return nil }
                let range = start..<(index + 1)
                switch stack.last {
                case .object(let expectingKey) where expectingKey:
                    stack[stack.count - 1] = .object(expectingKey: false)
                    lastKey = range
                case .array(let open):
                    literals.append(Literal(range: range, array: open, isFault: open == nil && faultLists.last == stack.count - 1))
                default:
                    literals.append(Literal(range: range, array: nil))
                }
            case 0x7B: stack.append(.object(expectingKey: true))
            case 0x5B:
                let isNameList = lastKey.map { nameListKeys.contains(Array(json[$0])) } ?? false
                if lastKey.map({ Array(json[$0]) == faultListKey }) ?? false { faultLists.append(stack.count) }
                if case .object = stack.last { lastKey = nil }
                stack.append(.array(isNameList ? nil : index))
            case 0x7D, 0x5D:
                _ = stack.popLast()
                if faultLists.last == stack.count { faultLists.removeLast() }
            case 0x2C:
                if case .object = stack.last { stack[stack.count - 1] = .object(expectingKey: true) }
            default: break
            }
            index += 1
        }
        return literals
    }
}
