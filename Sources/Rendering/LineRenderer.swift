#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import InstallModel

/// The line-oriented view: every line of output carries its step's prefix; transitions get a line each;
/// failures end with their diagnosis and remediations; the plan ends with a summary.
///
/// Used for pipes and `--no-color` (and, coloured, on a terminal). Output lines are cut at newlines;
/// a partial line waits in a per-step buffer until its newline, its command's end, or its step's end.
public final class LineRenderer: Renderer {
    private let style: TextStyle
    private var state = PlanState()
    private var partial: [StepID: [UInt8]] = [:]
    private var prefixes: [StepID: [UInt8]] = [:]
    /// A partial line longer than this is printed anyway (a progress bar without newlines).
    static let partialLineBytesMax = 16 * 1024

    public init(style: TextStyle) { self.style = style }

    public func render(_ event: Event) -> [UInt8] {
        state.apply(event)
        var out: [UInt8] = []
        switch event.body {
        case .outputChunk(let step, _, let data, _):
            appendOutput(step, data, to: &out)
        case .unknown(SealMarks.crashTailType):
            for step in partial.keys.sorted() { flush(step, into: &out) }
            out += Array(style.yellow(SealMarks.crashTailReplayNote).utf8) + [0x0A]
        case .checkpoint, .unknown, .planStarted:
            break
        default:
            flushAllIfNeeded(event.body, into: &out)
            out += Array(describe(event).utf8)
        }
        return out
    }

    public func finish() -> [UInt8] {
        var out: [UInt8] = []
        for step in partial.keys.sorted() { flush(step, into: &out) }
        return out
    }

    // MARK: Output lines

    private func prefix(_ step: StepID) -> [UInt8] {
        if let cached = prefixes[step] { return cached }
        let made = Array(style.dim("\(shown: step) │ ").utf8)
        prefixes[step] = made
        return made
    }

    /// Prefixes each complete line of `data` (newlines found with memchr: this runs over every byte of
    /// output) and keeps the unfinished end for the next chunk. Output with carriage returns, backspaces
    /// or escapes goes through `TerminalLine` a line at a time (`appendRenderedOutput`).
    private func appendOutput(_ step: StepID, _ data: [UInt8], to out: inout [UInt8]) {
        let needsRendering = data.withUnsafeBytes(TerminalLine.needsRendering)
            || (partial[step]?.withUnsafeBytes(TerminalLine.needsRendering) ?? false)
        if needsRendering { return appendRenderedOutput(step, data, to: &out) }
        var pending = partial.removeValue(forKey: step) ?? []
        let linePrefix = prefix(step)
        let (lines, consumed) = LineRenderer.prefixedLines(of: data, after: pending, prefix: linePrefix)
        if consumed > 0 { pending.removeAll() }
        if out.isEmpty { out = lines } else { out += lines }
        var start = consumed
        // Lines the estimate had no room for (output of very short lines): the plain way.
        while let newline = data[start...].firstIndex(of: 0x0A) {
            out += linePrefix + pending + data[start...newline]
            pending.removeAll()
            start = newline + 1
        }
        pending.append(contentsOf: data[start...])
        if pending.count > LineRenderer.partialLineBytesMax {
            out += linePrefix + pending + [0x0A]
            pending.removeAll()
        }
        if !pending.isEmpty { partial[step] = pending }
    }

