import EventLog
import Foundation
import InstallModel
@testable import Orchestrator
import Testing

/// What a step's two channels share: a private key whose BEGIN and END lines go to one channel and its body
/// to the other is redacted whole (serve10 #16), and a line held back as a possible secret keeps its place
/// before what the other channel writes later (truth10 F9).
@Suite struct StepWideSecretStateTests {
    static func record(_ writes: [(OutputChannel, String)], argv: [String] = ["tool"]) throws -> [String] {
        let store = MemoryEventStore()
        let recorder = EventRecorder(store: store, clock: SystemClock())
        try recorder.record(.commandStarted(step: "run", argv: argv))
        for (channel, text) in writes {
            try recorder.record(.outputChunk(step: "run", stream: channel, data: Array(text.utf8), redacted: false))
        }
        try recorder.close()
        return try CrossChannelValueTests.storedChunks(store)
    }

    @Test(arguments: Array(UInt64(1)...30))
    func aKeyBlockGoesOnAcrossChannels(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let label = pick(["RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY"], &random)
        let body = (0..<(1 + Int(random.next() % 4))).map { _ in UnlistedSecretFamiliesTests.generated(40 + Int(random.next() % 24), &random) }
        let (blockChannel, bodyChannel): (OutputChannel, OutputChannel) = random.next() % 2 == 0 ? (.stdout, .stderr) : (.stderr, .stdout)
        var writes: [(OutputChannel, String)] = [(blockChannel, "-----BEGIN \(label)-----\n")]
        // The body line by line, or all at once, on the other channel.
        if random.next() % 2 == 0 {
            writes += body.map { (bodyChannel, $0 + "\n") }
        } else {
            writes.append((bodyChannel, body.joined(separator: "\n") + "\n"))
        }
        writes += [(blockChannel, "-----END \(label)-----\n"), (bodyChannel, "after the key\n"), (blockChannel, "done\n")]
        let stored = try Self.record(writes).joined()
        for line in body { #expect(!stored.contains(line.prefix(16)), "\(stored)") }
        #expect(stored.contains("-----END \(label)-----") && stored.contains("after the key\n") && stored.contains("done\n"), "\(stored)")
    }

    @Test func linesKeepTheOrderTheyWereWrittenInAcrossChannels() throws {
        let cases: [[(OutputChannel, String)]] = [
            [(.stdout, "password:\n"), (.stdout, "next\n"), (.stderr, "err\n"), (.stdout, "after\n")],
            [(.stdout, "Kq7mX2pLw9RtZ4\n"), (.stderr, "err\n"), (.stdout, "after\n")],
            [(.stdout, "token abc"), (.stderr, "err\n"), (.stdout, " more\n")],
        ]
        for writes in cases {
            let stored = try Self.record(writes)
            let order = stored.filter { !$0.hasSuffix(":") }
            let errIndex = order.firstIndex { $0.hasPrefix("stderr:") }
            let laterStdout = order.lastIndex { $0.contains("after") || $0.contains("more") }
            #expect(errIndex != nil && laterStdout != nil && errIndex! < laterStdout!, "\(stored)")
            let stdoutBeforeErr = order.prefix(errIndex ?? 0).joined()
            #expect(stdoutBeforeErr.contains(writes[0].1.trimmingCharacters(in: .whitespacesAndNewlines).prefix(5)), "\(stored)")
        }
    }

    @Test(arguments: Array(UInt64(1)...30))
    func aCommandThatPrintsASecretLosesItsBareLines(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let value = pick([UnlistedSecretFamiliesTests.generated(12 + Int(random.next() % 20), &random), LinePairAndBareSecretTests.base64Key(32, &random)], &random)
        let argv = pick(
            [
                ["argocd", "admin", "initial-password", "-n", "argocd"], ["aws", "ecr", "get-login-password", "--region", "eu-west-1"],
                ["gcloud", "auth", "print-access-token"], ["sh", "-c", "wg genkey | tee /etc/wireguard/private.key"], ["openssl", "rand", "-base64", "32"],
                ["kubectl", "-n", "ci", "create", "token", "deployer"], ["sh", "-c", "head -c 32 /dev/urandom | base64"],
            ], &random)
        let before = pick(["", "fetching\n", "note: keep it safe\n"], &random)
        let stored = try Self.record([(.stdout, before + value + "\n"), (.stderr, "done\n")], argv: argv).joined()
        #expect(!stored.contains(value), "\(argv): \(stored)")
        #expect(stored.contains("done\n") && (before.isEmpty || stored.contains(before)), "\(stored)")
    }

    @Test func anOrdinaryCommandKeepsItsBareWords() throws {
        for argv in [["ls", "-1"], ["git", "rev-parse", "HEAD"], ["npm", "view", "left-pad", "version"]] {
            let output = "Makefile\nREADME.md\nKq7mX2pLw9Rt\n3f786850e387550fdab836ed7e6dc881de23001b\n"
            let stored = try Self.record([(.stdout, output)], argv: argv)
            #expect(stored.map { $0.dropFirst("stdout:".count) }.joined() == output, "\(argv): \(stored)")
        }
    }
}
