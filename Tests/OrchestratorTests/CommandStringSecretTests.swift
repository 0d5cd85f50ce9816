import InstallModel
@testable import Orchestrator
import Testing

/// One command-line policy wherever a command is a string (secrets15 F14, F20, F27): a tool's positional
/// password inside a `sh -c`/`bash -lc` script, a command pasted to `diagnose --command`, a `set -x` trace line in
/// output; and a cluster of short flags whose last letter is the tool's user or password option (`-fsSLu u:X`,
/// `-rP X`). Tools, wrappers, quoting, neighbours and values are drawn at random.
@Suite struct CommandStringSecretTests {
    static func value(_ random: inout SplitMix64) -> String { NamedArgvAndShapeSecretTests.randomValue(10 + Int(random.next() % 8), &random) }

    /// A command holding `secret` where only its tool's positional (or clustered option) says it is one.
    static func command(_ secret: String, _ random: inout SplitMix64) -> String {
        let user = pick(["app", "deploy", "svc_ci"], &random)
        let quoted = pick([secret, "'\(secret)'", "\"\(secret)\""], &random)
        return pick([
            "openssl passwd -\(pick(["1", "5", "6"], &random)) \(quoted)", "rabbitmqctl add_user \(user) \(quoted)",
            "rabbitmqctl change_password \(user) \(quoted)", "mysqladmin -u root password \(quoted)",
            "htpasswd -b\(pick(["", "c"], &random)) /etc/nginx/.htpasswd \(user) \(quoted)", "cf auth \(user) \(quoted)", "vault login \(quoted)",
            "redis-cli -h db AUTH \(quoted)", "samba-tool user create \(user) \(quoted)", "mkpasswd -m sha-512 \(quoted)",
            "curl -\(pick(["fsSL", "s", "sS", "fL"], &random))u \(user):\(secret) https://pkg.example.org/x.tgz",
            "zip -\(pick(["r", "rq", "9r"], &random))P \(quoted) out.zip dir", "unzip -\(pick(["o", "qo"], &random))P \(quoted) out.zip",
        ], &random)
    }

    /// A script that runs `command` among others, as recipes and CI steps write them.
    static func script(_ command: String, _ random: inout SplitMix64) -> String {
        pick([
            "\(command); exit 1", "cd /tmp && \(command)", "set -e\n\(command) 2>/dev/null\necho done", "\(command) | tee /tmp/log",
            "if true; then \(command); fi", "out=$(\(command)) || exit 3",
        ], &random)
    }

