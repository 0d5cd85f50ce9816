import InstallModel

/// The letters and digits generated secrets are drawn from (no look-alikes: I, O, l, 0, 1), for the seeded
/// secret-shape suites.
let secretAlphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")

/// One of `items`, drawn by `random`.
func pick<T>(_ items: [T], _ random: inout SplitMix64) -> T { items[Int(random.next() % UInt64(items.count))] }

/// One generated line holding a secret, and the family of structures it was drawn from.
struct GeneratedSecretCase {
    var family: String
    var text: String
    var secret: String
    /// The structure shows only after the secret (`user/X@//host`): a quiet release before it comes
    /// lets out a word that is not yet known for one, so such a case is streamed without quiet releases.
    var knownAtItsEnd = false
}
