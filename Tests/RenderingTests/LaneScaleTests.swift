import InstallModel
import Rendering
import Testing

/// Lanes from the heaps (n log n however many steps overlap) are the lanes of the plain greedy rule: each
/// interval, in order of start, on the lowest lane free by then.
@Suite struct LaneScaleTests {
    private func referenceLanes(_ intervals: [(start: Int64, end: Int64)]) -> [Int] {
        let order = intervals.indices.sorted { intervals[$0].start != intervals[$1].start ? intervals[$0].start < intervals[$1].start : $0 < $1 }
        var laneEnds: [Int64] = []
        var lanes = [Int](repeating: 0, count: intervals.count)
        for index in order {
            let interval = intervals[index]
            if let free = laneEnds.firstIndex(where: { $0 <= interval.start }) {
                lanes[index] = free
                laneEnds[free] = max(interval.start, interval.end)
            } else {
                lanes[index] = laneEnds.count
                laneEnds.append(max(interval.start, interval.end))
            }
        }
        return lanes
    }

    @Test(arguments: 1...200) func lanesAreTheGreedyLanes(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let intervals = (0..<Int.random(in: 0...120, using: &random)).map { _ -> (start: Int64, end: Int64) in
            let start = Int64.random(in: 0...50, using: &random)
            return (start, start + Int64.random(in: -3...20, using: &random))
        }
        #expect(LaneAssignment.lanes(for: intervals) == referenceLanes(intervals), "seed \(seed)")
    }
}
