import InstallModel

/// Puts time intervals on lanes so that no two on one lane overlap: each interval, in order of start,
/// takes the lowest lane that is free by then (greedy interval partitioning, which uses as few lanes as
/// the most intervals open at once). Intervals that only touch (`end == start`) may share a lane.
public enum LaneAssignment {
    /// The lane of each interval, in the order given; lanes count from 0.
    public static func lanes(for intervals: [(start: Int64, end: Int64)]) -> [Int] {
        let order = intervals.indices.sorted { a, b in
            intervals[a].start != intervals[b].start ? intervals[a].start < intervals[b].start : a < b
        }
        // Lanes in use by when they free up, and lanes free by number: n log n however many overlap.
        var busy = MinHeap<BusyLane>()
        var free = MinHeap<Int>()
        var laneCount = 0
        var lanes = [Int](repeating: 0, count: intervals.count)
        for index in order {
            let interval = intervals[index]
            while let first = busy.min, first.end <= interval.start {
                _ = busy.popMin()
                free.insert(first.lane)
            }
            let lane: Int
            if let lowest = free.popMin() {
                lane = lowest
            } else {
                lane = laneCount
                laneCount += 1
            }
            lanes[index] = lane
            busy.insert(BusyLane(end: max(interval.start, interval.end), lane: lane))
        }
        return lanes
    }

    private struct BusyLane: Comparable {
        var end: Int64
        var lane: Int
        static func < (a: BusyLane, b: BusyLane) -> Bool { (a.end, a.lane) < (b.end, b.lane) }
    }
}
