import InstallModel

/// The live view on a terminal: finished steps collapse to one line each; below them a region that is
/// redrawn in place (ANSI cursor movement) after every event, with each running step, its spinner and
/// elapsed time, its current command and last lines of output, parallel steps together, and a progress
/// bar. A failed plan ends with each failure's diagnosis and remediations.
///
/// Time comes only from the events: the spinner and elapsed times move with event timestamps, so the
/// same events give the same bytes (a replay on a terminal looks like the run did). The width is fixed
/// at creation; lines of the redrawn region are cut to it so that none wraps.
public final class TerminalRenderer: Renderer {
    private let style: TextStyle
    private let columns: Int
    private let tailLinesMax: Int
    private var state = PlanState()
    private var now = Timestamp(microseconds: 0)
    /// Running steps in the order they started.
    private var running: [StepID] = []
    private var tails: [StepID: OutputTail] = [:]
    private var commands: [StepID: [String]] = [:]
    /// Lines of the redrawn region currently on screen, below the permanent lines.
    private var drawnLines = 0

    /// Widths below this are treated as this (a very narrow terminal still gets a readable view).
    public static let columnsMin = 40
    static let barWidth = 24

    public init(style: TextStyle, columns: Int, tailLinesMax: Int = 3) {
        precondition(tailLinesMax > 0, "the live view shows at least one output line per step")
        self.style = style
        // One column of margin: a line exactly as wide as the terminal wraps on some terminals.
        self.columns = max(TerminalRenderer.columnsMin, columns) - 1
        self.tailLinesMax = tailLinesMax
    }

    public func render(_ event: Event) -> [UInt8] {
        if case .checkpoint = event.body { return [] }
        if case .unknown(let type) = event.body, type != SealMarks.crashTailType { return [] }
        // Only an interruption needs the state before it (the steps it leaves open); copying the whole
        // state for every event would make a replay quadratic in the plan's step count.
        let openBefore: [StepID]
        if case .planInterrupted = event.body { openBefore = state.openSteps } else { openBefore = [] }
        state.apply(event)
        now = event.time
        let permanent = track(event, openBefore: openBefore)
        let region = liveRegion()
        var out = TerminalText.erase(lines: drawnLines) + permanent
        out += region.joined(separator: "\n")
        if !region.isEmpty { out += "\n" }
        drawnLines = region.count
        return Array(out.utf8)
    }

    /// The region stays as last drawn: a replay of a log that ends mid-run shows where it stopped.
    public func finish() -> [UInt8] { [] }

    // MARK: Events

    private func label(_ step: StepID) -> String { "\(shown: state.plannedStep(step)?.label ?? step.rawValue)" }

