import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// A credential value that starts with a symbol is a value unless the whole of it is a stand-in: a template its
/// bracket closes, a mask of stars, a format, a home path (secrets10 finding 1: `*Gh07…`, `<Ab28…`, `~Ab28…`
/// were taken for stand-ins by their first byte, about 1 generated password in 9).
@Suite struct SymbolLeadingValueTests {
    static let forms: [@Sendable (String) -> String] = [{ "DB_PASSWORD=\($0)" }, { #"{"password": "\#($0)"}"# }, { "api_token=\($0)" }]

    @Test(arguments: Array(UInt64(1)...60))
    func aValueStartingWithASymbolIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let value = pick(["*", "~", "<", "["], &random) + String((0..<(10 + Int(random.next() % 10))).map { _ in pick(secretAlphabet, &random) })
        let shown = SecretPolicy().redact(pick(Self.forms, &random)(value))
        #expect(!shown.contains(value.dropFirst()), "\(shown)")
    }

    @Test(arguments: ["<your-password>", "[REDACTED]", "********", "***", "~/.config/secret", "~", "%s", "%(password)s", "`cat pw.txt`"])
    func aWholeStandInIsKept(standIn: String) {
        for form in Self.forms {
            let text = form(standIn)
            #expect(SecretPolicy().redact(text) == text, "\(text)")
        }
    }
}
