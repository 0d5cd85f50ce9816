import Catalog
import Foundation
import InstallModel
import Testing

/// Hostile overlays: a seeded generator puts one hostile value (shell text, an option, a second line, `..`, a
/// path outside its place, a scheme other than https, credentials, controls) into one field of an otherwise good
/// overlay recipe or repository; every such overlay must be refused at load with one line naming the file, the
/// recipe or repository, and the field. `EVLOG_HOSTILE_OVERLAY_CASES` sets how many (300 here; `Tools/hostile`
/// runs 10,000 and more), `EVLOG_HOSTILE_OVERLAY_SEED` the first seed.
struct HostileOverlayTests {
    /// What a hostile value may do to a field, as a seeded transformation of a good value.
    enum Attack: CaseIterable, Sendable {
        case shellText, option, secondLine, traversal, absolutePath, scheme, credentials, controls, quoting, trustedSource, invisible
    }

    /// Where a hostile value goes: a good value, the attacks that make it bad, and the overlay it sits in.
    struct Field: Sendable {
        var name: String
        var good: String
        var attacks: [Attack]
        /// The overlay's recipe file and repos.yaml with `value` (already a YAML scalar) in place.
        var overlay: @Sendable (String) -> (recipes: String, repositories: String?)
    }

    static func recipe(_ method: String, binary: String = "\"goodbin\"", extra: String = "") -> String {
        "hostile-tool:\n  description: x\n  binary: \(binary)\n  verify: {pattern: \"^x\"}\n\(extra)  methods:\n    - \(method)\n"
    }

    static let names: [Attack] = [.shellText, .option, .secondLine, .traversal, .absolutePath, .scheme, .controls, .quoting, .invisible]
    static let urls: [Attack] = [.scheme, .credentials, .secondLine, .controls, .quoting]
    static let paths: [Attack] = [.shellText, .secondLine, .traversal, .absolutePath, .controls, .quoting]
    static let profileValues: [Attack] = [.shellText, .secondLine, .controls, .quoting]
    static let sha = String(repeating: "a", count: 64)

    static func release(version: String = "\"1.0.0\"", path: String = "\"tool/bin\"", url: String = "\"https://example.com/t-{version}.tar.gz\"",
                        repo: String = "\"acme/tool\"", checksum: String? = nil) -> String {
        let pin = checksum.map { "        checksum: {file: \($0)}\n" } ?? ""
        let hash = checksum == nil ? ", sha256: \(sha)" : ""
        return "release:\n        repo: \(repo)\n        version: \(version)\n        path: \(path)\n\(pin)        assets:\n          linux-x86_64: {url: \(url)\(hash)}"
    }

    static func repository(_ fields: [String: String]) -> (String, String?) {
        var values = [
            "key_url": "\"https://example.com/key.asc\"", "keyring": "\"/etc/apt/keyrings/acme.gpg\"",
            "source": "\"deb [signed-by=/etc/apt/keyrings/acme.gpg] https://example.com/apt stable main\"",
            "source_path": "\"/etc/apt/sources.list.d/acme.list\"",
        ]
        values.merge(fields) { $1 }
        let body = values.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        return (recipe("packages: {apt: {name: acme-cli, repo: acme}}"), "acme:\n  apt: {\(body)}\n")
    }

