import Synchronization

/// Where new plan ids come from; injected so a simulated run is reproducible.
public protocol IDSource: Sendable {
    func nextPlanID() -> PlanID
}

/// Plan ids drawn from a seeded generator: `p-` and 12 hex digits, the same for the same seed.
public final class SeededIDSource: IDSource {
    private let generator: Mutex<SplitMix64>
    public init(seed: UInt64) { generator = Mutex(SplitMix64(seed: seed)) }

    public func nextPlanID() -> PlanID {
        let value = generator.withLock { $0.next() }
        let hex = String(value & 0xFFFF_FFFF_FFFF, radix: 16)
        return PlanID("p-" + String(repeating: "0", count: 12 - hex.count) + hex)
    }
}