    /// Every complete line of `data` (the first one continuing `pending`), each after `prefix`, copied
    /// with memcpy into one buffer sized up front: this runs over every byte of output, and an
    /// array append per line costs more than the copy. Returns the bytes and how much of `data`
    /// they cover (up to the last newline that fit; lines shorter than 8 bytes on average may not all fit).
    static func prefixedLines(of data: [UInt8], after pending: [UInt8], prefix: [UInt8]) -> ([UInt8], consumed: Int) {
        let capacity = pending.count + data.count + prefix.count * (data.count / 8 + 2)
        var consumed = 0
        let lines = [UInt8](unsafeUninitializedCapacity: capacity) { target, written in
            written = 0
            guard let out = target.baseAddress else { return }
            data.withUnsafeBufferPointer { buffer in
                prefix.withUnsafeBufferPointer { prefixBuffer in
                    pending.withUnsafeBufferPointer { pendingBuffer in
                        guard let base = buffer.baseAddress, let prefixBase = prefixBuffer.baseAddress else { return }
                        var carried = pendingBuffer
                        while consumed < buffer.count, let hit = memchr(base + consumed, 0x0A, buffer.count - consumed) {
                            let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                            let lineBytes = end - consumed
                            guard written + prefixBuffer.count + carried.count + lineBytes <= capacity else { return }
                            memcpy(out + written, prefixBase, prefixBuffer.count)
                            written += prefixBuffer.count
                            if let carriedBase = carried.baseAddress, !carried.isEmpty {
                                memcpy(out + written, carriedBase, carried.count)
                                written += carried.count
                                carried = UnsafeBufferPointer(start: nil, count: 0)
                            }
                            memcpy(out + written, base + consumed, lineBytes)
                            written += lineBytes
                            consumed = end
                        }
                    }
                }
            }
        }
        return (lines, consumed)
    }

    /// The slow path: each complete line as a terminal would show it; the unfinished end kept raw
    /// (a progress bar still being redrawn), cut down to its state at the last carriage return when long.
    private func appendRenderedOutput(_ step: StepID, _ data: [UInt8], to out: inout [UInt8]) {
        var pending = partial.removeValue(forKey: step) ?? []
        pending.append(contentsOf: data)
        let linePrefix = prefix(step)
        var start = 0
        while let newline = LineRenderer.newline(in: pending, from: start) {
            out.append(contentsOf: linePrefix)
            out.append(contentsOf: TerminalLine.render(pending[start..<newline], keepColor: style.colored))
            out.append(0x0A)
            start = newline + 1
        }
        var rest = Array(pending[start...])
        if rest.count > LineRenderer.partialLineBytesMax, let lastReturn = rest.lastIndex(of: 0x0D) {
            rest = TerminalLine.render(rest[..<lastReturn], keepColor: style.colored) + rest[lastReturn...]
        }
        if rest.count > LineRenderer.partialLineBytesMax {
            out += prefix(step) + TerminalLine.render(rest, keepColor: style.colored) + [0x0A]
            rest.removeAll()
        }
        if !rest.isEmpty { partial[step] = rest }
    }