    static let fields: [Field] = [
        Field(name: "npm", good: "left-pad", attacks: names) { (recipe("npm: \($0)"), nil) },
        Field(name: "pipx", good: "black", attacks: names) { (recipe("pipx: {package: \($0)}"), nil) },
        Field(name: "pip", good: "httpie", attacks: names) { (recipe("pip: \($0)"), nil) },
        Field(name: "cargo", good: "ripgrep", attacks: names) { (recipe("cargo: \($0)"), nil) },
        Field(name: "go", good: "example.com/x/cmd@latest", attacks: names) { (recipe("go: \($0)"), nil) },
        Field(name: "gem", good: "rake", attacks: names) { (recipe("gem: \($0)"), nil) },
        Field(name: "apt", good: "fd-find", attacks: names) { (recipe("packages: {apt: \($0)}"), nil) },
        Field(name: "dnf", good: "fd-find", attacks: names) { (recipe("packages: {dnf: \($0)}"), nil) },
        Field(name: "brew", good: "hashicorp/tap/vault", attacks: names) { (recipe("packages: {brew: \($0)}"), nil) },
        Field(name: "pacman", good: "fd", attacks: names) { (recipe("packages: {pacman: [\($0)]}"), nil) },
        Field(name: "apk", good: "fd", attacks: names) { (recipe("packages: {apk: \($0)}"), nil) },
        Field(name: "snap", good: "fd", attacks: names) { (recipe("packages: {snap: \($0)}"), nil) },
        Field(name: "binary", good: "evilbin", attacks: names) { (recipe("packages: {apt: jq}", binary: $0), nil) },
        Field(name: "binary", good: "fdfind", attacks: names.filter { $0 != .absolutePath }) { (recipe("packages: {apt: {name: fd-find, binary: \($0)}}"), nil) },
        Field(name: "alias", good: "alias", attacks: names) { (recipe("packages: {apt: jq}", extra: "  aliases: [\($0)]\n"), nil) },
        Field(name: "version", good: "1.0.0", attacks: names) { (recipe(release(version: $0)), nil) },
        Field(name: "path", good: "tool-1.0/bin", attacks: paths) { (recipe(release(path: $0)), nil) },
        Field(name: "repo", good: "acme/tool", attacks: paths) { (recipe(release(repo: $0)), nil) },
        Field(name: "url", good: "https://example.com/t.tar.gz", attacks: urls) { (recipe(release(url: $0)), nil) },
        Field(name: "checksum: file", good: "https://example.com/SHA256SUMS", attacks: urls) {
            (recipe(release(checksum: $0)), nil)
        },
        Field(name: "url", good: "https://example.com/install.sh", attacks: urls) { (recipe("script: {url: \($0), sha256: \(sha)}"), nil) },
        Field(name: "name", good: "nginx", attacks: names) {
            (recipe("packages: {apt: nginx}\n      post_install:\n        - service: {name: \($0)}"), nil)
        },
        Field(name: "group", good: "docker", attacks: names) {
            (recipe("packages: {apt: [docker, docker.io]}\n      post_install:\n        - service: {name: docker}\n        - group: \($0)"), nil)
        },
        Field(name: "path", good: "~/.acme/bin", attacks: profileValues) {
            (recipe("packages: {apt: jq}\n      post_install:\n        - shell_env: {path: [\($0)]}"), nil)
        },
        Field(name: "env.ACME_HOME", good: "~/.acme", attacks: profileValues) {
            (recipe("packages: {apt: jq}\n      post_install:\n        - shell_env: {env: {ACME_HOME: \($0)}}"), nil)
        },
        Field(name: "description", good: "A tool", attacks: [.controls, .invisible]) { (recipe("packages: {apt: jq}").replacingOccurrences(of: "description: x", with: "description: \($0)"), nil) },
        Field(name: "note", good: "from our mirror", attacks: [.controls, .invisible]) { (recipe("packages: {apt: jq}\n      note: \($0)"), nil) },
        Field(name: "notify", good: "log out and in", attacks: [.controls, .invisible]) {
            (recipe("packages: {apt: jq}\n      post_install:\n        - notify: \($0)"), nil)
        },
        Field(name: "key_url", good: "https://example.com/key.asc", attacks: urls) { repository(["key_url": $0]) },
        Field(name: "keyring", good: "/etc/apt/keyrings/acme.gpg", attacks: paths) { repository(["keyring": $0]) },
        Field(name: "source_path", good: "/etc/apt/sources.list.d/acme.list", attacks: paths) { repository(["source_path": $0]) },
        Field(
            name: "source", good: "deb [signed-by=/etc/apt/keyrings/acme.gpg] https://example.com/apt stable main",
            attacks: [.secondLine, .trustedSource, .credentials, .controls, .scheme]
        ) { repository(["source": $0]) },
        Field(name: "ppa", good: "ppa:acme/tools", attacks: names) {
            let (recipes, _) = repository([:])
            return (recipes, "acme:\n  apt: {ppa: \($0)}\n")
        },
    ]

