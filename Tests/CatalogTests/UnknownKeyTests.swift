import Catalog
import InstallModel
import Testing

/// Nothing in a recipe or `repos.yaml` is silently ignored: a key a mapping does not know (at any depth), two keys
/// of which only one would be used, or a recipe file that would never be read, is refused at load with its file
/// and line. Generated: a seeded unknown key inserted into a random mapping of a recipe that loads.
@Suite struct UnknownKeyTests {
    /// A recipe and repository using every nested mapping; each line is (the indentation of a key that may follow
    /// it in the same mapping, text), nil where a key there would change the structure.
    static let recipe: [(indent: Int?, text: String)] = [
        (nil, "acme:"), (2, "  description: Acme"), (2, "  binary: acme"), (nil, "  verify:"), (4, "    pattern: '^acme'"),
        (nil, "  methods:"), (nil, "    - packages:"), (nil, "        apt:"), (nil, "          name: acme"), (10, "          repo: acme"),
        (nil, "    - release:"), (8, "        repo: acme/acme"), (8, "        version: 1.2.3"), (8, "        path: acme"),
        (nil, "        checksum: {file: 'https://example.com/sums'}"), (nil, "        assets:"),
        (10, "          linux-x86_64: {url: 'https://example.com/acme.tar.gz'}"),
        (nil, "    - pipx: acme"), (nil, "      post_install:"), (nil, "        - command:"), (12, "            argv: [acme, init]"),
    ]
    static let repos: [(indent: Int?, text: String)] = [
        (nil, "acme:"), (nil, "  apt:"), (4, "    key_url: https://example.com/key.asc"), (4, "    keyring: /etc/apt/keyrings/acme.gpg"),
        (4, "    source: 'deb [signed-by=/etc/apt/keyrings/acme.gpg] https://example.com/apt stable main'"),
        (4, "    source_path: /etc/apt/sources.list.d/acme.list"),
    ]

    private func load(_ recipe: String, _ repos: String) -> CatalogError? {
        do {
            _ = try Catalog(recipeFiles: [("recipes/acme.yaml", recipe)], repositoryFile: ("repos.yaml", repos))
            return nil
        } catch {
            return error
        }
    }

    private func text(_ lines: [(indent: Int?, text: String)]) -> String { lines.map(\.text).joined(separator: "\n") + "\n" }

    @Test func theTemplatesLoad() {
        #expect(load(text(Self.recipe), text(Self.repos)) == nil)
    }

    @Test(arguments: 1...200) func anUnknownKeyAnywhereIsRefusedAtItsLine(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let inRepos = Int.random(in: 0..<4, using: &random) == 0
        var lines = inRepos ? Self.repos : Self.recipe
        let places = lines.indices.filter { lines[$0].indent != nil }
        let after = places.randomElement(using: &random)!
        let key = "zz" + String((0..<Int.random(in: 1...8, using: &random)).map { _ in "abcdefghijklmnopqrstuvwxyz_".randomElement(using: &random)! })
        lines.insert((nil, String(repeating: " ", count: lines[after].indent!) + key + ": " + ["x", "[a, b]", "{c: d}", "1"].randomElement(using: &random)!), at: after + 1)
        let error = inRepos ? load(text(Self.recipe), text(lines)) : load(text(lines), text(Self.repos))
        guard case .invalidData(let file, let line, let message) = error else {
            Issue.record("seed \(seed): the key \(key) after line \(after + 1) was accepted")
            return
        }
        #expect(file == (inRepos ? "repos.yaml" : "recipes/acme.yaml") && line == after + 2, "seed \(seed): \(file):\(line ?? 0)")
        #expect(message.contains("unknown key '\(key)'"), "seed \(seed): \(message)")
    }

    @Test(arguments: [
        ("  verify:\n    command: [acme, version]\n    args: [--version]", "verify"),
        ("  methods:\n    - packages:\n        apt: {name: acme, names: [acme, acme-extra]}", "'name' or 'names'"),
    ])
    func twoKeysOfWhichOneWouldBeIgnoredAreRefused(block: String, named: String) {
        let recipe = "acme:\n  description: Acme\n  binary: acme\n" + block + "\n"
            + (block.contains("methods") ? "  verify: {pattern: '^acme'}\n" : "  methods:\n    - packages: {apt: acme}\n")
        guard case .invalidData(_, let line, let message) = load(recipe, text(Self.repos)) else {
            Issue.record("accepted: \(block)")
            return
        }
        #expect(line != nil && message.contains("give one of") && message.contains(named.components(separatedBy: " ").first!), "\(message)")
    }
}
