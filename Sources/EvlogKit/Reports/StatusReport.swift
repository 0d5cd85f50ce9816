import InstallModel
import Rendering

/// The status view, shared with `replay --at`.
public enum StatusReport {
    public static func json(_ row: PlanRow) -> JSONValue {
        let steps = row.state.steps.map { step -> JSONValue in
            var fields: [String: JSONValue] = [
                "step": .string(step.id.rawValue), "status": .string(step.status.rawValue),
                "attempt": .number(Double(step.attempt)),
            ]
            if let exit = step.exitCode { fields["exit_code"] = .number(Double(exit)) }
            if let duration = step.durationMicros { fields["duration_ms"] = .number(Double(duration / 1000)) }
            if let reason = step.failureReason { fields["reason"] = .string(reason) }
            if let kind = step.diagnosis?.kind { fields["failure_kind"] = .string(kind.rawValue) }
            return .object(fields)
        }
        return .object([
            "plan": .string(row.id.rawValue), "status": .string(row.status),
            // A plan is ok only as evlog recorded it: a broken seal (an edit, an inserted checkpoint) decides nothing.
            "ok": .bool(row.state.status == .done && row.sealNote == nil),
            "tools": .array((row.state.plan?.tools ?? []).map(JSONValue.string)),
            "kind": .string(row.state.plan?.purpose.rawValue ?? PlanKind.install.rawValue), "steps": .array(steps), "events": .number(Double(row.state.eventCount)),
            "elapsed_ms": .number(Double((row.state.elapsedMicros ?? 0) / 1000)),
            "uncertain": .array(row.state.openSteps.map { .string($0.rawValue) }),
            "evlog_version": .string(EvlogVersion.current), "origin": .string(row.origin),
        ].merging(row.damageJSON) { $1 }.merging(row.headerLabel.map { ["header_label": .string($0)] } ?? [:]) { $1 }
            .merging(row.interruptedSince.map { ["interrupted_since": .string($0.utcText)] } ?? [:]) { $1 }
            .merging(row.writerJSON) { $1 }.merging(row.unsealedJSON) { $1 }.merging(row.sealJSON) { $1 }
            .merging(row.reproductionOf.map { ["reproduction_of": .string($0.rawValue)] } ?? [:]) { $1 })
    }

    /// `mislabel`: what the log's file says when its sealed header names another plan (`PlanLog.mislabelNote`).
    public static func text(_ row: PlanRow, style: TextStyle, mislabel: String? = nil) -> String {
        let state = row.state
        // A simulated plan says so first: nothing it did happened on this machine (truth11 F7); a reproduction says
        // whose it is (repro12 F3).
        // One filed under the original's own id (a copy in plans/) is not named as a reproduction of itself (repro20 #8).
        let name = row.reproductionOf.map { $0 == row.id ? "a reproduction of plan \(shown: $0)" : "reproduction \(shown: row.id) of plan \(shown: $0)" }
            ?? "plan \(shown: row.id)"
        let simulated = row.reproductionOf == nil && state.plan?.simulation != nil ? "simulated " : ""
        // A reproduction cut short holds where it stopped, not where the original did (repro20 leftover).
        var out = style.bold(name) + (state.plan.map { " (\(simulated)\(shown: $0.title))" } ?? "") + ": "
            + (row.cutShort ? "reproduction, cut short" : row.status)
        if row.cutShort {
            out += ", \(state.steps.count) steps\n"
        } else if let since = row.interruptedSince, row.reproductionOf != nil {
            // A reproduction of a run whose process died stops where the original's did.
            out += " at \(since.utcText) (where the original's process stopped), \(state.steps.count) steps\n"
        } else if let since = row.interruptedSince {
            // The time it stopped is not in the log: what it says is when it was last heard of.
            out += " since \(since.utcText) (its last event; the writer stopped without ending the plan), \(state.steps.count) steps\n"
        } else {
            out += ", \(state.steps.count) steps, elapsed \(DurationFormat.describe(microseconds: state.elapsedMicros ?? 0))\n"
        }
        let plannedSteps = state.plan?.steps ?? []
        for (index, step) in state.steps.enumerated() {
            let label = index < plannedSteps.count ? plannedSteps[index].label : ""
            var line = "  \(step.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(shown: step.id)  \(shown: label)"
            if step.attempt > 1 { line += " (attempt \(step.attempt))" }
            if let reason = step.failureReason { line += "\n            \(shown: reason)" }
            // The diagnosis is of the last attempt that failed: under a step running again (or done since) it is an
            // earlier attempt's, never this one's (repro13 F13).
            if let kind = step.diagnosis?.kind {
                line += step.status == .failed ? "\n            why: \(kind.rawValue)" : "\n            an earlier attempt failed (why: \(kind.rawValue))"
            }
            out += line + "\n"
        }
        if let pause = state.pause, !row.cutShort { out += "  paused: \(shown: pause.message)\n" }
        if let note = row.replacedLogNote { out += "  " + style.yellow("note: " + note) + "\n" }
        if let unsealed = row.unsealed, !row.live { out += "  " + style.yellow(unsealed.note) + "\n" }
        // A damaged log cut back says so once, in its damage line below (integrity26).
        let damageSaysIt = row.damage != nil && row.rolledBack != nil && row.sealNote == row.rolledBack
        if let sealNote = row.sealNote, !damageSaysIt { out += "  " + style.yellow("not as recorded: " + sealNote) + "\n" }
        if let mislabel { out += "  " + style.yellow("note: \(shown: mislabel)") + "\n" }
        if let original = row.reproductionOf, row.cutShort {
            out += "  a reproduction (`evlog reproduce`) that stopped before its end (killed, or cut short by an older evlog): "
                + "it says nothing of how \(shown: original) ran; reproduce it again with `evlog reproduce \(shown: original)`\n"
        } else if let original = row.reproductionOf {
            // A record of a check, not of a run: it is never resumed (`resume` refuses it).
            out += "  a simulated reproduction (`evlog reproduce`), not a run; the plan that ran is \(shown: original)\n"
        } else if let damage = row.damage, row.rolledBack != nil {
            out += "  the log is \(damage.summary): \(damage.reason); what is intact before it ends before a seal this home already saw (rolled back), "
                + "so `evlog resume` refuses it (it would run steps again): restore the log from a copy (`evlog verify` says what follows the damage)\n"
        } else if let damage = row.damage {
            out += "  the log is \(damage.summary): \(damage.reason); `evlog resume \(shown: row.id)` keeps the records before it and moves the rest aside\n"
        } else if row.status == "interrupted", row.sealNote == nil, !row.hasForgedTail {
            out += "  continue with: evlog resume \(shown: row.id)\n"
        } else if row.status == "interrupted", row.hasForgedTail {
            // The tail no crash leaves makes `resume` refuse the log (integrity25 #3): no advice to run it.
            out += "  `evlog resume` refuses it while those events follow its last seal (see `evlog verify \(shown: row.id)`)\n"
        }
        return out
    }
}
