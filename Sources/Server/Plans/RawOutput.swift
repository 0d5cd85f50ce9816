import Foundation
import InstallModel
import Orchestrator
import Rendering

/// `/plans/<id>/steps/<step>/output`: a step's output bytes as recorded, through this evlog's secret policy (`PlanEventStream`), stdout and
/// stderr in the order they came, streamed in turns of the log readers' lane (`ReaderLane`: a client that stops
/// reading holds no block of the log, serve16 #4), never cached; one satisfiable `Range: bytes=…` answers 206 with
/// that part only (RFC 9110 §14: other units, several ranges or a bad spec get the whole body, 416 only
/// when no byte is in range).
enum RawOutput {
    /// A part of the output a request asks for.
    enum Asked: Equatable {
        case whole
        case part(ClosedRange<Int64>)
        case unsatisfiable
    }

    /// Where the raw output of `step` is, under a plan's `base` (`/plans/<id>`, `/fleet/<name>`).
    static func link(base: String, step: StepID) -> String { "\(base)/steps/\(PercentEncoding.segment(step.rawValue))/output" }

    /// The `Range` header to honour: none when `If-Range` is given, since no validator is ever sent that it could match.
    static func rangeHeader(of request: ServerRequest) -> String? {
        request.headers["if-range"] == nil ? request.headers["range"] : nil
    }

    static func response(_ log: PlanLog, step: StepID, rangeHeader: String?, lane: ReaderLane) throws -> ServerResponse {
        let index = try StepOutputIndex(log, step: step)
        let total = index.total
        // An empty body would say the step ran and printed nothing.
        guard index.known else { throw ServeError(404, "this plan has no step named \(NeutralText(step.rawValue.prefix(80))); its page lists its steps") }
        var headers = [("Content-Type", "text/plain; charset=utf-8"), ("Accept-Ranges", "bytes"), ("Cache-Control", "no-store")]
        var range: ClosedRange<Int64>? = total > 0 ? 0...(total - 1) : nil
        var status = 200
        switch rangeHeader.map({ byteRange($0, total: total) }) ?? .whole {
        case .whole:
            break
        case .unsatisfiable:
            return ServerResponse(status: 416, headers: [("Content-Range", "bytes */\(total)"), ("Cache-Control", "no-store")])
        case .part(let asked):
            range = asked
            status = 206
            headers.append(("Content-Range", "bytes \(asked.lowerBound)-\(asked.upperBound)/\(total)"))
        }
        headers.append(("Content-Length", String(range.map { $0.count } ?? 0)))
        guard let range else { return ServerResponse(status: status, headers: headers) }
        return ServerResponse(status: status, headers: headers, body: .stream { write in
            var sent = range.lowerBound
            // Turns in the lane of log readers, each reading on from the block that holds `sent`, until the range
            // is sent or its client backs up (what was read then is written outside the lane).
            while sent <= range.upperBound {
                let from = sent
                let (reached, held) = try await lane.run { try await turn(index, from: from, through: range.upperBound, write: write) }
                if let held { try await write(held) }
                sent = reached
                if held == nil { break }
            }
            // The log said more than it holds (its checkpoints were not counted as its chunks): the connection is
            // closed rather than left short of its Content-Length.
            guard sent > range.upperBound else { throw ServeError(500, "the log holds \(sent) bytes of this step's output, not the \(total) it counts") }
        })
    }

    /// Writes the step's output from byte `start` through `last`, reading from the block that holds `start`,
    /// until all of it is written or the client is backed up (`BodyPressure`): returns the offset past the
    /// bytes read and, in the second case, those of them not written.
    private static func turn(_ index: StepOutputIndex, from start: Int64, through last: Int64, write: ServerResponse.BodyWriter) async throws -> (Int64, [UInt8]?) {
        var chunks = try index.chunks(from: start)
        var turns = ReadTurns()
        var sent = start
        while sent <= last, let (chunkStart, data) = await chunks.next(&turns) {
            let end = chunkStart + Int64(data.count)
            guard end > sent else { continue }
            guard chunkStart <= sent else { break }
            let from = Int(sent - chunkStart), to = Int(min(last + 1, end) - chunkStart)
            sent = chunkStart + Int64(to)
            if let held = try await BodyPressure.writeUnlessBackedUp(Array(data[from..<to]), write) { return (sent, held) }
        }
        return (sent, nil)
    }

    /// What `bytes=A-B`, `bytes=A-` or `bytes=-N` asks of `total` bytes: a last position past the end is
    /// clamped; another unit, several ranges or a spec that does not parse ask for the whole.
    static func byteRange(_ header: String, total: Int64) -> Asked {
        let unitAndSet = header.split(separator: "=", maxSplits: 1)
        guard unitAndSet.count == 2, unitAndSet[0].trimmingCharacters(in: .whitespaces).lowercased() == "bytes" else { return .whole }
        let set = unitAndSet[1].trimmingCharacters(in: .whitespaces)
        let spec = set.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard !set.contains(","), spec.count == 2, spec.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), !(spec[0].isEmpty && spec[1].isEmpty)
        else { return .whole }
        // All digits: a number too big for Int64 is past any end.
        func position(_ digits: Substring) -> Int64 { Int64(digits) ?? .max }
        if spec[0].isEmpty {
            let suffix = position(spec[1])
            guard suffix > 0, total > 0 else { return .unsatisfiable }
            return .part(max(total - suffix, 0)...(total - 1))
        }
        let start = position(spec[0])
        let end = spec[1].isEmpty ? total - 1 : min(position(spec[1]), total - 1)
        guard spec[1].isEmpty || position(spec[1]) >= start else { return .whole }
        guard start < total else { return .unsatisfiable }
        return .part(start...end)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