    /// The index of the first newline in `bytes` at or after `start` (memchr).
    private static func newline(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, start < buffer.count,
                let hit = memchr(base + start, 0x0A, buffer.count - start)
            else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func flush(_ step: StepID, into out: inout [UInt8]) {
        guard let pending = partial.removeValue(forKey: step), !pending.isEmpty else { return }
        let shown = pending.withUnsafeBytes(TerminalLine.needsRendering) ? TerminalLine.render(pending, keepColor: style.colored) : pending
        out += prefix(step) + shown + [0x0A]
    }

    private func flushAllIfNeeded(_ body: EventBody, into out: inout [UInt8]) {
        if let step = body.stepID { flush(step, into: &out) }
        if case .planDone = body { for step in partial.keys.sorted() { flush(step, into: &out) } }
        if case .planFailed = body { for step in partial.keys.sorted() { flush(step, into: &out) } }
        if case .planInterrupted = body { for step in partial.keys.sorted() { flush(step, into: &out) } }
    }

    // MARK: Transitions

    private func label(_ step: StepID) -> String { "\(shown: state.plannedStep(step)?.label ?? step.rawValue)" }

    private func describe(_ event: Event) -> String {
        switch event.body {
        case .planCreated(let plan): return PlanSummary.text(plan, style: style)
        case .planStarted, .outputChunk, .checkpoint, .unknown: return ""
        case .stepStarted(let step, let attempt, _, _):
            let again = attempt > 1 ? style.yellow(" (attempt \(attempt))") : ""
            return style.bold("==> \(shown: step)") + " " + label(step) + again + "\n"
        case .commandStarted(let step, let argv, _):
            return String(decoding: prefix(step), as: UTF8.self) + style.cyan("$ " + argv.map(ShellQuoting.quote).shown(joinedBy: " ")) + "\n"
        case .commandFinished(let step, let exitCode, _, _):
            return exitCode == 0 ? "" : String(decoding: prefix(step), as: UTF8.self) + style.yellow("exit \(exitCode)") + "\n"
        case .stepDone(let step, let exitCode, let duration, let note):
            let noteText = note.map { "\n    " + style.yellow("note: \(shown: $0)") } ?? ""
            return style.green("ok  \(shown: step)") + " done (exit \(exitCode), \(DurationFormat.describe(microseconds: duration)))" + noteText + "\n"
        case .stepFailed(let step, let cause, let duration):
            let code = cause.exitCode.map { "exit \($0), " } ?? ""
            return style.red("FAIL \(shown: step)") + " (\(code)\(DurationFormat.describe(microseconds: duration))): \(shown: cause.summary)\n"
        case .stepSkipped(let step, let reason, let detail):
            return style.yellow("skip \(shown: step)") + " " + StatusText.skip(reason, detail) + "\n"
        case .stepRetry(let step, let reason):
            return style.yellow("retry \(shown: step)") + ": \(shown: reason)\n"
        case .failureAnalysed(let step, let diagnosis):
            return FailureText.text(step: step, diagnosis: diagnosis, style: style)
        case .remediationProposed(_, let remediations, let depth):
            return FailureText.remediations(remediations, chainDepth: depth, style: style)
        case .remediationAccepted(let step, let id):
            return style.cyan("fix \(shown: step)") + ": applying remediation \(shown: id)\n"
        case .remediationApplied(let step, let id, let newSteps, let retriedAs):
            return style.cyan("fix \(shown: step)") + ": " + FailureText.applied(id, newSteps: newSteps, retriedAs: retriedAs) + "\n"
        case .planPaused(_, let step, let message):
            return style.yellow("paused after \(shown: step)") + ": \(shown: message)\n    continue with: evlog resume \(shown: state.plan?.id.rawValue ?? "<plan>") --ack\n"
        case .planInterrupted(let cause):
            let open = state.openSteps.shown(joinedBy: ", ")
            let what: String
            switch cause {
            case .signal(let name): what = "interrupted by \(shown: name)"
            case .crashDetected: what = "stopped: the previous run ended without finishing (crash or kill)"
            }
            return style.yellow("plan \(what)") + (open.isEmpty ? "" : "; uncertain: \(open)") + "\n"
        case .planResumed(let acknowledged):
            return style.bold("==> resuming plan \(shown: state.plan?.id.rawValue ?? "")") + (acknowledged ? " (acknowledged)" : "") + "\n"
        case .packageSetChanged(let step, let change):
            let removed = change.removed.isEmpty ? "" : "; removed " + change.removed.shown(joinedBy: " ")
            let upgraded = change.upgraded.isEmpty ? "" : "; upgraded " + change.upgraded.map(\.description).shown(joinedBy: ", ")
            let others = change.installedByOthers.isEmpty ? "" : "; not this step's (another apt run): " + change.installedByOthers.shown(joinedBy: " ")
            let basis = change.byDifference ? " (by the before/after difference: apt's history could not be read)" : ""
            let added = change.added.isEmpty ? "nothing" : change.added.shown(joinedBy: " ")
            return style.dim("    \(shown: step): \(change.manager.rawValue) added " + added + basis + removed + upgraded + others)
                + "\n"
        case .fileInstalled(let step, let file):
            return style.dim("    \(shown: step): installed \(shown: file.path) (sha256 \(shown: file.sha256))") + "\n"
        case .rollbackStarted(let step): return style.yellow("rollback \(shown: step)") + ": undoing\n"
        case .rollbackDone(let step, let succeeded):
            return style.yellow("rollback \(shown: step)") + (succeeded ? ": done" : ": FAILED, check by hand") + "\n"
        case .planDone: return summary(ok: true)
        case .planFailed(let reason): return summary(ok: false) + "    \(shown: reason)\n"
        case .planCancelled(let reason): return style.yellow("plan cancelled") + ": \(shown: reason)\n"
        }
    }

    private func summary(ok: Bool) -> String {
        let counts = StatusText.stepCounts(state)
        let elapsed = DurationFormat.describe(microseconds: state.elapsedMicros ?? 0)
        let head = ok ? style.green("plan done") : style.red("plan failed")
        return head + ": ok=\(ok) steps=\(state.steps.count) (\(counts)) elapsed=\(elapsed)\n"
    }
}
