import InstallModel
@testable import Orchestrator

/// What a generated case shows of its secret: redacted whole, and (when that hides it) streamed in up to
/// three writes cut at random points, between an unrelated line before and after. Nil when it shows nothing.
func leakedText(of shape: GeneratedSecretCase, _ random: inout SplitMix64, policy: SecretPolicy = SecretPolicy()) -> String? {
    let whole = policy.redact(shape.text)
    if whole.contains(shape.secret) { return whole }
    let bytes = Array(("first line\n" + shape.text + "\nlast line\n").utf8)
    var cuts = (0..<Int(random.next() % 3)).map { _ in Int(random.next() % UInt64(bytes.count + 1)) }.sorted()
    cuts = [0] + cuts + [bytes.count]
    let chunks = zip(cuts, cuts.dropFirst()).map { Array(bytes[$0..<$1]) }
    let streamed = SecretShapePropertyTests.stream(chunks, policy: policy, quietAfter: [])
    return streamed.contains(shape.secret) ? streamed : nil
}

/// The families of `generators` that leak in `rounds` generated cases, with one example each (empty: none).
func leakingFamilies(_ generators: [@Sendable (inout SplitMix64) -> GeneratedSecretCase], seed: UInt64, rounds: Int) -> [String: String] {
    var random = SplitMix64(seed: seed)
    var leaks: [String: String] = [:]
    for round in 0..<rounds {
        let shape = generators[round % generators.count](&random)
        if leaks[shape.family] == nil, let shown = leakedText(of: shape, &random) { leaks[shape.family] = shown.debugDescription }
    }
    return leaks
}
