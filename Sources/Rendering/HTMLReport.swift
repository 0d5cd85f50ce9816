import InstallModel

/// `evlog export --html`: one self-contained HTML file (inline CSS, inline SVG, a line of inline
/// script, nothing from the network) with the plan header, its DAG, a timeline of the steps, each
/// failure with its diagnosis and remediations, and every step's output in a collapsible `<details>`.
/// Everything that came from the log is escaped.
public enum HTMLReport {
    public static func html(_ timeline: RunTimeline) -> String {
        let state = timeline.state
        let title = state.plan.map { "evlog plan \($0.id)" } ?? "evlog plan"
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(HTMLText.escape(title))</title>\n<style>\n\(HTMLStyle.css)\n</style>\n</head>\n<body>\n"
        out += header(state)
        out += "<h2>Steps and dependencies</h2>\n<div class=\"scroll\">\(HTMLGraph.svg(state))</div>\n"
        out += "<p class=\"muted\">Arrows: depends on. Dashed: waits for the same package-manager lock.</p>\n"
        out += "<h2>Timeline</h2>\n<div class=\"scroll\">\(HTMLTimeline.svg(timeline))</div>\n"
        out += failures(state)
        out += stepTable(timeline)
        out += outputs(timeline)
        out += "<script>\n\(HTMLStyle.script)\n</script>\n</body>\n</html>\n"
        return out
    }

    private static func header(_ state: PlanState) -> String {
        guard let plan = state.plan else { return "<h1>evlog plan</h1>\n<p>The log holds no plan.</p>\n" }
        let profile = plan.profile
        var out = "<h1>Plan \(HTMLText.escape(plan.id.rawValue)) <span class=\"badge \(state.status.rawValue)\">\(state.status.rawValue)</span></h1>\n"
        out += "<p class=\"meta\">\(plan.purpose.verb) <b>\(HTMLText.escape(plan.tools.joined(separator: " ")))</b> on \(HTMLText.escape(profile.name)) (\(HTMLText.escape("\(profile.distribution) \(profile.version), \(profile.arch)")))</p>\n"
        let elapsed = DurationFormat.describe(microseconds: state.elapsedMicros ?? 0)
        let counts = StepStatus.allCases.compactMap { status -> String? in
            let count = state.count(status)
            return count == 0 ? nil : "\(count) \(status.rawValue)"
        }.joined(separator: ", ")
        out += "<p class=\"meta\">\(plan.steps.count) steps (\(counts)) · elapsed \(elapsed) · \(state.eventCount) events · risk \(plan.riskSummary.level.rawValue)</p>\n"
        if let simulation = plan.simulation {
            out += "<p class=\"meta\">\(HTMLText.escape(simulation.summary))</p>\n"
        }
        if let reason = state.failureReason { out += "<p class=\"meta\">\(HTMLText.escape(reason))</p>\n" }
        for note in plan.notes { out += "<p class=\"meta\">note: \(HTMLText.escape(note))</p>\n" }
        return out
    }

    /// Each failed step with its diagnosis and ranked remediations (also the top of `evlog serve`'s plan page,
    /// which draws the first `limit` of them: a plan of 20,000 failed steps is not a page of 20,000 diagnoses).
    public static func failures(_ state: PlanState, limit: Int = .max) -> String {
        let failed = state.steps.filter { $0.status == .failed }
        guard !failed.isEmpty else { return "" }
        var out = "<h2>Failure</h2>\n"
        for step in failed.prefix(limit) {
            out += "<div class=\"failure\"><h3>\(HTMLText.escape(step.id.rawValue)): \(HTMLText.escape(step.failureReason ?? "failed"))</h3>\n"
            if let diagnosis = step.diagnosis {
                let confidence = diagnosis.percent
                out += "<p>Diagnosis: <b>\(HTMLText.escape(diagnosis.kind.rawValue))</b> (confidence \(confidence)%)</p>\n"
                if !diagnosis.evidence.isEmpty {
                    out += "<pre class=\"evidence\">\(HTMLText.escape(diagnosis.evidence.map(TerminalLine.shown).joined(separator: "\n")))</pre>\n"
                }
            }
            if !step.proposedRemediations.isEmpty {
                out += "<p>What to do:</p>\n<ol>\n"
                for remediation in step.proposedRemediations {
                    out += "<li>\(HTMLText.escape(remediation.summary)) <span class=\"muted\">(\(HTMLText.escape(remediation.id)), \(remediation.risk.rawValue) risk\(availability(remediation.availability)))</span></li>\n"
                }
                out += "</ol>\n"
            }
            out += "</div>\n"
        }
        if failed.count > limit { out += "<p class=\"meta\">… and \(failed.count - limit) more failed steps, each marked in the steps below</p>\n" }
        return out
    }

    private static func availability(_ availability: RemediationAvailability) -> String {
        switch availability {
        case .ready: ""
        case .locked(let reason, _): ", locked: " + HTMLText.escape(reason)
        case .impossible(let reason): ", impossible: " + HTMLText.escape(reason)
        }
    }

    private static func stepTable(_ timeline: RunTimeline) -> String {
        let state = timeline.state
        guard let plan = state.plan else { return "" }
        var out = "<h2>Steps</h2>\n<table>\n<tr><th>step</th><th>what</th><th>kind</th><th>status</th><th>attempts</th><th>duration</th></tr>\n"
        for (index, step) in plan.steps.enumerated() {
            let stepState = state.steps[index]
            let duration = stepState.durationMicros.map { DurationFormat.describe(microseconds: $0) } ?? ""
            out += "<tr id=\"step-\(HTMLText.escape(step.id.rawValue))\"><td><code>\(HTMLText.escape(step.id.rawValue))</code></td><td>\(HTMLText.escape(step.label))</td>"
            out += "<td>\(step.kind.rawValue)</td><td class=\"status \(stepState.status.rawValue)\">\(stepState.status.rawValue)</td>"
            out += "<td>\(stepState.attempt)</td><td>\(duration)</td></tr>\n"
        }
        return out + "</table>\n"
    }

    private static func outputs(_ timeline: RunTimeline) -> String {
        var out = "<h2>Output</h2>\n<p><button onclick=\"setAll(true)\">expand all</button><button onclick=\"setAll(false)\">collapse all</button></p>\n"
        for attempt in timeline.attempts {
            let open = attempt.outcome == .failed ? " open" : ""
            let duration = DurationFormat.describe(microseconds: timeline.effectiveEnd(attempt).microseconds(since: attempt.start))
            out += "<details class=\"output\"\(open)><summary>\(HTMLText.escape(attempt.step.rawValue)) <span class=\"muted\">attempt \(attempt.attempt) · \(attempt.outcome.rawValue) · \(duration)</span></summary>\n"
            var text = ""
            if attempt.outputBytesDropped > 0 { text += "… \(attempt.outputBytesDropped) earlier bytes of output not shown …\n" }
            text += LineCleaner.lines(of: attempt.outputTail).joined(separator: "\n")
            out += "<pre>\(HTMLText.escape(text))</pre>\n</details>\n"
        }
        return out
    }
}
