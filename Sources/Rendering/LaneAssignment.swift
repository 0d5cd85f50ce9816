/// Puts time intervals on lanes so that no two on one lane overlap: each interval, in order of start,
/// takes the lowest lane that is free by then (greedy interval partitioning, which uses as few lanes as
/// the most intervals open at once). Intervals that only touch (`end == start`) may share a lane.
public enum LaneAssignment {
    /// The lane of each interval, in the order given; lanes count from 0.
    public static func lanes(for intervals: [(start: Int64, end: Int64)]) -> [Int] {
        let order = intervals.indices.sorted { a, b in
            intervals[a].start != intervals[b].start ? intervals[a].start < intervals[b].start : a < b
        }
        var laneEnds: [Int64] = []
        var lanes = [Int](repeating: 0, count: intervals.count)
        for index in order {
            let interval = intervals[index]
            let end = max(interval.start, interval.end)
            if let free = laneEnds.firstIndex(where: { $0 <= interval.start }) {
                lanes[index] = free
                laneEnds[free] = end
            } else {
                lanes[index] = laneEnds.count
                laneEnds.append(end)
            }
        }
        return lanes
    }
}
