import Foundation
import Testing

/// The README's reliability paragraph states exactly what the Hostile* tests prove, in three sentences:
/// the flush bound (HostileQuietStepTests), what recovery keeps (HostileDamageTests), and redaction
/// plus no orphans (SecretRedactionTests, HostileSignalTests).
struct HostileReadmePromiseTests {
    static func reliabilityParagraph() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Reliability\n").dropFirst().first, "README has no Reliability section")
        return section.components(separatedBy: "\n## ").first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    @Test func readmeStatesTheThreeReliabilityPromises() throws {
        let paragraph = try Self.reliabilityParagraph()
        let sentences = paragraph.components(separatedBy: ". ").filter { !$0.isEmpty }
        #expect(sentences.count == 3, "\(sentences)")
        #expect(sentences.first?.contains("within 200 ms") == true, "the durability bound of FORMAT.md §3.3")
        #expect(sentences.dropFirst().first?.contains("never deletes a byte") == true)
        #expect(paragraph.contains("plans/<id>.evlog.damaged-<UTC time>"))
        #expect(sentences.last?.contains("redacted") == true)
        #expect(sentences.last?.contains("`kill -9` of evlog kills its command") == true)
    }
}