    /// `good` made hostile by `attack`, with choices drawn from `generator`.
    static func hostile(_ good: String, _ attack: Attack, _ generator: inout SplitMix64) -> String {
        func pick(_ choices: [String]) -> String { choices[Int(generator.next() % UInt64(choices.count))] }
        let marker = "/tmp/evlog-pwned-\(generator.next() % 10_000)"
        switch attack {
        case .shellText:
            return good + pick(["; touch \(marker)", "$(touch \(marker))", "`touch \(marker)`", " && touch \(marker)", "|touch \(marker)", " >\(marker)"])
        case .option:
            return pick(["--index-url=http://127.0.0.1:9/simple ", "-", "--", "-o", "--config="]) + good
        case .secondLine:
            return good + pick(["\n", "\r\n", "\r", "\u{2028}"]) + pick(["deb [trusted=yes] http://evil.example/ x main", "touch \(marker)"])
        case .traversal:
            return pick(["../", "../../../..", "./../"]) + good + pick(["", "/../../etc/shadow"])
        case .absolutePath:
            return pick(["/etc/shadow", "/usr/local/bin/\(good)", "/root/.ssh/authorized_keys"])
        case .scheme:
            return pick(["file:///etc/shadow", "ftp://example.com/x", "http://evil.example/x", "javascript:alert(1)", "gopher://x/"])
        case .credentials:
            let url = good.hasPrefix("deb ") ? good : "https://example.com/x"
            return url.replacingOccurrences(of: "https://", with: "https://" + pick(["user:secret@", "token@", "a:b@"]))
        case .controls:
            return good + pick(["\u{1b}[2J", "\u{1b}]0;pwned\u{07}", "\u{0}", "\u{7f}", "\t"])
        case .quoting:
            return good + pick(["\"", "'", "\\", " x", "`id`", "${IFS}"])
        case .invisible:
            // Bidi controls reorder what a person reads (Trojan Source); zero-width, format, default-ignorable and
            // blank-drawn characters hide or pad text (trust16 #11).
            // Inside the text: a leading U+FEFF is a byte-order mark the YAML reader drops.
            let cut = good.index(good.startIndex, offsetBy: 1 + Int(generator.next() % UInt64(max(1, good.count - 1))))
            return String(good[..<cut]) + pick([
                "\u{202E}", "\u{2066}", "\u{2069}", "\u{200B}", "\u{200D}", "\u{200F}", "\u{FEFF}", "\u{061C}",
                "\u{180E}", "\u{1D173}", "\u{E0041}", "\u{FE0F}", "\u{034F}", "\u{0600}", "\u{00AD}", "\u{2800}", "\u{3164}",
                "\u{115F}", "\u{FFA0}", "\u{00A0}", "\u{3000}", "\u{F8FF}",
            ]) + good[cut...]
        case .trustedSource:
            let option = pick(["trusted=yes", "allow-insecure=yes", "allow-weak=yes", "signed-by=/tmp/evil.gpg", "signed-by=/etc/apt/keyrings/../../../tmp/x"])
            return good.replacingOccurrences(of: "[signed-by=", with: "[\(option) signed-by=")
        }
    }

