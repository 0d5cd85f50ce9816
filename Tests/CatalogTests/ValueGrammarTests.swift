import Foundation
import InstallModel
import Testing

@testable import Catalog

private let lower = "abcdefghijklmnopqrstuvwxyz"
private let digits = "0123456789"

/// The load-time grammars, property-tested: seeded generators build values each grammar's rule allows (all must
/// pass) and then break one in a way the rule forbids, at a random place (all must fail). The built-in catalog's own
/// values pass them too (it loads: `TestSupport.catalog`).
struct ValueGrammarTests {
    struct Draw {
        var generator: SplitMix64
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(generator.next() % UInt64(range.count)) }
        mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...(choices.count - 1))] }
        /// A word of `alphabet` characters starting with one of `first`.
        mutating func word(_ first: String, _ alphabet: String, _ length: ClosedRange<Int> = 1...12) -> String {
            var text = String(pick(Array(first)))
            for _ in 1..<int(length) { text.append(pick(Array(alphabet))) }
            return text
        }
        /// `text` with `insert` put at a random place.
        mutating func inserting(_ insert: String, into text: String) -> String {
            var characters = Array(text)
            characters.insert(contentsOf: insert, at: int(0...characters.count))
            return String(characters)
        }
    }

    /// Characters no name, path or URL grammar allows anywhere.
    static let forbidden = [" ", "\n", "\r", "\t", "\u{1b}", "\u{0}", ";", "`", "\"", "'", "\\", "|", "<", ">", "é"]
    static let seeds = Array(UInt64(1)...200)

    /// A good package name for `manager`, drawn from what its grammar allows.
    static func packageName(_ manager: PackageManager, _ draw: inout Draw) -> String {
        let name = draw.word(lower + digits, lower + digits + "-", 2...14)
        switch manager {
        case .apt: return name + draw.pick(["", "+", ".1", ":amd64"])
        case .brew: return draw.pick([name, name + "@3", "\(draw.word(lower, lower))/tap/\(name)"])
        case .npm: return draw.pick([name, "@\(draw.word(lower, lower + "-"))/\(name)"])
        case .pip, .pipx: return draw.pick([name + "x", "A" + name + "_x", name + "x[cli]"])
        case .cargo: return "r" + name.replacingOccurrences(of: "-", with: "_")
        case .go: return "example.com/\(name)/cmd" + draw.pick(["", "@latest", "@v1.2.3", "/v2"])
        default: return name
        }
    }

    @Test(arguments: seeds)
    func packageNamesFollowTheirManagersGrammar(seed: UInt64) {
        var draw = Draw(generator: SplitMix64(seed: seed))
        for manager in PackageManager.allCases {
            let good = Self.packageName(manager, &draw)
            #expect(PackageNameGrammar.problem(with: good, for: manager) == nil, "\(manager): \(good.debugDescription)")
            let bad = draw.pick([
                draw.inserting(draw.pick(Self.forbidden), into: good), "-" + good, "--" + good, good + "/../../x",
                "../" + good, "",
            ])
            #expect(PackageNameGrammar.problem(with: bad, for: manager) != nil, "\(manager): \(bad.debugDescription) passed")
        }
    }

    @Test(arguments: seeds)
    func commandNamesVersionsAndArchivePathsAreRelativeAndPlain(seed: UInt64) {
        var draw = Draw(generator: SplitMix64(seed: seed))
        let name = draw.word(lower + digits, lower + digits + "._+-")
        let version = (0..<draw.int(1...4)).map { _ in draw.word(digits, digits, 1...3) }.joined(separator: ".") + draw.pick(["", "-rc.1", "+b2", "~1"])
        let path = (0..<draw.int(1...3)).map { _ in draw.word(lower + "{", lower + digits + "-_") }.joined(separator: "/")
            .replacingOccurrences(of: "{", with: "{version}")
        #expect(CommandNameGrammar.problem(withName: name) == nil, "\(name)")
        #expect(CommandNameGrammar.problem(withCommand: "/usr/libexec/" + name) == nil, "\(name)")
        #expect(VersionTextGrammar.problem(with: version) == nil, "\(version)")
        #expect(ArchivePathGrammar.problem(with: path) == nil, "\(path)")
        let breaks = Self.forbidden + ["/"]
        #expect(CommandNameGrammar.problem(withName: draw.inserting(draw.pick(breaks), into: name)) != nil)
        #expect(CommandNameGrammar.problem(withName: draw.pick(["-", ".", "..", "../"]) + name) != nil)
        #expect(CommandNameGrammar.problem(withCommand: "/usr/../" + name) != nil)
        #expect(VersionTextGrammar.problem(with: draw.inserting(draw.pick(breaks + [".."]), into: version)) != nil)
        for bad in ["/" + path, "../" + path, path + "/..", path + "//x", draw.inserting(draw.pick(Self.forbidden), into: path), path + "/{nope}"] {
            #expect(ArchivePathGrammar.problem(with: bad) != nil, "\(bad.debugDescription) passed")
        }
    }

    @Test(arguments: seeds)
    func urlsAreHTTPSWithoutCredentials(seed: UInt64) {
        var draw = Draw(generator: SplitMix64(seed: seed))
        let host = draw.word(lower, lower + digits + "-") + "." + draw.pick(["com", "io", "dev"])
        let path = (0..<draw.int(0...3)).map { _ in "/" + draw.word(lower + digits, lower + digits + "-._{") }.joined()
            .replacingOccurrences(of: "{", with: "{version}")
        let good = draw.pick(["https://\(host)\(path)", "https://\(host):8443\(path)?a=1&b=2", "http://127.0.0.1:\(draw.int(1...65535))\(path)"])
        #expect(DownloadURLGrammar.problem(with: good) == nil, "\(good)")
        let bad = draw.pick([
            good.replacingOccurrences(of: "https://", with: "https://user:pass@").replacingOccurrences(of: "http://127", with: "http://u@127"),
            draw.pick(["file://", "ftp://", "http://", "gopher://", "//", ""]) + host + path,
            draw.inserting(draw.pick(Self.forbidden), into: good), good + "{nope}", "https://" + path,
        ])
        #expect(DownloadURLGrammar.problem(with: bad) != nil, "\(bad.debugDescription) passed")
    }

    @Test(arguments: seeds)
    func repositoryFilesStayInTheirDirectoriesAndSourcesAreOneTrustedLine(seed: UInt64) {
        var draw = Draw(generator: SplitMix64(seed: seed))
        let file = draw.word(lower, lower + digits + "-_.") + ".gpg"
        let keyring = draw.pick(RepositoryFileGrammar.keyringDirectories) + file
        #expect(RepositoryFileGrammar.problem(withKeyring: keyring) == nil, "\(keyring)")
        let list = String(file.dropLast(".gpg".count)) + ".list"
        #expect(RepositoryFileGrammar.problem(withSourcePath: "/etc/apt/sources.list.d/" + list, for: .apt) == nil, "\(list)")
        // apt reads a one-line entry only from a `.list` file (`.sources` is deb822).
        #expect(RepositoryFileGrammar.problem(withSourcePath: "/etc/apt/sources.list.d/" + file, for: .apt) != nil, "\(file)")
        for bad in [
            keyring.replacingOccurrences(of: "keyrings/", with: "keyrings/../../../"), "/tmp/" + file, keyring + "/x",
            draw.inserting(draw.pick(Self.forbidden), into: keyring),
        ] {
            #expect(RepositoryFileGrammar.problem(withKeyring: bad) != nil, "\(bad.debugDescription) passed")
        }
        #expect(RepositoryFileGrammar.problem(withSourcePath: "/etc/yum.repos.d/" + file, for: .apt) != nil)
        let others = ["arch={arch}", "lang=en"].filter { _ in draw.int(0...1) == 1 }
        var options = others
        options.insert("signed-by=\(keyring)", at: draw.int(0...others.count))
        let bracket = "[\(options.joined(separator: " "))] "
        let host = draw.word(lower, lower) + ".com"
        let line = "deb \(bracket)https://\(host)/apt \(draw.pick(["stable", "{codename}", "/"])) main"
        #expect(SourceEntryGrammar.problem(with: line, for: .apt) == nil, "\(line)")
        #expect(SourceEntryGrammar.signedBy(line) == keyring, "\(line)")
        let loopback = line.replacingOccurrences(of: "https://\(host)", with: "http://" + draw.pick(["127.0.0.1:8080", "localhost", "[::1]:9"]))
        #expect(SourceEntryGrammar.problem(with: loopback, for: .apt) == nil, "\(loopback)")
        let unsigned = others.isEmpty ? "deb " : "deb [\(others.joined(separator: " "))] "
        let bad = draw.pick([
            line + "\ndeb [trusted=yes] http://evil.example/ x main", line.replacingOccurrences(of: "deb [", with: "deb [trusted=yes "),
            line.replacingOccurrences(of: "https://", with: "https://u:p@"), "rpm " + line, line + "\r",
            line.replacingOccurrences(of: "signed-by=\(keyring)", with: "signed-by=/tmp/k.gpg"),
            line.replacingOccurrences(of: "https://", with: "file:///"),
            line.replacingOccurrences(of: "https://", with: "http://"), line.replacingOccurrences(of: bracket, with: unsigned),
            line.replacingOccurrences(of: "https://\(host)", with: "http://127.0.0.1.\(host)"),
        ])
        #expect(SourceEntryGrammar.problem(with: bad, for: .apt) != nil, "\(bad.debugDescription) passed")
        let repoFile = "[acme]\nname=Acme\nbaseurl=https://example.com/rpm\nenabled=1\ngpgcheck=1\n"
        #expect(SourceEntryGrammar.problem(with: repoFile, for: .dnf) == nil)
        #expect(SourceEntryGrammar.problem(with: repoFile.replacingOccurrences(of: "gpgcheck=1", with: "gpgcheck=0"), for: .dnf) != nil)
        #expect(SourceEntryGrammar.problem(with: repoFile + "sslverify=0\n", for: .dnf) != nil)
    }

    @Test(arguments: seeds)
    func shellProfileValuesCannotEndTheirQuotingOrExpand(seed: UInt64) {
        var draw = Draw(generator: SplitMix64(seed: seed))
        let value = draw.pick(["~/", "/opt/", "{brew_prefix}/opt/"]) + draw.word(lower, lower + digits + "._-/")
        #expect(ShellProfileGrammar.problem(withValue: value) == nil, "\(value)")
        let bad = draw.inserting(draw.pick(Self.forbidden + ["$", "$(", "${IFS}"]), into: value)
        #expect(ShellProfileGrammar.problem(withValue: bad) != nil, "\(bad.debugDescription) passed")
        // A tool's own place loads; any other name does not (`namesAToolsOwnPlace`).
        let stem = "ACME_" + draw.word("ABC", "ABC0")
        #expect(ShellProfileGrammar.problem(withName: stem + draw.pick(["_HOME", "_DIR", "_ROOT"])) == nil, "\(stem)")
        #expect(ShellProfileGrammar.problem(withName: stem + draw.pick(["", "_MODE", "_LEVEL"])) != nil, "\(stem)")
        #expect(ShellProfileGrammar.problem(withName: draw.pick(["1X", "A-B", "A B", "A=B", ""])) != nil)
    }

    @Test func everyBuiltInValuePassesItsGrammar() {
        // The bundled catalog loads only when every value of its 411 recipes and repos.yaml passes.
        #expect(TestSupport.catalog.recipes.count == 411)
    }
}

