import InstallModel
import Orchestrator

/// `/plans/<id>/steps/<step>/output`: a step's output bytes as recorded (already redacted), stdout and
/// stderr in the order they came, streamed; `Range: bytes=…` answers 206 with that part only.
enum RawOutput {
    static func response(_ log: PlanLog, foreign: Bool, step: StepID, rangeHeader: String?) throws -> ServerResponse {
        var total: Int64 = 0
        var counted = ShownEvents(foreign: foreign)
        for event in try log.events() {
            if case .outputChunk(step, _, let data, _) = counted.shown(event).body { total += Int64(data.count) }
        }
        var headers = [("Content-Type", "text/plain; charset=utf-8"), ("Accept-Ranges", "bytes")]
        var range: ClosedRange<Int64>? = total > 0 ? 0...(total - 1) : nil
        var status = 200
        if let rangeHeader {
            guard let asked = byteRange(rangeHeader, total: total) else {
                return ServerResponse(status: 416, headers: [("Content-Range", "bytes */\(total)")])
            }
            range = asked
            status = 206
            headers.append(("Content-Range", "bytes \(asked.lowerBound)-\(asked.upperBound)/\(total)"))
        }
        headers.append(("Content-Length", String(range.map { $0.count } ?? 0)))
        guard let range else { return ServerResponse(status: status, headers: headers) }
        return ServerResponse(status: status, headers: headers, body: .stream { write in
            var offset: Int64 = 0
            var shown = ShownEvents(foreign: foreign)
            for event in try log.events() {
                guard case .outputChunk(step, _, let data, _) = shown.shown(event).body else { continue }
                let start = offset, end = offset + Int64(data.count)
                offset = end
                guard end > range.lowerBound else { continue }
                let from = Int(max(range.lowerBound - start, 0)), to = Int(min(range.upperBound + 1 - start, Int64(data.count)))
                if from < to { try await write(Array(data[from..<to])) }
                if end > range.upperBound { break }
            }
        })
    }

    /// `bytes=A-B`, `bytes=A-` or `bytes=-N` within `total` bytes; nil when unsatisfiable or not one range.
    static func byteRange(_ header: String, total: Int64) -> ClosedRange<Int64>? {
        guard header.hasPrefix("bytes="), !header.contains(","), total > 0 else { return nil }
        let spec = header.dropFirst("bytes=".count).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard spec.count == 2 else { return nil }
        if spec[0].isEmpty {
            guard let suffix = Int64(spec[1]), suffix > 0 else { return nil }
            return max(total - suffix, 0)...(total - 1)
        }
        guard let start = Int64(spec[0]), start < total else { return nil }
        let end = spec[1].isEmpty ? total - 1 : Int64(spec[1]).map { min($0, total - 1) }
        guard let end, end >= start else { return nil }
        return start...end
    }
}
