import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// A private key squashed onto one line (`echo $KEY`), given as a value (`SSH_KEY=-----BEGIN …`, `key: "…"`) or
/// escaped inside a JSON string (`\n` for its line ends) is redacted up to its END marker, and the output after
/// that marker is kept (secrets10 finding 9: its body was shown whole, and a JSON-escaped key redacted every
/// line after it until the step ended).
@Suite struct SquashedKeyBlockTests {
    static func body(_ random: inout SplitMix64) -> [String] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        return (0..<(2 + Int(random.next() % 5))).map { _ in String((0..<(20 + Int(random.next() % 44))).map { _ in alphabet[Int(random.next() % 64)] }) }
    }

    @Test(arguments: Array(UInt64(1)...60))
    func aKeyOnOneLineIsRedactedAndWhatFollowsIsKept(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let lines = Self.body(&random)
        let label = pick(["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"], &random)
        let (begin, end) = ("-----BEGIN \(label)-----", "-----END \(label)-----")
        let key: String
        switch random.next() % 4 {
        case 0: key = pick(["SSH_KEY=", "PRIVATE_KEY=", "tls.key: ", "key: "], &random) + ([begin] + lines + [end]).joined(separator: " ")
        case 1: key = "echo " + ([begin] + lines + [end]).joined(separator: " ")
        case 2: key = #"{"cert": "x", "key": ""# + ([begin] + lines + [end]).joined(separator: #"\n"#) + #""}"#
        default: key = pick(["KEY=", "value: "], &random) + "\"" + ([begin] + lines + [end]).joined(separator: " ") + "\""
        }
        let after = "step \(random.next() % 1000) finished at line \(random.next() % 100)"
        let text = key + "\n" + after + "\n"
        var stream = SecretPolicy().makeStream()
        let bytes = stream.process(Array(text.utf8)).bytes + stream.finish().bytes
        let shown = String(decoding: bytes, as: UTF8.self)
        for line in lines { #expect(!shown.contains(line), "\(shown)") }
        #expect(shown.contains(after) && shown.contains(end), "\(shown)")
    }
}
