import Foundation

/// The translations the tools ship for the messages rules key on: msgid → every translation of it (all
/// languages, plural forms included). Generated from the tools' gettext catalogs by `Tools/message-catalogs`
/// into `message-translations.json`; a language is added by adding its catalog, never by hand.
public struct MessageTranslations: Sendable {
    public let byMessage: [String: [String]]

    public static let empty = MessageTranslations(byMessage: [:])

    public static let fileName = "message-translations.json"

    public init(byMessage: [String: [String]]) {
        self.byMessage = byMessage
    }

    /// Every translation of `msgid`, each once, in a stable order.
    public func translations(of msgid: String) -> [String] { byMessage[msgid] ?? [] }

    /// Reads the generated file: `{"messages": {msgid: {language: [translation, …]}}}`.
    static func parse(_ text: String, file: String) throws(RuleCatalogError) -> MessageTranslations {
        let object = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        guard let top = object as? [String: Any], let messages = top["messages"] as? [String: Any] else {
            throw RuleCatalogError(
                file: file, line: nil, message: "expected {\"messages\": {msgid: {language: [text]}}}; regenerate it with Tools/message-catalogs")
        }
        var result: [String: [String]] = [:]
        for (msgid, value) in messages {
            guard let languages = value as? [String: [String]] else {
                throw RuleCatalogError(file: file, line: nil, message: "message '\(msgid)': expected {language: [text]}")
            }
            var seen = Set<String>()
            result[msgid] = languages.keys.sorted().flatMap { languages[$0] ?? [] }.filter { seen.insert($0).inserted }
        }
        return MessageTranslations(byMessage: result)
    }
}
