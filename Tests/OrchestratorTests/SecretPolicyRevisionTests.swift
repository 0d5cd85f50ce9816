import InstallModel
@testable import Orchestrator
import Testing

/// `SecretPolicy.revision` names what the policy finds (a log recorded under another revision is scrubbed
/// again when read): changing the rules without raising it would leave old logs as they were stored. The
/// rules' fingerprint — their tables serialized, and what the policy makes of a fixed generated corpus
/// (every shape the secret suites generate, and a registered secret in it, upper-cased and hex-dumped) —
/// is recorded here with the
/// revision it belongs to.
@Suite struct SecretPolicyRevisionTests {
    /// The revision and the fingerprint of its rules. Raise `SecretPolicy.revision` when the rules change,
    /// then record the pair the failing test prints.
    static let recorded = (revision: 26, fingerprint: "d545b18580deeaf5")

    /// The rules' tables, one line each.
    static func tables() -> [String] {
        let prefixes = (SecretScan.tokenPrefixes + SecretScan.gluedTokenPrefixes).map { "\(String(decoding: $0.prefix, as: UTF8.self)) \($0.body) \($0.bodyMin) \($0.exact) \($0.pairedWithSecret)" }
        let options = SecretScan.shortPasswordOptions.map { "\($0.tools.sorted()) \($0.subcommand ?? "-") \($0.letter) \($0.attached) \($0.separate)" }
        let bounds = [
            SecretPolicy.learnedValueBytesMin, SecretPolicy.learnedOutputValueBytesMin, SecretStream.heldWordBytesMax, SecretStream.lineContextBytesMax,
            RegisteredSecrets.pieceBytesMin, SecretEncodings.formBytesMin, SecretValueShape.weakValueBytesMin, SecretValueShape.entropyBytesMin,
            SecretScan.spacedValueBytesMin, SecretScan.bearerBytesMin, SecretScan.encodedBytesMin, SecretScan.blockLinesMax,
            SecretScan.jwkValueBytesMin, SecretScan.rowCellBytesMin, SecretScan.unfinishedMnemonicWordsMin, SecretScan.bip39Words.count,
            LoneValueLines.blankLinesMax, LoneValueLines.sentenceNameWordsMax, LoneValueLines.bareKeyBytesMin, SecretScan.prefixedTokenBodyMin, SecretScan.keyBlockBytesMax,
        ].map(String.init) + ["\(SecretValueShape.entropyBitsMin) \(SecretScan.awsSecretEntropyMin)"]
        let sets = [SecretScan.mnemonicWordCounts.sorted().map(String.init), SecretScan.settingVerbs.sorted(), SecretScan.oneTokenSchemes.sorted()]
        return prefixes + options + bounds + CredentialVocabulary.entries + CredentialVocabulary.introducers + SecretPatterns.schemes.sorted()
            + sets.map { $0.joined(separator: " ") }
    }

    /// What the policy makes of the generated corpus: each case redacted whole, and a registered secret in it.
    static func corpusOutput() -> [String] {
        let structures = SecretShapePropertyTests.structures.map { structure in
            { @Sendable (random: inout SplitMix64) -> (String, String) in let shape = structure(&random); return (shape.text, shape.secret) }
        }
        let families = (SecretAttackCorpusTests.families + SecretCredentialFormatTests.families + NamedFieldSecretTests.generators
            + KeyMaterialAndPromptSecretTests.generators).map { family in
            { @Sendable (random: inout SplitMix64) -> (String, String) in let shape = family(&random); return (shape.text, shape.secret) }
        }
        let generators = structures + families
        var random = SplitMix64(seed: 0x5EC_2E71)
        var out: [String] = []
        for round in 0..<(40 * generators.count) {
            let (text, secret) = generators[round % generators.count](&random)
            out.append(SecretPolicy().redact(text))
            let dump = "00000000  " + secret.utf8.map { String($0, radix: 16) }.joined(separator: " ") + "  |\(secret)|"
            out.append(SecretPolicy(secrets: [secret]).redact(text + " " + secret.uppercased() + "\n" + dump))
        }
        return out
    }

    static func fingerprint() -> String {
        String(StableHash.fnv1a((tables() + corpusOutput()).joined(separator: "\n")), radix: 16)
    }

    /// What is wrong with `revision` and `fingerprint` against the recorded pair, if anything.
    static func problem(revision: Int, fingerprint: String, recorded: (revision: Int, fingerprint: String)) -> String? {
        if fingerprint != recorded.fingerprint, revision == recorded.revision {
            return "the redaction rules changed (fingerprint \(fingerprint), recorded \(recorded.fingerprint)) but SecretPolicy.revision did not: "
                + "bump SecretPolicy.revision, then record (revision: \(revision + 1), fingerprint: \"\(fingerprint)\") in SecretPolicyRevisionTests.recorded"
        }
        if fingerprint != recorded.fingerprint || revision != recorded.revision {
            return "record (revision: \(revision), fingerprint: \"\(fingerprint)\") in SecretPolicyRevisionTests.recorded"
        }
        return nil
    }

    @Test func theRulesAreThoseTheRevisionRecorded() {
        let problem = SecretPolicyRevisionTests.problem(
            revision: SecretPolicy.revision, fingerprint: SecretPolicyRevisionTests.fingerprint(), recorded: SecretPolicyRevisionTests.recorded)
        #expect(problem == nil, "\(problem ?? "")")
    }

    /// Rules changed under the same revision fail with the instruction to bump it; the fingerprint sees a
    /// change of one rule.
    @Test func changedRulesUnderTheSameRevisionAskForABump() {
        let current = SecretPolicyRevisionTests.fingerprint()
        let message = SecretPolicyRevisionTests.problem(revision: 9, fingerprint: current, recorded: (9, current + "0")) ?? ""
        #expect(message.contains("bump SecretPolicy.revision"))
        #expect(SecretPolicyRevisionTests.problem(revision: 9, fingerprint: current, recorded: (9, current)) == nil)
        let oneRuleMore = SecretPolicyRevisionTests.tables() + ["ghz_ word 20 false false"]
        #expect(StableHash.fnv1a(oneRuleMore.joined(separator: "\n")) != StableHash.fnv1a(SecretPolicyRevisionTests.tables().joined(separator: "\n")))
    }
}
