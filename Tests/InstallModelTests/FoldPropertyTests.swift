import InstallModel
import Testing

/// Properties of `PlanState.fold` over random valid logs. Every failure names its seed; replay one with
/// `ValidStreamGenerator(seed: SEED).stream()`.
@Suite struct FoldPropertyTests {
    static let seeds: [UInt64] = (0..<300).map { 0x5EED_0000 + $0 }

    @Test func everyPrefixOfAValidLogFoldsToAValidState() {
        var typesSeen = Set<String>()
        for seed in Self.seeds {
            let generator = ValidStreamGenerator(seed: seed)
            let events = generator.stream()
            var state = PlanState()
            var unknownSeen = 0
            var broken = false
            // Failed steps that no step_retry or remediation_applied has reopened since.
            var failedNotReopened = Set<StepID>()
            for (index, event) in events.enumerated() {
                typesSeen.insert(event.body.typeName)
                state.apply(event)
                switch event.body {
                case .stepFailed(let step, _, _): failedNotReopened.insert(step)
                case .stepRetry(let step, _), .remediationApplied(let step, _, _, _): failedNotReopened.remove(step)
                case .unknown: unknownSeen += 1
                default: break
                }
                var problems = StateInvariants.violations(of: state)
                if state.eventCount != index + 1 { problems.append("event count \(state.eventCount)") }
                if state.lastSequence != event.sequence { problems.append("last sequence \(state.lastSequence)") }
                if state.ignoredEventCount != 0 { problems.append("a valid event was ignored") }
                if state.unknownEventCount != unknownSeen { problems.append("unknown count \(state.unknownEventCount)") }
                let ready = Set(state.readySteps)
                for id in failedNotReopened where ready.contains(id) || state.status(of: id) == .running {
                    problems.append("failed step \(id) offered again without a retry or remediation")
                }
                if !problems.isEmpty {
                    Issue.record("seed \(seed), after event \(index) (\(event.body.typeName)): \(problems)")
                    broken = true
                    break
                }
            }
            #expect(generator.stuckCount == 0, "seed \(seed): a running plan had nothing to do and was not complete")
            if !broken { #expect(PlanState.fold(events) == state, "seed \(seed): fold and step-by-step apply disagree") }
        }
        // The property is only as good as the logs it sees: every event type must have turned up.
        let expected: Set<String> = [
            "plan_created", "plan_started", "step_started", "output_chunk", "step_done", "step_failed", "step_skipped",
            "step_retry", "failure_analysed", "remediation_proposed", "remediation_accepted", "remediation_applied",
            "plan_paused", "plan_interrupted", "plan_resumed", "rollback_started", "rollback_done", "plan_done",
            "plan_failed", "plan_cancelled", "checkpoint", "future_event",
        ]
        #expect(expected.subtracting(typesSeen).isEmpty, "never generated: \(expected.subtracting(typesSeen))")
    }

    @Test func foldingFromACheckpointOfAnyPrefixEqualsFoldingTheWholeLog() throws {
        for seed in Self.seeds.prefix(120) {
            let events = ValidStreamGenerator(seed: seed).stream(eventsMax: 150)
            let whole = PlanState.fold(events)
            var rng = SplitMix64(seed: ~seed)
            for _ in 0..<3 {
                let split = Int.random(in: 0...events.count, using: &rng)
                let head = events[..<split]
                let tail = events[split...]
                let snapshot = PlanState.fold(head)
                #expect(PlanState.fold(from: snapshot, tail) == whole, "seed \(seed), split \(split)")

                // Through the stored form: the snapshot written as a checkpoint event, read back, folded from.
                let checkpoint = Event(
                    sequence: UInt64(split + 1), time: head.last?.time ?? Timestamp(microseconds: 0),
                    body: .checkpoint(snapshot))
                let stored = try EventPayload.decode(EventPayload.encode(checkpoint))
                let line = try EventJSON.decode(line: EventJSON.line(checkpoint))
                for decoded in [stored, line] {
                    guard case .checkpoint(let restored) = decoded.body else {
                        Issue.record("seed \(seed): checkpoint decoded as \(decoded.body.typeName)")
                        continue
                    }
                    #expect(restored == snapshot, "seed \(seed), split \(split): checkpoint state changed in storage")
                    #expect(PlanState.fold(from: restored, tail) == whole, "seed \(seed), split \(split)")
                }

                // A reader that opens a log at a checkpoint record agrees with one that folds it from the start.
                let shifted = tail.map { Event(sequence: $0.sequence + 1, time: $0.time, body: $0.body) }
                let log = Array(head) + [checkpoint] + shifted
                var reader = PlanState()
                reader.apply(stored)
                #expect(PlanState.fold(from: reader, shifted) == PlanState.fold(log), "seed \(seed), split \(split)")
            }
        }
    }

    @Test func checkpointsInsideALogChangeNothingButTheEventCount() {
        for seed in Self.seeds.prefix(100) {
            let events = ValidStreamGenerator(seed: seed).stream(eventsMax: 150)
            let withoutCheckpoints = events.filter { if case .checkpoint = $0.body { false } else { true } }
            let expected = PlanState.fold(withoutCheckpoints)
            let actual = PlanState.fold(events)
            #expect(actual.eventCount == events.count)
            #expect(actual.steps == expected.steps, "seed \(seed)")
            #expect(actual.status == expected.status, "seed \(seed)")
            #expect(actual.plan == expected.plan, "seed \(seed)")
            #expect(actual.readySteps == expected.readySteps, "seed \(seed)")
        }
    }

    @Test func theSameSeedWritesTheSameLog() {
        for seed in Self.seeds.prefix(20) {
            #expect(ValidStreamGenerator(seed: seed).stream() == ValidStreamGenerator(seed: seed).stream())
        }
    }
}
