import EvlogKit
import Foundation
import InstallModel
import Orchestrator
import Rendering
import Testing

@testable import Server

/// The plan list `/` says after a row what `evlog list` says: a broken seal (serve20b #1) and where the plan ran
/// (serve20b #2); its steps column counts the steps that ended well, never those skipped because a step they need
/// failed (serve20b #8).
@Suite struct PlanListNotesTests {
    @Test(arguments: [UInt64(11), 12, 13])
    func aRowCarriesTheListsNotesAndCountsOnlyStepsThatEndedWell(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let id = PlanID("p-serve0000001")
        let count = 1 + Int(generator.next() % 40)
        let steps = (0..<count).map { StepID("s\($0)") }
        let plan = RecordedPlan.plan(id, steps[0], others: Array(steps.dropFirst()))
        var bodies: [EventBody] = [.planCreated(plan), .planStarted]
        var endedWell = 0
        var cut = 0
        for step in steps {
            switch generator.next() % 4 {
            case 0:
                bodies += [.stepStarted(step: step, attempt: 1, command: []), .stepDone(step: step, exitCode: 0, durationMicros: 1, note: nil)]
                endedWell += 1
            case 1:
                bodies += [.stepStarted(step: step, attempt: 1, command: []), .stepFailed(step: step, cause: FailureCause(message: "exit 1"), durationMicros: 1)]
            case 2:
                bodies.append(.stepSkipped(step: step, reason: .alreadySatisfied, detail: "there"))
                endedWell += 1
            default:
                bodies.append(.stepSkipped(step: step, reason: .dependencyFailed(steps[0]), detail: "needs s0"))
                cut += 1
            }
        }
        let events = bodies.enumerated().map { Event(sequence: UInt64($0.offset + 1), time: Timestamp(microseconds: Int64($0.offset)), body: $0.element) }
        var row = PlanRow(id: id, state: PlanState.fold(events), live: false)
        let tally = "\(endedWell)/\(count)" + (cut > 0 ? " (\(cut) skipped)" : "")
        #expect(row.state.stepTally == tally)
        let plain = PlanListPage.rows([row])
        #expect(plain.contains("<td>\(tally)</td>"), "\(plain)")
        #expect(!plain.contains("not as recorded") && !plain.contains("another home") && !plain.contains("imported"))
        row.sealNote = "seal 1 is broken: the records it covers were changed"
        for origin in [PlanLog.Origin.imported, .anotherHome] {
            row.elsewhere = origin
            let noted = PlanListPage.rows([row])
            #expect(noted.contains(HTMLText.escape("(not as recorded: ")) && noted.contains(HTMLText.escape(", see `evlog status \(id.rawValue)`)")), "\(noted)")
            #expect(noted.contains(HTMLText.escape("(\(origin.note))")), "\(noted)")
        }
    }
}
