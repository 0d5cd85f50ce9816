import Foundation
import InstallModel
import Orchestrator
import Simulator
import Testing

/// Seeded chaos: crash a simulated run at a random event, resume (maybe crashing again), and compare.
enum Chaos {
    struct Result {
        var finalState: PlanState
        var events: [Event]
        var crashes: Int
    }

    /// Runs the plan to the end, crashing at seeded points; every crash keeps only the synced records.
    static func run(seed: UInt64, harness: SimulationHarness, referenceEventCount: Int) async throws -> Result {
        var generator = SplitMix64(seed: seed)
        var records: [[UInt8]] = []
        var crashes = 0
        for round in 0..<12 {
            let crashAt: UInt64? = round < 3 && Bool.random(using: &generator)
                ? UInt64(records.count) + 1 + UInt64.random(in: 0..<UInt64(referenceEventCount), using: &generator)
                : nil
            let before = records
            let (store, status) = try await harness.run(records: records, crashAfter: crashAt)
            #expect(Array(store.records.prefix(before.count)) == before, "seed \(seed): a resumed log lost earlier records")
            records = store.records
            if status == nil { crashes += 1; continue }
            if status == .paused && harness.acknowledgePauses { continue }
            let events = try store.events()
            return Result(finalState: PlanState.fold(events), events: events, crashes: crashes)
        }
        Issue.record("seed \(seed): did not finish after 12 rounds")
        return Result(finalState: PlanState(), events: [], crashes: crashes)
    }

    /// A step recorded done is never started again later in the log.
    static func doneStepsRestarted(_ events: [Event]) -> [StepID] {
        var done = Set<StepID>()
        var rerun: [StepID] = []
        for event in events {
            switch event.body {
            case .stepDone(let step, _, _, _): done.insert(step)
            case .stepStarted(let step, _, _, _) where done.contains(step): rerun.append(step)
            default: break
            }
        }
        return rerun
    }
}

extension Chaos {
    /// 200 seeds in `swift test`; `EVLOG_CHAOS_SEEDS=5000` (Tools/chaos) for the long run.
    static let seeds: Range<Int> = 0..<(ProcessInfo.processInfo.environment["EVLOG_CHAOS_SEEDS"].flatMap(Int.init) ?? 200)
}

@Test(arguments: Chaos.seeds)
func crashAtAnyEventThenResumeEndsLikeTheUncrashedRun(seed: Int) async throws {
    let harness = SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures())
    let (reference, _) = try await harness.run()
    let referenceState = PlanState.fold(try reference.events())
    let result = try await Chaos.run(seed: UInt64(seed), harness: harness, referenceEventCount: reference.records.count)
    #expect(result.finalState.status == referenceState.status, "seed \(seed)")
    #expect(result.finalState.steps.map(\.status) == referenceState.steps.map(\.status), "seed \(seed)")
    #expect(Chaos.doneStepsRestarted(result.events).isEmpty, "seed \(seed): a done step ran again")
    if result.finalState.status != referenceState.status {
        print("chaos seed \(seed) failed; replay it with: EVLOG_CHAOS_SEEDS=\(seed + 1) swift test --filter crashAtAnyEvent")
    }
}
