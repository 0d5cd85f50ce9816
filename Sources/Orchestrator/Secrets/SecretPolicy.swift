import Foundation
import InstallModel

/// What a run treats as secret, and the one way anything is redacted (ARCHITECTURE.md, "SecretPolicy").
///
/// A policy holds the strings registered for the run (the sudo password, values of secret-looking
/// environment variables) and applies them, whole and in long pieces, together with the patterns of
/// `SecretPatterns` (URL credentials, `token=`/`password:` values, `--password X`, `curl -u user:pass`,
/// bearer and `Authorization:` headers, GitHub/GitLab/AWS/Slack/`sk-` token shapes). The
/// `EventRecorder` is its only user: every event passes through it before the store or an observer
/// sees it — output chunks as a stream (`SecretStream`), every other event string by string.
public struct SecretPolicy: Sendable {
    /// What a secret is replaced with.
    public static let marker: [UInt8] = Array("[redacted]".utf8)
    public static let markerText = "[redacted]"
    /// The registered strings, as given.
    public let secrets: [String]
    let registered: RegisteredSecrets

    public init(secrets: [String] = []) {
        self.secrets = secrets.filter { !$0.isEmpty }
        registered = RegisteredSecrets(self.secrets)
    }

    /// This policy with `more` registered too.
    public func registering(_ more: [String]) -> SecretPolicy { SecretPolicy(secrets: secrets + more) }

    /// A fresh stream redactor for one output stream.
    public func makeStream() -> SecretStream { SecretStream(secrets: registered) }

    /// Redacts registered secrets and patterns in a whole string (a label, a reason, a message).
    public func redact(_ text: String) -> String {
        var carry = SecretCarry.none
        return redact(text, carry: &carry)
    }

    /// Redacts the words of a command line, one element each, so `["--password", "X"]` and
    /// `["curl", "-u", "user:pass"]` lose their values as the joined line would. Only an option's
    /// value carries from one element to the next (a line's rest stays in its element: evidence lines).
    public func redact(words: [String]) -> [String] {
        var carry = SecretCarry.none
        return words.map { word in
            let clean = redact(word, carry: &carry)
            if carry != .nextWord && carry != .nextWordAfterColon { carry = .none }
            return clean
        }
    }

    private func redact(_ text: String, carry: inout SecretCarry) -> String {
        var data = Array(text.utf8)
        let replaced = registered.replace(in: &data)
        let found = data.withUnsafeBufferPointer { SecretPatterns.ranges(in: $0, carry: carry, endsMidWord: false) }
        carry = found.carry
        guard SecretPatterns.replace(found.ranges, in: &data) || replaced else { return text }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether `text` holds what a redaction left (a resumed plan must not run it as if it were real).
    public static func holdsRedaction(_ text: String) -> Bool { text.contains(markerText) }

    /// Scrubs an encoded event (the JSON form; output chunks are binary and go through a stream) in
    /// place; returns whether anything was replaced.
    func scrub(payload: inout [UInt8]) -> Bool {
        guard payload.first == EventPayload.jsonTag else { return false }
        guard let clean = JSONStringScrubber.scrub(Array(payload.dropFirst()), with: self) else { return false }
        payload = [EventPayload.jsonTag] + clean
        return true
    }
}
