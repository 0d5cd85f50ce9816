import InstallModel

/// The letters and digits generated secrets are drawn from (no look-alikes: I, O, l, 0, 1), for the seeded
/// secret-shape suites.
let secretAlphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")

/// One of `items`, drawn by `random`.
func pick<T>(_ items: [T], _ random: inout SplitMix64) -> T { items[Int(random.next() % UInt64(items.count))] }
