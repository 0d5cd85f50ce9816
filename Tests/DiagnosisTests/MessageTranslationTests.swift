import Diagnosis
import Foundation
import InstallModel
import Testing

/// Rules keyed on a tool's message match it in every translation the catalogs hold, placeholders as wildcards
/// and arguments captured by number even where a translation reorders them.
@Suite struct MessageTranslationTests {
    /// A message built from words and placeholders, and its "translation": other words, arguments reordered
    /// with `%N$…` as translators do. Both are formatted with the same argument values.
    struct Generated {
        var english = ""
        var translated = ""
        var translatedLine = ""
        var values: [String] = []
    }

    static let words = ["could", "not", "open", "Sperrdatei", "konnte", "nicht", "パッケージ", "が見つかりません",
                        "не", "удалось", "fichier", "introuvable", "paquete", "zablokować"]

    static func generate(_ random: inout SplitMix64) -> Generated {
        var result = Generated()
        let arguments = Int.random(in: 1...3, using: &random)
        let numeric = (0..<arguments).map { _ in Bool.random(using: &random) }
        result.values = numeric.map { isNumber in
            isNumber ? String(Int.random(in: 0...99_999, using: &random))
                : "/v" + String(Int.random(in: 0...1_000_000, using: &random)) + "/x-" + String(Int.random(in: 0...9, using: &random))
        }
        func phrase() -> String {
            (0..<Int.random(in: 2...3, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
        }
        for index in 0..<arguments {
            result.english += phrase() + " " + (numeric[index] ? "%d" : "%s") + " "
        }
        result.english += phrase()
        for position in (0..<arguments).shuffled(using: &random) {
            let text = phrase() + " "
            result.translated += text + "%\(position + 1)$" + (numeric[position] ? "d" : "s") + " "
            result.translatedLine += text + result.values[position] + " "
        }
        let tail = phrase()
        result.translated += tail
        result.translatedLine += tail
        return result
    }

    static func catalog(message: String, translation: String, arguments: Int) throws -> RuleCatalog {
        let names = (1...arguments).map { "arg\($0)" }
        let rules = """
            family: demo
            layer: method_family
            rules:
              - id: demo-message
                kind: package-not-found
                messages: [{id: '\(message)', captures: [\(names.joined(separator: ", "))]}]
                confidence: 0.95
                remediations: [show]
            """
        let summary = names.map { "{\($0)}" }.joined(separator: "|")
        let remediations = "remediations:\n  - {id: show, strategy: manual, summary: '\(summary)'}\n"
        let json = try JSONSerialization.data(withJSONObject: ["messages": [message: ["xx": [translation]]]])
        return try RuleCatalog(files: [
            .init(path: "rules/demo.yaml", text: rules), .init(path: "remediations/demo.yaml", text: remediations),
            .init(path: "message-translations.json", text: String(decoding: json, as: UTF8.self)),
        ])
    }

    @Test(arguments: [UInt64(1), 7, 42, 2026, 0xC0FFEE])
    func aTranslationWithReorderedArgumentsIsMatchedAndCaptured(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<20 {
            let generated = Self.generate(&random)
            let catalog = try Self.catalog(
                message: generated.english, translation: generated.translated, arguments: generated.values.count)
            let diagnosis = Analyser.analyse(
                output: "E: " + generated.translatedLine + "\n", exitCode: 100, context: AnalysisContext(), catalog: catalog)
            #expect(diagnosis.kind == .packageNotFound, "\(generated.translated) / \(generated.translatedLine)")
            #expect(
                diagnosis.remediations.first?.summary == generated.values.joined(separator: "|"),
                "\(generated.translated) / \(generated.translatedLine)")
        }
    }

    @Test func aTranslationTooShortToKeyOnIsLeftOutAndPercentIsLiteral() throws {
        let catalog = try Self.catalog(message: "100%% of %s failed", translation: "%1$s: %1$s", arguments: 1)
        let rule = try #require(catalog.rule(id: "demo-message"))
        #expect(rule.patterns.count == 1)
        let hit = Analyser.analyse(output: "100% of disk failed\n", exitCode: 1, context: AnalysisContext(), catalog: catalog)
        #expect(hit.kind == .packageNotFound)
        let miss = Analyser.analyse(output: "disk: disk\n", exitCode: 1, context: AnalysisContext(), catalog: catalog)
        #expect(miss.kind == .unknown)
    }

    @Test func theBundledCatalogMatchesEveryShippedTranslationOfTheMessagesItKeysOn() throws {
        let catalog = try TestSupport.catalog()
        let locate = try #require(catalog.rule(id: "apt-unable-to-locate"))
        #expect(locate.patterns.count >= 40, "apt ships dozens of translations of 'Unable to locate package %s'")
        let german = Analyser.analyse(
            output: "E: Paket nosuchpkg kann nicht gefunden werden.\n", exitCode: 100, context: AnalysisContext(),
            catalog: catalog)
        #expect(german.kind == .packageNotFound)
    }
}
