import Catalog
import Foundation
import Testing

/// Every recipe's verify step against the real output of its command: `Fixtures/versions/` holds what a tool
/// printed for its verify arguments on a real install (captured by `Tools/catalog-sweep/sweep` with
/// `Tools/record-fixture`), and the recipe's pattern must match it as the verify step matches (`NSRegularExpression`
/// over stdout and stderr in the order they came).
struct VerifyPatternFixtureTests {
    struct Captured: Decodable {
        struct Response: Decodable {
            struct Chunk: Decodable { var text: String }
            var exit_code: Int
            var chunks: [Chunk]
        }
        var tool: String
        var command: String
        var responses: [Response]
    }

    static let directory = TestSupport.packageRoot.appendingPathComponent("Fixtures/versions")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test func thereAreCapturedVersionOutputs() {
        #expect(Self.files.count >= 10, "Fixtures/versions holds \(Self.files.count) captures")
    }

    @Test(arguments: files)
    func theRecipesPatternMatchesTheRealOutput(file: String) throws {
        let captured = try JSONDecoder().decode(Captured.self, from: Data(contentsOf: Self.directory.appendingPathComponent(file)))
        let recipe = try #require(TestSupport.catalog.recipe(named: captured.tool), "\(file): no recipe \(captured.tool)")
        let response = try #require(captured.responses.first)
        #expect(response.exit_code == 0, "\(file)")
        let verify = recipe.verify
        let expected = (verify.command ?? [recipe.binary] + verify.arguments).joined(separator: " ")
        #expect(captured.command.hasSuffix(expected.split(separator: " ").dropFirst().joined(separator: " ")), "\(file): captured \(captured.command), the recipe runs \(expected)")
        let output = response.chunks.map(\.text).joined()
        let pattern = try #require(verify.pattern, "\(captured.tool) has no verify pattern")
        let regex = try NSRegularExpression(pattern: pattern)
        let first = output.split(separator: "\n").first.map(String.init) ?? ""
        #expect(regex.firstMatch(in: output, range: NSRange(output.startIndex..., in: output)) != nil,
                "\(captured.tool): /\(pattern)/ does not match what \(captured.command) printed: \"\(first)\"")
    }
}
