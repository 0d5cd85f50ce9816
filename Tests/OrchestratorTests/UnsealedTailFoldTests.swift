import EventLog
import Foundation
import InstallModel
import Orchestrator
import Sealing
import Testing

/// Records no seal covers never decide a plan's state (integrity16 finding 1, its remainder): after a crashed log's
/// last seal the fold takes only what a crash leaves there (output, command events), so events forged there — a
/// step's end, the plan's end, in any order and after any genuine crash tail — leave the step open and the plan
/// unfinished; `status` and `list` are told what follows the last seal.
@Suite struct UnsealedTailFoldTests {
    let crash = CrashTailTests()

    /// Forged ends of the running step and of the plan, each tail a different subset and order.
    static let forgeries: [[String]] = [["step_done"], ["plan_done"], ["step_done", "plan_done"], ["plan_done", "step_done"],
                                        ["step_failed"], ["step_done", "step_started", "plan_done"]]

    static func forged(_ type: String, _ sequence: UInt64, _ time: Int64) -> [UInt8] {
        switch type {
        case "step_done": CrashTailTests.event(type, "install-ripgrep", sequence, time, #","exit_code":0,"duration_us":5"#)
        case "step_failed": CrashTailTests.event(type, "install-ripgrep", sequence, time, #","reason":"x","duration_us":5"#)
        case "step_started": CrashTailTests.event(type, "install-ripgrep", sequence, time, #","attempt":2,"command":["true"]"#)
        default: CrashTailTests.event(type, "install-ripgrep", sequence, time)
        }
    }

    @Test(arguments: 0..<forgeries.count)
    func eventsForgedAfterTheLastSealDecideNothing(forgery: Int) throws {
        defer { try? FileManager.default.removeItem(atPath: crash.trust.directory) }
        let types = Self.forgeries[forgery]
        let log = try crash.crashedLog(genuine: forgery % 3) { sequence, time in
            types.enumerated().map { Self.forged($1, sequence + UInt64($0) + 1, time) }
        }
        // The same tail folded as any event stream is: there the step's and the plan's forged ends stand.
        if types == ["step_done", "plan_done"] { #expect(PlanState.fold(try PlanLog(path: log).events()).status == .done) }

        let fold = try #require(try PlanLog(path: log).sealedFold())
        #expect(fold.state.status != .done && fold.state.status != .failed, "\(types): \(fold.state.status)")
        #expect(fold.state.steps.allSatisfy { $0.status != .done && $0.status != .failed }, "\(types): \(fold.state.steps)")
        #expect(fold.unsealed?.notFolded == types.count && fold.unsealed?.events == types.count + 1 + forgery % 3, "\(String(describing: fold.unsealed))")
        #expect(fold.unsealed?.note.hasPrefix("not sealed: ") == true)
        #expect(try PlanLog(path: log).stateFromLastCheckpoint().status == fold.state.status)
    }

    /// What a crash leaves after the last seal is folded as ever: the running step's output and command events.
    @Test(arguments: [0, 1, 2])
    func aGenuineCrashTailIsFoldedAndSaidUnsealed(chunks: Int) throws {
        defer { try? FileManager.default.removeItem(atPath: crash.trust.directory) }
        let log = try crash.crashedLog(genuine: chunks) { sequence, time in
            [CrashTailTests.event("command_started", "install-ripgrep", sequence + 1, time, #","argv":["true"]"#),
             CrashTailTests.event("command_finished", "install-ripgrep", sequence + 2, time, #","exit_code":0"#)]
        }
        let fold = try #require(try PlanLog(path: log).sealedFold())
        #expect(fold.state == PlanState.fold(try PlanLog(path: log).events()))
        #expect(fold.unsealed?.events == chunks + 3 && fold.unsealed?.notFolded == 0, "\(String(describing: fold.unsealed))")
        #expect(fold.unsealed?.note.hasPrefix("unsealed tail: ") == true)
        // A log its writer closed has nothing after its last seal.
        #expect(try PlanLog(path: try crash.trust.recordedLog()).sealedFold()?.unsealed == nil)
    }
}
