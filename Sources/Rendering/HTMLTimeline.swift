import InstallModel

/// The run as inline SVG: one row per parallel lane (as in the trace), one bar per step attempt,
/// coloured by outcome, with a time axis.
enum HTMLTimeline {
    static let width = 1000
    static let labelWidth = 70
    static let rowHeight = 26

    static func svg(_ timeline: RunTimeline) -> String {
        guard !timeline.attempts.isEmpty else { return "<p>No step ran.</p>" }
        let origin = timeline.origin
        func micros(_ time: Timestamp) -> Int64 { max(0, time.microseconds(since: origin)) }
        let spans = timeline.attempts.map { (start: micros($0.start), end: max(micros($0.start), micros(timeline.effectiveEnd($0)))) }
        let lanes = LaneAssignment.lanes(for: spans)
        let total = max(1, spans.map(\.end).max() ?? 1)
        let laneCount = (lanes.max() ?? 0) + 1
        let plotWidth = width - labelWidth - 10
        func x(_ micros: Int64) -> Int { labelWidth + Int(Double(micros) / Double(total) * Double(plotWidth)) }
        let height = laneCount * rowHeight + (timeline.resumes.isEmpty ? 30 : 44)
        var out = "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"timeline of the steps\">\n"
        for lane in 0..<laneCount {
            let y = lane * rowHeight
            out += "<text x=\"4\" y=\"\(y + 17)\" class=\"lane\">lane \(lane + 1)</text>"
            out += "<line x1=\"\(labelWidth)\" y1=\"\(y + rowHeight)\" x2=\"\(width - 10)\" y2=\"\(y + rowHeight)\" class=\"grid\"/>\n"
        }
        for tick in 0...4 {
            // total × tick / 4 without the product, which overflows for a total near Int64.max.
            let at = total / 4 * Int64(tick) + total % 4 * Int64(tick) / 4
            let tx = x(at)
            out += "<line x1=\"\(tx)\" y1=\"0\" x2=\"\(tx)\" y2=\"\(laneCount * rowHeight)\" class=\"grid\"/>"
            let anchor = tick == 0 ? "start" : (tick == 4 ? "end" : "middle")
            out += "<text x=\"\(tx)\" y=\"\(laneCount * rowHeight + 18)\" text-anchor=\"\(anchor)\" class=\"tick\">\(DurationFormat.describe(microseconds: at))</text>\n"
        }
        for (index, attempt) in timeline.attempts.enumerated() {
            let x1 = x(spans[index].start)
            let barWidth = max(3, x(spans[index].end) - x1)
            let y = lanes[index] * rowHeight + 4
            let duration = DurationFormat.describe(microseconds: spans[index].end - spans[index].start)
            out += "<g class=\"bar \(attempt.outcome.rawValue)\"><title>\(HTMLText.escape(attempt.step.rawValue)) attempt \(attempt.attempt): \(attempt.outcome.rawValue), \(duration)</title>"
            out += "<rect x=\"\(x1)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(rowHeight - 8)\" rx=\"3\"/>"
            let name = HTMLText.escape(attempt.step.rawValue)
            if barWidth > 60 {
                out += "<text x=\"\(x1 + 4)\" y=\"\(y + 13)\">\(HTMLText.escape(TerminalText.fit(attempt.step.rawValue, columns: max(4, barWidth / 7))))</text>"
            } else if x1 + barWidth + 150 < width {
                out += "<text x=\"\(x1 + barWidth + 4)\" y=\"\(y + 13)\" class=\"outside\">\(name) \(duration)</text>"
            } else {
                // Near the right edge: the label goes to the left of the bar.
                out += "<text x=\"\(x1 - 4)\" y=\"\(y + 13)\" text-anchor=\"end\" class=\"outside\">\(name) \(duration)</text>"
            }
            out += "</g>\n"
        }
        for resume in timeline.resumes {
            let rx = x(micros(resume))
            out += "<line x1=\"\(rx)\" y1=\"0\" x2=\"\(rx)\" y2=\"\(laneCount * rowHeight)\" class=\"resume\"><title>plan resumed</title></line>"
            out += "<text x=\"\(rx + 3)\" y=\"\(laneCount * rowHeight + 36)\" class=\"resume\">resumed</text>\n"
        }
        return out + "</svg>"
    }
}
