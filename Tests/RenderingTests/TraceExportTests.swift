import Foundation
import InstallModel
import Rendering
import Testing

/// The Perfetto trace parses and its slices are well formed.
struct TraceExportTests {
    struct Slice {
        var name: String, cat: String, tid: Int, ts: Int64, end: Int64
    }

    func parse(_ name: String) throws -> [[String: Any]] {
        let json = try TraceExport.json(RunTimeline(events: try FixtureLogs.events(name)))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let top = try #require(object as? [String: Any])
        return try #require(top["traceEvents"] as? [[String: Any]])
    }

    func slices(_ events: [[String: Any]]) throws -> [Slice] {
        try events.filter { $0["ph"] as? String == "X" }.map { event in
            let ts = try #require((event["ts"] as? NSNumber)?.int64Value)
            let dur = try #require((event["dur"] as? NSNumber)?.int64Value)
            #expect(ts >= 0 && dur >= 0)
            return Slice(
                name: event["name"] as? String ?? "", cat: event["cat"] as? String ?? "",
                tid: try #require(event["tid"] as? Int), ts: ts, end: ts + dur)
        }
    }

    @Test(arguments: FixtureLogs.names)
    func everyEventHasTimeAndPhase(_ name: String) throws {
        let events = try parse(name)
        #expect(!events.isEmpty)
        for event in events {
            let phase = try #require(event["ph"] as? String)
            #expect(["X", "i", "M"].contains(phase))
            #expect(((event["ts"] as? NSNumber)?.int64Value ?? -1) >= 0)
        }
        #expect(events.contains { $0["ph"] as? String == "M" && $0["name"] as? String == "process_name" })
    }

    @Test(arguments: FixtureLogs.names)
    func commandsNestInsideTheirStepOnTheSameLane(_ name: String) throws {
        let all = try slices(try parse(name))
        let steps = all.filter { $0.cat == "step" }
        for command in all where command.cat == "command" {
            #expect(steps.contains { $0.tid == command.tid && $0.ts <= command.ts && command.end <= $0.end }, "\(command.name) is outside every step on lane \(command.tid)")
        }
    }

    @Test(arguments: FixtureLogs.names)
    func stepsOnOneLaneNeverOverlap(_ name: String) throws {
        let steps = try slices(try parse(name)).filter { $0.cat == "step" }
        for lane in Set(steps.map(\.tid)) {
            let ordered = steps.filter { $0.tid == lane }.sorted { $0.ts < $1.ts }
            for (a, b) in zip(ordered, ordered.dropFirst()) { #expect(a.end <= b.ts, "\(a.name) and \(b.name) overlap on lane \(lane)") }
        }
    }

    @Test func parallelStepsGetTheirOwnLanesAndOutputIsInstants() throws {
        let events = try parse("parallel")
        let steps = try slices(events).filter { $0.cat == "step" }
        #expect(Set(steps.map(\.tid)).count == 3)
        #expect(events.contains { $0["ph"] as? String == "i" && $0["cat"] as? String == "output" })
    }

    @Test func lanesAreGreedyAndMinimal() {
        let lanes = LaneAssignment.lanes(for: [(0, 10), (2, 5), (5, 8), (10, 12), (3, 11)])
        #expect(lanes == [0, 1, 1, 0, 2])
    }
}