    /// `value` as a YAML double-quoted scalar (controls escaped), so the file parses and the value arrives whole.
    static func yamlScalar(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default: text += scalar.value < 0x20 || scalar.value == 0x7F || scalar.actsInText || scalar.isZeroWidth
                ? String(format: "\\u%04X", scalar.value) : String(scalar)
            }
        }
        return text + "\""
    }

    /// Loads the overlay; the error it is refused with, or nil when it loaded.
    static func refusal(_ overlay: (recipes: String, repositories: String?)) -> CatalogError? {
        do {
            _ = try Catalog(
                recipeFiles: [("acme/recipes/t.yaml", overlay.recipes)], repositoryFile: overlay.repositories.map { ("acme/repos.yaml", $0) })
            return nil
        } catch {
            return error
        }
    }

    static var cases: Int { Int(ProcessInfo.processInfo.environment["EVLOG_HOSTILE_OVERLAY_CASES"] ?? "") ?? 300 }
    static var firstSeed: UInt64 { UInt64(ProcessInfo.processInfo.environment["EVLOG_HOSTILE_OVERLAY_SEED"] ?? "") ?? 1 }

    @Test func everyFieldLoadsWithItsGoodValue() {
        for field in Self.fields {
            let error = Self.refusal(field.overlay(Self.yamlScalar(field.good)))
            #expect(error == nil, "\(field.name) '\(field.good)': \(error.map(String.init(describing:)) ?? "")")
        }
    }

    @Test func generatedHostileValuesAreRefusedAtLoadNamingTheField() {
        var refusedByAttack: [String: Int] = [:]
        for seed in Self.firstSeed..<(Self.firstSeed + UInt64(Self.cases)) {
            var generator = SplitMix64(seed: seed)
            let field = Self.fields[Int(generator.next() % UInt64(Self.fields.count))]
            let attack = field.attacks[Int(generator.next() % UInt64(field.attacks.count))]
            let value = Self.hostile(field.good, attack, &generator)
            guard let error = Self.refusal(field.overlay(Self.yamlScalar(value))) else {
                Issue.record("seed \(seed): \(field.name) = \(value.debugDescription) (\(attack)) loaded")
                continue
            }
            let message = error.description
            let named = message.contains(field.name) && (message.contains("hostile-tool") || message.contains("acme"))
                && message.contains("acme/")
            #expect(named && !message.contains("\n") && !message.contains("\u{1b}"), "seed \(seed): \(message.debugDescription)")
            refusedByAttack["\(attack)", default: 0] += 1
        }
        #expect(refusedByAttack.values.reduce(0, +) == Self.cases)
    }

    /// A tool name with a bidi control or a zero-width character (or any letter outside a-z) is refused at load with
    /// its file and line, the name shown escaped.
    @Test func aToolNameWithInvisibleCharactersIsRefused() {
        var generator = SplitMix64(seed: 6)
        for _ in 0..<40 {
            let name = Self.hostile("hostile-tool", .invisible, &generator)
            let text = Self.recipe("packages: {apt: jq}").replacingOccurrences(of: "hostile-tool:", with: Self.yamlScalar(name) + ":")
            guard let error = Self.refusal((text, nil)) else { Issue.record("\(name.debugDescription) loaded"); continue }
            let message = error.description
            #expect(message.contains("acme/recipes/t.yaml:") && !message.unicodeScalars.contains { $0.actsInText || $0.isZeroWidth }, "\(message.debugDescription)")
        }
        #expect(Self.refusal((Self.recipe("packages: {apt: jq}").replacingOccurrences(of: "hostile-tool:", with: "ｈostile:"), nil)) != nil)
    }

    /// A recipe file over the cap is refused before it is parsed, naming the file and the cap.
    @Test func anOverlayFileOverTheCapIsRefusedBeforeParsing() throws {
        let directory = NSTemporaryDirectory() + "evlog-overlay-cap-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/recipes", withIntermediateDirectories: true)
        let padding = String(repeating: "# padding line that is only a comment\n", count: Catalog.fileBytesMax / 38 + 1)
        try Data((Self.recipe("packages: {apt: jq}") + padding).utf8).write(to: URL(fileURLWithPath: directory + "/recipes/big.yaml"))
        do {
            _ = try TestSupport.catalog.overlaid(by: directory)
            Issue.record("a \(padding.utf8.count)-byte overlay loaded")
        } catch {
            #expect(error.description.contains("recipes/big.yaml") && error.description.contains("1024 KiB"), "\(error)")
        }
    }

    /// Many files each under the per-file cap: their total (or their count) is refused before any is parsed.
    @Test(arguments: [(files: Catalog.directoryBytesMax / Catalog.fileBytesMax + 1, bytes: Catalog.fileBytesMax - 1), (files: Catalog.directoryFilesMax + 1, bytes: 16)])
    func anOverlayDirectoryOverItsTotalCapIsRefusedBeforeParsing(files: Int, bytes: Int) throws {
        let directory = NSTemporaryDirectory() + "evlog-overlay-total-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/recipes", withIntermediateDirectories: true)
        // Not YAML at all: were any file parsed, the error would be a parse error instead.
        let junk = Data(repeating: UInt8(ascii: "["), count: bytes)
        for index in 0..<files { try junk.write(to: URL(fileURLWithPath: directory + "/recipes/r\(index).yaml")) }
        do {
            _ = try TestSupport.catalog.overlaid(by: directory)
            Issue.record("an overlay of \(files) files of \(bytes) bytes loaded")
        } catch {
            #expect(error.description.contains("recipes/") && error.description.contains("a catalog directory may hold"), "\(error)")
            #expect(!error.description.contains("\n"), "\(error)")
        }
    }
}