    @Test(arguments: Array(UInt64(1)...80))
    func aPositionalSecretInsideAShellScriptIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let script = Self.script(Self.command(secret, &random), &random)
        let argv = pick([["sh", "-c"], ["bash", "-lc"], ["sudo", "sh", "-ec"], ["docker", "exec", "app", "bash", "-c"]], &random) + [script]
        let shown = SecretPolicy().redact(words: argv)
        #expect(!shown.joined(separator: " ").contains(secret), "\(argv) → \(shown)")
        #expect(shown.dropLast() == argv.dropLast())
    }

    @Test(arguments: Array(UInt64(1)...60))
    func aPastedCommandGetsTheSameRulesAndItsOutputLosesTheValue(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let text = Self.script(Self.command(secret, &random), &random)
        let (policy, redacted) = SecretPolicy().learning(fromCommand: text)
        #expect(!redacted.contains(secret), "\(text) → \(redacted)")
        #expect(!policy.redact("error: user rejected \(secret) as weak").contains(secret))
    }

    @Test(arguments: Array(UInt64(1)...60))
    func aTraceLineInOutputIsReadAsACommand(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let after = "step \(random.next() % 100) finished"
        let text = "\(pick(["+", "++", "+++"], &random)) \(Self.command(secret, &random))\n\(after)\n"
        let shown = UnterminatedKeyBlockTests.streamed(text, &random)
        #expect(!shown.contains(secret), "\(shown)")
        #expect(shown.contains(after))
    }

    @Test(arguments: Array(UInt64(1)...100))
    func aSecretGivenOnStdinToACommandReadingOneThereIsRedacted(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let secret = Self.value(&random)
        let name = pick(["db_password", "API_TOKEN", "signing-key"], &random)
        let reader = pick([
            "docker secret create \(name) -", "podman secret create \(name) -", "gh secret set \(name)", "wrangler secret put \(name)",
            "kubectl create secret generic app --from-file=password=/dev/stdin", "vault kv put secret/db password=-", "passwd --stdin deploy",
            "kinit deploy@EXAMPLE.ORG", "restic backup --password-file /dev/stdin /srv", "gpg --batch --passphrase-fd 0 -d f.gpg",
            "cryptsetup open --key-file=- /dev/sdb1 data",
        ], &random)
        let quoted = pick([secret, "'\(secret)'", "\"\(secret)\""], &random)
        let delimiter = pick(["EOF", "X", "END_PW"], &random)
        // Piped, here-stringed, here-documented (`<<X`, `<<'X'`, `<<-X`), or read by `$(cat)`, `$(openssl passwd … X)`.
        let line = pick([
            "\(reader) <<< \(quoted)", "\(pick(["echo", "echo -n", "printf '%s'", "printf '%s\\n'"], &random)) \(quoted) | \(reader)",
            "passwd deploy <<\(delimiter)\n\(secret)\n\(secret)\n\(delimiter)", "docker login -u deploy --password-stdin reg <<'\(delimiter)'\n\(secret)\n\(delimiter)",
            "chpasswd <<-\(delimiter)\n\tdeploy:\(secret)\n\t\(delimiter)", "mysql -u root --password=\"$(cat)\" <<< '\(secret)'",
            "usermod --password \"$(openssl passwd -6 '\(secret)')\" deploy",
        ], &random)
        let script = pick(["\(line)", "set -e; \(line) && echo ok", "cd /srv && \(line) || exit 2"], &random)
        let shown = SecretPolicy().redact(words: ["sh", "-c", script])
        #expect(!shown[2].contains(secret), "\(script) → \(shown[2])")
        #expect(!SecretPolicy().learning(fromCommand: script).redacted.contains(secret))
    }

    @Test func aHereDocumentIntoAnotherCommandIsKept() {
        let argv = ["sh", "-c", "cat <<EOF > /etc/app.conf\nlisten 8080\nworkers 4\nEOF\nsystemctl restart app"]
        #expect(SecretPolicy().redact(words: argv) == argv)
    }

    @Test(arguments: [
        ["sh", "-c", "echo hello | cat -"], ["sh", "-c", "printf '%s\\n' a b | sort -u"], ["bash", "-c", "echo 3 | tee /proc/sys/vm/drop_caches"],
    ])
    func aPipeIntoACommandThatReadsNoSecretKeepsItsWords(argv: [String]) {
        #expect(SecretPolicy().redact(words: argv) == argv)
    }

    @Test(arguments: [
        ["sh", "-c", "tar -xzf pkg.tgz && make -j2 install"], ["bash", "-lc", "rsync -avu ./dir backup:/srv/dir; exit 1"],
        ["sh", "-c", "grep -rP 'a+b' src | sort -u"], ["sh", "-c", "openssl version; htpasswd -v /etc/htpasswd"],
        ["bash", "-c", "echo the password is required >&2; exit 1"],
    ])
    func aScriptWithoutASecretIsKept(argv: [String]) {
        #expect(SecretPolicy().redact(words: argv) == argv)
        #expect(SecretPolicy().learning(fromCommand: argv[2]).redacted == argv[2])
    }

    @Test func traceLinesWithoutASecretAreKept() {
        let text = "+ cd /tmp\n+ tar -xzf pkg.tgz\n++ uname -m\n+ ARCH=x86_64\n+ make -j2 install\n"
        var stream = SecretPolicy().makeStream()
        #expect(String(decoding: stream.process(Array(text.utf8)).bytes + stream.finish().bytes, as: UTF8.self) == text)
    }
}
