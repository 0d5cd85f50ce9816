import EventLog
import Orchestrator
import Synchronization

/// The policy states (`PolicyReadState`) of one log read through the secret policy, taken at the starts of
/// blocks as passes over it went by, for the blocks they were taken at: a read from block k goes on from the
/// nearest state at or before it, so paging back over a log block by block reads each block about once
/// (serve18 #2: each block re-read the 2 MiB before it, a 471 KB log's page took 101 s).
///
/// The states hold for the blocks `starts` lists: a log found with other blocks there (cut at damage, written
/// anew, edited) gets a new set (`PolicyReads`).
final class PolicyCheckpoints: Sendable {
    /// The blocks the states were taken over, as the log's block index listed them.
    let starts: [BlockStart]
    /// The blocks with a state, ascending, and their states.
    private let kept = Mutex<(blocks: [Int], states: [Int: PolicyReadState])>(([], [:]))

    init(starts: [BlockStart]) {
        self.starts = starts
    }

    /// Whether the states hold for a log whose blocks are now `current`: it begins with the blocks they were
    /// taken over (a log only grows).
    func holds(for current: [BlockStart]) -> Bool {
        current.count >= starts.count && current[..<starts.count].elementsEqual(starts)
    }

    /// The last block at or before `block` with a state kept, and the state (nil for block 0: the policy's start).
    func nearest(atOrBefore block: Int) -> (block: Int, state: PolicyReadState?) {
        kept.withLock { kept in
            let after = Self.firstIndex(in: kept.blocks, above: block)
            guard after > 0 else { return (0, nil) }
            let found = kept.blocks[after - 1]
            return (found, kept.states[found])
        }
    }

    /// Keeps `state`, taken at the start of `block` (one of `starts`).
    func keep(_ state: PolicyReadState, at block: Int) {
        guard block > 0, block < starts.count else { return }
        kept.withLock { kept in
            if kept.states.updateValue(state, forKey: block) == nil {
                kept.blocks.insert(block, at: Self.firstIndex(in: kept.blocks, above: block))
            }
        }
    }

    /// Takes the states `other` kept (taken over the blocks this set begins with).
    func adopt(_ other: PolicyCheckpoints) {
        let taken = other.kept.withLock { $0 }
        kept.withLock { $0 = taken }
    }

    /// States kept.
    var count: Int { kept.withLock { $0.blocks.count } }

    /// The index of the first of `blocks` (ascending) above `block`.
    private static func firstIndex(in blocks: [Int], above block: Int) -> Int {
        var low = 0, high = blocks.count
        while low < high {
            let middle = (low + high) / 2
            if blocks[middle] <= block { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
