import Foundation
import InstallModel

/// The last line of defence before a JSON event is stored: every registered secret, as written and as
/// JSON escapes it, is replaced — and so is any long piece of one (a command line a user typed with the
/// password split in two still gives nothing away). Output chunks are binary and redacted at the source.
struct JSONSecretScrubber {
    private let redactor: Redactor?
    /// A piece of a secret this long (and at least a third of it) is treated as the secret.
    static let pieceCharactersMin = 6

    init(secrets: [String]) {
        var forms = Set<String>()
        for secret in secrets where !secret.isEmpty {
            let characters = Array(secret)
            let shortest = min(characters.count, max(Self.pieceCharactersMin, (characters.count + 2) / 3))
            for length in shortest...characters.count {
                for start in 0...(characters.count - length) {
                    let piece = String(characters[start..<(start + length)])
                    forms.insert(piece)
                    if let data = try? JSONEncoder().encode(piece) {
                        forms.insert(String(decoding: data.dropFirst().dropLast(), as: UTF8.self))
                    }
                }
            }
        }
        // Longest first, so a whole secret is replaced before its pieces are looked for.
        let ordered = forms.sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0 < $1 }
        redactor = ordered.isEmpty ? nil : Redactor(secrets: ordered)
    }

    /// Scrubs a JSON payload in place; returns whether anything was replaced.
    func scrub(_ payload: inout [UInt8]) -> Bool {
        guard let redactor, payload.first == EventPayload.jsonTag else { return false }
        let text = String(decoding: payload.dropFirst(), as: UTF8.self)
        let clean = redactor.redactingSecretsOnly(text)
        guard clean != text else { return false }
        payload = [EventPayload.jsonTag] + Array(clean.utf8)
        return true
    }
}