/// `--profile FILE` is read at one boundary: a word that fills source lines and URLs (codename, distribution,
/// version, arch, …) that is not a plain word refuses the file, naming the field; every named profile passes.
@Suite struct ProfileFileGrammarTests {
    @Test(arguments: 1...100) func aProfileFileWordCarryingMoreThanAWordIsRefused(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var profile = try #require(NamedProfiles.named("debian-container"))
        let hostile = ["bookworm main\ndeb [trusted=yes] http://evil/ x", "../../etc", "$(id)", "-o", "a b", "x;y", "", "`id`"]
        let value = hostile.randomElement(using: &random)!
        let fields = ["codename", "distribution", "version", "arch", "name", "osFamily", "distributionLike"]
        let field = fields.randomElement(using: &random)!
        switch field {
        case "codename": profile.codename = value
        case "distribution": profile.distribution = value
        case "version": profile.version = value
        case "arch": profile.arch = value
        case "name": profile.name = value
        case "osFamily": profile.osFamily = value
        default: profile.distributionLike = ["debian", value]
        }
        let text = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
        #expect(throws: CatalogError.self, "seed \(seed): \(field)") { try ProfileFile.decode(text, file: "p.json") }
        do {
            _ = try ProfileFile.decode(text, file: "p.json")
        } catch {
            #expect(error.description.contains("p.json") && error.description.contains(field), "seed \(seed): \(error)")
        }
    }

