import InstallModel
@testable import Orchestrator
import Testing

/// secrets20 #12, #13: a structure spanning lines, or a line-start rule, read after a log's per-line prefix
/// (`docker compose logs`, `journalctl`, `kubectl logs --timestamps`, git's `remote: `, `> `); #1, #2, #4: a
/// command line gets the rules its output gets (what `echo` prints, a sudo password piped into `sudo -S`, an
/// assignment argument whose value holds shell syntax). Prefixes, keys, values and write cuts are drawn at random.
@Suite struct PrefixedLineAndCommandTextSecretTests {
    /// A prefix an aggregator writes, fresh for each line (its counters and times change from line to line).
    static func prefix(kind: Int, _ random: inout SplitMix64) -> String {
        let numbers = (0..<3).map { _ in random.next() }
        switch kind {
        case 0: return "web-1  | "
        case 1: return "Dec 07 21:\(numbers[0] % 50 + 10):0\(numbers[1] % 10) host app[\(numbers[2] % 90000 + 1)]: "
        case 2: return "2026-12-07T21:00:00.\(numbers[0] % 999_999 + 1)Z "
        case 3: return "remote: "
        default: return "> "
        }
    }

    static func base64Line(_ length: Int, _ random: inout SplitMix64) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        return String((0..<length).map { _ in letters[Int(random.next() % UInt64(letters.count))] })
    }

    @Test(arguments: Array(UInt64(1)...60))
    func aPrivateKeyBlockUnderALogPrefixIsRedactedAndThePrefixesStay(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let kind = Int(random.next() % 5)
        let label = pick(["RSA PRIVATE KEY", "PRIVATE KEY", "OPENSSH PRIVATE KEY", "EC PRIVATE KEY"], &random)
        let body = (0..<(3 + Int(random.next() % 20))).map { _ in Self.base64Line(64, &random) }
        let lines = ["-----BEGIN \(label)-----"] + body + ["-----END \(label)-----"]
        let text = lines.map { Self.prefix(kind: kind, &random) + $0 }.joined(separator: "\n")
        let whole = SecretPolicy().redact(text)
        for line in body { #expect(!whole.contains(line), "\(text.debugDescription) → \(whole.debugDescription)") }
        let shownLines = whole.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(shownLines.count == lines.count, "\(whole.debugDescription)")
        #expect(shownLines.last?.hasSuffix("-----END \(label)-----") == true)
        // Written a line at a time, or cut anywhere, it is the same.
        let bytes = Array(("first line\n" + text + "\nlast line\n").utf8)
        var cuts = (0..<Int(1 + random.next() % 6)).map { _ in Int(random.next() % UInt64(bytes.count + 1)) }.sorted()
        cuts = [0] + cuts + [bytes.count]
        let streamed = SecretShapePropertyTests.stream(zip(cuts, cuts.dropFirst()).map { Array(bytes[$0..<$1]) }, policy: SecretPolicy(), quietAfter: [])
        for line in body { #expect(!streamed.contains(line), "\(streamed.debugDescription)") }
        #expect(streamed.contains("last line"))
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aNetrcLineOrPasswordDirectiveAfterALogPrefixIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = NamedArgvAndShapeSecretTests.randomValue(9 + Int(random.next() % 8), &random)
        let prefix = pick(["error: ", "web-1 | ", "2026-12-07 21:00:00 INFO ", "[12:00:01] ", "remote: "], &random)
        let line = pick(["machine api.example.org login u password \(secret)", "password \(secret)"], &random)
        let shown = SecretPolicy().redact(prefix + line)
        #expect(!shown.contains(secret), "\(shown)")
        #expect(shown.hasPrefix(prefix))
    }

    @Test(arguments: Array(UInt64(1)...60))
    func whatACommandLinePrintsGetsTheOutputsRules(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = NamedArgvAndShapeSecretTests.randomValue(8 + Int(random.next() % 8), &random)
        let printed = pick([
            "echo password: \(secret)", "echo \"machine api.x login u password \(secret)\"", "printf \"password: %s\\n\" \(secret)", "printf '%s=%s\\n' DB_PASSWORD \(secret)",
            "echo 'correct horse: x'; echo \"password: \(secret) battery\"",
        ], &random)
        let argv = pick([["sh", "-c"], ["bash", "-lc"]], &random) + [printed + pick(["; exit 1", "", " >/dev/null"], &random)]
        let shown = SecretPolicy().redact(words: argv).joined(separator: " ")
        #expect(!shown.contains(secret), "\(argv) → \(shown)")
        let direct = ["echo"] + "password: \(secret)".split(separator: " ").map(String.init)
        #expect(!SecretPolicy().redact(words: direct).joined(separator: " ").contains(secret))
    }

    @Test(arguments: Array(UInt64(1)...40))
    func aPasswordPipedOrHereStringedIntoSudoIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = NamedArgvAndShapeSecretTests.randomValue(8 + Int(random.next() % 8), &random)
        let command = pick(["sudo -S true", "sudo -S -p '' apt-get update", "sudo -u root -S id", "sudo --stdin ls", "cryptsetup luksOpen /dev/sdb1 data -d -"], &random)
        let script = random.next() % 2 == 0 ? "echo \(secret) | \(command)" : "\(command) <<< \(secret)"
        let shown = SecretPolicy().redact(words: ["sh", "-c", script])
        #expect(!shown.joined(separator: " ").contains(secret), "\(script) → \(shown)")
    }

    @Test(arguments: Array(UInt64(1)...40))
    func anAssignmentArgumentsValueIsRedactedWholeWhateverShellSyntaxItHolds(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let head = NamedArgvAndShapeSecretTests.randomValue(6 + Int(random.next() % 6), &random)
        let tail = pick([" z&x", ";zz", " a|b", " $(x)", "&&tail"], &random) + NamedArgvAndShapeSecretTests.randomValue(4, &random)
        let name = pick(["DB_PASSWORD", "API_TOKEN", "AZURE_STORAGE_CONNECTION_STRING", "PRIVATE_KEY_PEM"], &random)
        let argv = pick([["env"], ["docker", "run", "-e"]], &random) + ["\(name)=\(head)\(tail)", "sh", "-c", "exit 1"]
        let shown = SecretPolicy().redact(words: argv)
        #expect(!shown.joined(separator: " ").contains(head) && !shown.joined(separator: " ").contains(tail), "\(argv) → \(shown)")
    }

    /// secrets20 #9, #11: a URL user named for a credential keeps the URL's host and path; a doubled single quote
    /// inside a single-quoted value does not end it.
    @Test(arguments: Array(UInt64(1)...40))
    func aTokenURLKeepsItsHostAndADoubledQuoteDoesNotEndAValue(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = NamedArgvAndShapeSecretTests.randomValue(14 + Int(random.next() % 10), &random)
        let user = pick(["oauth2", "x-access-token", "gitlab-ci-token", "deploy"], &random)
        let place = pick(["git.example.com/group/repo.git/", "gitlab.internal:8443/a/b.git"], &random)
        let shown = SecretPolicy().redact("fatal: unable to access 'https://\(user):\(secret)@\(place)': 403")
        #expect(!shown.contains(secret) && shown.contains("@" + place), "\(shown)")
        let tail = NamedArgvAndShapeSecretTests.randomValue(8, &random)
        let yaml = SecretPolicy().redact("password: '\(secret)''s \(tail)'")
        #expect(!yaml.contains(tail) && !yaml.contains(secret), "\(yaml)")
    }
}