    /// Updates the running set and returns the permanent text the event adds above the region.
    private func track(_ event: Event, openBefore: [StepID]) -> String {
        switch event.body {
        case .planCreated(let plan):
            return PlanSummary.text(plan, style: style)
        case .stepStarted(let step, _, _, _):
            running.removeAll { $0 == step }
            running.append(step)
            tails[step] = OutputTail(linesMax: tailLinesMax)
            commands[step] = nil
            return ""
        case .commandStarted(let step, let argv, _):
            commands[step] = argv
            return ""
        case .outputChunk(let step, _, let data, _):
            tails[step, default: OutputTail(linesMax: tailLinesMax)].feed(data)
            return ""
        case .stepDone(let step, _, let duration, let note):
            stopRunning(step)
            let noteText = note.map { "\n    " + style.yellow("note: \(shown: $0)") } ?? ""
            return style.green("✔") + " " + style.bold("\(shown: step)") + "  " + label(step)
                + style.dim("  " + DurationFormat.describe(microseconds: duration)) + noteText + "\n"
        case .stepFailed(let step, let cause, let duration):
            let lastLines = tails[step]?.lines ?? []
            stopRunning(step)
            let code = cause.exitCode.map { "exit \($0), " } ?? ""
            var text = style.red("✘") + " " + style.bold("\(shown: step)") + "  " + label(step)
                + style.dim("  (\(code)\(DurationFormat.describe(microseconds: duration)))") + "\n"
            text += "    " + style.red("\(shown: cause.summary)") + "\n"
            for line in lastLines { text += style.dim("    │ " + line) + "\n" }
            return text
        case .stepSkipped(let step, let reason, let detail):
            return style.yellow("–") + " " + "\(shown: step)" + "  " + label(step) + style.dim("  " + StatusText.skip(reason, detail)) + "\n"
        case .stepRetry(let step, let reason):
            return style.yellow("↻") + " " + "\(shown: step)" + style.dim("  \(shown: reason)") + "\n"
        case .failureAnalysed(_, let diagnosis):
            return style.dim("    why: \(diagnosis.kind.rawValue) (details at the end)") + "\n"
        case .unknown(SealMarks.crashTailType):
            return style.yellow(SealMarks.crashTailReplayNote) + "\n"
        case .remediationProposed, .planStarted, .commandFinished, .checkpoint, .unknown, .packageSetChanged, .fileInstalled:
            return ""
        case .remediationAccepted(let step, let id):
            return style.cyan("fix \(shown: step)") + ": applying remediation \(shown: id)\n"
        case .remediationApplied(let step, let id, let newSteps, let retriedAs):
            return style.cyan("fix \(shown: step)") + ": " + FailureText.applied(id, newSteps: newSteps, retriedAs: retriedAs) + "\n"
        case .planPaused(_, let step, let message):
            return style.yellow("⏸ paused after \(shown: step)") + ": \(shown: message)\n    continue with: evlog resume \(planID) --ack\n"
        case .planInterrupted(let cause):
            let open = openBefore.shown(joinedBy: ", ")
            running.removeAll()
            let what: String
            switch cause {
            case .signal(let name): what = "interrupted by \(shown: name)"
            case .crashDetected: what = "stopped: the previous run ended without finishing (crash or kill)"
            }
            return style.yellow("■ plan \(what)") + (open.isEmpty ? "" : style.dim("; uncertain: \(open)")) + "\n"
        case .planResumed(let acknowledged):
            return style.bold("▶ resuming plan \(planID)") + (acknowledged ? " (acknowledged)" : "") + "\n"
        case .rollbackStarted(let step):
            return style.yellow("↺ rollback \(shown: step)") + ": undoing\n"
        case .rollbackDone(let step, let succeeded):
            return style.yellow("↺ rollback \(shown: step)") + (succeeded ? ": done" : ": FAILED, check by hand") + "\n"
        case .planDone:
            running.removeAll()
            return summary(ok: true)
        case .planFailed(let reason):
            running.removeAll()
            return summary(ok: false) + "  \(shown: reason)\n" + failureRecap()
        case .planCancelled(let reason):
            running.removeAll()
            return style.yellow("■ plan cancelled") + ": \(shown: reason)\n"
        }
    }

    private var planID: String { "\(shown: state.plan?.id.rawValue ?? "<plan>")" }

    private func stopRunning(_ step: StepID) {
        running.removeAll { $0 == step }
        commands[step] = nil
    }

    private func summary(ok: Bool) -> String {
        let counts = StatusText.stepCounts(state)
        let elapsed = DurationFormat.describe(microseconds: state.elapsedMicros ?? 0)
        let head = ok ? style.green("● plan done") : style.red("● plan failed")
        return head + "  \(state.steps.count) steps (\(counts)) in \(elapsed)\n"
    }

    /// Every failed step with its diagnosis and remediations, at the end where the user looks.
    private func failureRecap() -> String {
        var out = ""
        for step in state.steps where step.status == .failed {
            out += "\n" + style.red("✘ \(shown: step.id)") + ": \(shown: step.failureReason ?? "failed")\n"
            if let diagnosis = step.diagnosis { out += FailureText.text(step: step.id, diagnosis: diagnosis, style: style) }
            out += FailureText.remediations(step.proposedRemediations, chainDepth: step.remediationChainDepth, style: style)
        }
        if !out.isEmpty { out += "\n" + style.dim("  see also: evlog what-failed \(planID)") + "\n" }
        return out
    }

    // MARK: The redrawn region

    private func liveRegion() -> [String] {
        guard state.status == .running || !running.isEmpty else { return [] }
        var lines: [String] = []
        for step in running {
            let started = state.step(step)?.startedAt ?? now
            let elapsed = now.microseconds(since: started)
            let head = TerminalText.fit("\(TerminalText.spinner(elapsedMicros: elapsed)) \(shown: step)  \(label(step))", columns: columns - 8)
            lines.append(style.cyan(String(head.prefix(1))) + head.dropFirst() + style.dim("  " + DurationFormat.describe(microseconds: elapsed)))
            if let argv = commands[step] {
                lines.append(style.dim(TerminalText.fit("    $ " + argv.shown(joinedBy: " "), columns: columns)))
            }
            for line in tails[step]?.lines ?? [] {
                lines.append(style.dim(TerminalText.fit("    │ " + line, columns: columns)))
            }
        }
        let finished = state.steps.filter(\.status.isTerminal).count
        let bar = TerminalText.bar(finished: finished, total: state.steps.count, width: TerminalRenderer.barWidth)
        let elapsed = DurationFormat.describe(microseconds: state.elapsedMicros ?? 0)
        lines.append(style.green(bar.filled) + style.dim(bar.empty) + "  \(finished)/\(state.steps.count) steps · \(running.count) running · \(elapsed)")
        return lines
    }
}