    @Test func everyNamedProfilePasses() {
        for profile in NamedProfiles.all { #expect(ProfileValueGrammar.problem(with: profile) == nil, "\(profile.name)") }
    }

    /// A key the profile does not read — a known key mistyped (seeded: a letter dropped, doubled or its case
    /// changed) or one of its own — is refused with the file and its line; every named profile, as YAML and as
    /// `evlog profile --json` writes it, loads, and a null optional key says nothing.
    @Test(arguments: 1...40) func aProfileFileWithAnUnknownKeyIsRefused(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let profile = NamedProfiles.all[Int(random.next() % UInt64(NamedProfiles.all.count))]
        let json = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
        #expect((try? ProfileFile.decode(json, file: "p.json")) == profile)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let keys = object.keys.sorted()
        let known = keys[Int(random.next() % UInt64(keys.count))]
        var letters = Array(known)
        let at = Int(random.next() % UInt64(letters.count))
        switch random.next() % 4 {
        case 0: letters.remove(at: at)
        case 1: letters.insert(letters[at], at: at)
        case 2: letters[at] = Character(letters[at].isUppercase ? letters[at].lowercased() : letters[at].uppercased())
        default: letters = Array("evilKey\(random.next() % 100)")
        }
        let unknown = String(letters)
        guard !keys.contains(unknown) else { return }
        // One key a line, its value as JSON (which YAML reads).
        let yaml = try keys.map { key in
            "\(key): " + String(decoding: try JSONSerialization.data(withJSONObject: object[key] as Any, options: .fragmentsAllowed), as: UTF8.self)
        }
        let line = 1 + Int(random.next() % UInt64(yaml.count + 1))
        var lines = yaml
        lines.insert("\(unknown): true", at: line - 1)
        let absent = ["codename", "distributionLike", "sudoNeedsPassword", "programs", "foreignManagers"].first { !keys.contains($0) }
        let nulled = yaml + (absent.map { ["\($0): null"] } ?? [])
        #expect((try? ProfileFile.decode(nulled.joined(separator: "\n") + "\n", file: "p.yaml")) == profile, "\(profile.name)")
        do {
            _ = try ProfileFile.decode(lines.joined(separator: "\n") + "\n", file: "p.yaml")
            Issue.record("seed \(seed): '\(unknown)' accepted")
        } catch {
            #expect(error.description.contains("p.yaml:\(line)") && error.description.contains(unknown), "seed \(seed): \(error)")
        }
    }
}
