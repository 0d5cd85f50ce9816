import Foundation
import InstallModel

/// The one JSON writer for what evlog prints (`--json` reports, `export --trace`, asciicast lines, NDJSON
/// diagnoses): sorted keys, one line, and every scalar a terminal acts on that JSON allows raw — C1 controls, DEL,
/// bidi controls, line separators, zero-width characters (`Unicode.Scalar.isEscapedWhenShown`) — written as `\uXXXX`, so text from a log or a
/// recipe cannot act on whoever reads the output.
public enum JSONOutput {
    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return escapingActiveControls(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// `json` with every acting scalar escaped that the encoder left raw (it escapes C0 itself); they occur only
    /// inside strings, where the escape means the same character.
    public static func escapingActiveControls(_ json: String) -> String {
        // Below DEL nothing acts that the encoder left raw: most lines (output as text, ids, argv) are left as they are.
        if json.utf8.allSatisfy({ $0 < 0x7F }) { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            guard scalar.value >= 0x7F, scalar.isEscapedWhenShown else {
                out.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16)
            out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
        }
        return String(out)
    }
}
