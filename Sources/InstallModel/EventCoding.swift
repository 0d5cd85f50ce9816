import Foundation

/// The stored form of an event (Docs/FORMAT.md §7): one log record per event.
///
/// A record's first byte says how the rest is encoded:
/// - `0x01` JSON: the event as one UTF-8 JSON object (the same object as its JSONL line);
/// - `0x02` output chunk, binary, because chunks are most of a log and must decode at memory speed:
///   `seq u64 LE | time i64 LE | stream u8 | flags u8 (bit 0: redacted) | step-id length u16 LE | step id | data`.
/// A record whose tag is unknown decodes as `.unknown` so that newer logs stay foldable.
public enum EventPayload {
    public static let jsonTag: UInt8 = 0x01
    public static let outputChunkTag: UInt8 = 0x02
    /// The event encoding's version, written as `"v"` in every JSON event.
    public static let version = 1
    static let chunkHeaderBytes = 1 + 8 + 8 + 1 + 1 + 2

    public static func encode(_ event: Event) throws -> [UInt8] {
        if case .outputChunk(let step, let stream, let data, let redacted) = event.body {
            return encodeChunk(sequence: event.sequence, time: event.time, step: step, stream: stream, data: data, redacted: redacted)
        }
        var bytes: [UInt8] = [jsonTag]
        bytes.append(contentsOf: try EventJSON.encode(event))
        return bytes
    }

    /// Encodes an output chunk straight from a buffer, without building an `Event` first.
    public static func encodeChunk(
        sequence: UInt64, time: Timestamp, step: StepID, stream: OutputChannel, data: some Collection<UInt8>,
        redacted: Bool
    ) -> [UInt8] {
        let stepBytes = Array(step.rawValue.utf8.prefix(Int(UInt16.max)))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chunkHeaderBytes + stepBytes.count + data.count)
        bytes.append(outputChunkTag)
        withUnsafeBytes(of: sequence.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: time.microseconds.littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(stream == .stdout ? 0 : 1)
        bytes.append(redacted ? 1 : 0)
        withUnsafeBytes(of: UInt16(stepBytes.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: stepBytes)
        bytes.append(contentsOf: data)
        return bytes
    }

    public static func decode(_ bytes: [UInt8]) throws(EventDecodingError) -> Event {
        let result = bytes.withUnsafeBytes { raw in Result { () throws(EventDecodingError) in try decode(raw) } }
        return try result.get()
    }

    public static func decode(_ raw: UnsafeRawBufferPointer) throws(EventDecodingError) -> Event {
        guard let tag = raw.first else { throw .empty }
        switch tag {
        case jsonTag:
            // Read where it lies: a joined `plan_created` (FORMAT §7.9) is megabytes, and a copy doubled it.
            guard let base = raw.baseAddress else { throw .empty }
            return try EventJSON.decode(
                Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base + 1), count: raw.count - 1, deallocator: .none))
        case outputChunkTag:
            return try decodeChunk(raw)
        default:
            guard raw.count >= 17 else { throw .truncated(tag: tag, bytes: raw.count) }
            return Event(
                sequence: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 1, as: UInt64.self)),
                time: Timestamp(microseconds: Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 9, as: Int64.self))),
                body: .unknown(type: "tag-\(tag)"))
        }
    }

    private static func decodeChunk(_ raw: UnsafeRawBufferPointer) throws(EventDecodingError) -> Event {
        guard raw.count >= chunkHeaderBytes else { throw .truncated(tag: outputChunkTag, bytes: raw.count) }
        let sequence = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 1, as: UInt64.self))
        let time = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 9, as: Int64.self))
        let streamByte = raw[17]
        let flags = raw[18]
        let stepCount = Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 19, as: UInt16.self)))
        guard streamByte <= 1, raw.count >= chunkHeaderBytes + stepCount else {
            throw .truncated(tag: outputChunkTag, bytes: raw.count)
        }
        let stepStart = chunkHeaderBytes
        let step = String(decoding: raw[stepStart..<(stepStart + stepCount)], as: UTF8.self)
        let data = Array(raw[(stepStart + stepCount)...])
        return Event(
            sequence: sequence, time: Timestamp(microseconds: time),
            body: .outputChunk(step: StepID(step), stream: streamByte == 0 ? .stdout : .stderr, data: data,
                redacted: flags & 1 != 0))
    }
}

/// Why a stored event could not be decoded.
public enum EventDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case truncated(tag: UInt8, bytes: Int)
    case invalidJSON(String)
    /// The parts of an event stored over several records (`EventParts`) do not join.
    case brokenParts(String)

    public var description: String {
        switch self {
        case .empty: "empty event record"
        case .truncated(let tag, let bytes): "event record with tag \(tag) is too short (\(bytes) bytes)"
        case .invalidJSON(let detail): "event JSON does not decode: \(detail)"
        case .brokenParts(let detail): "event parts do not join: \(detail)"
        }
    }
}

/// The JSON form of events: the JSON log payload and, one per line, the JSONL export.
public enum EventJSON {
    public static func encode(_ event: Event) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(event)
    }

    /// One JSONL line (no trailing newline).
    public static func line(_ event: Event) throws -> String {
        String(decoding: try encode(event), as: UTF8.self)
    }

    public static func decode(_ data: Data) throws(EventDecodingError) -> Event {
        if data.count >= PlanCreatedDecoding.bytesMin {
            let bySteps = data.withUnsafeBytes { raw in Result { () throws(EventDecodingError) in try PlanCreatedDecoding.event(raw) } }
            if let event = try bySteps.get() { return event }
        }
        return try decodeWhole(data)
    }

    /// `data` decoded by `JSONDecoder` in one go, whatever its length (`PlanCreatedDecoding` decodes the plan without
    /// its steps this way: through `decode` a plan of 1 MiB or more besides its steps came back to it for ever).
    static func decodeWhole(_ data: Data) throws(EventDecodingError) -> Event {
        do {
            return try JSONDecoder().decode(Event.self, from: data)
        } catch {
            throw .invalidJSON(reason(error))
        }
    }

    /// One line for why JSON did not decode as an event: not JSON at all, or which field is missing or
    /// wrong, named by its JSON path (`plan.steps[0].action.kind`) and said in words, not in Swift's types.
    static func reason(_ error: any Error, under prefix: String? = nil) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        let where_ = { (context: DecodingError.Context) in
            guard let prefix else { return context.codingPath.isEmpty ? "" : "at " + path(context.codingPath) + ": " }
            let inner = path(context.codingPath)
            return "at " + prefix + (inner.isEmpty || inner.hasPrefix("[") ? inner : "." + inner) + ": "
        }
        let line = { (text: String) in text.split(whereSeparator: \.isNewline).joined(separator: " ") }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty && prefix == nil: return "not valid JSON"
        case .keyNotFound(let key, let context): return where_(context) + "no field '\(key.stringValue)'"
        case .typeMismatch(let type, let context): return where_(context) + "expected \(kind(of: type))"
        case .dataCorrupted(let context):
            // Foundation says "Cannot initialize T from invalid String value V": the value, not the type, is news.
            if let value = context.debugDescription.range(of: " value ", options: .backwards), context.debugDescription.contains("invalid") {
                return where_(context) + "'\(context.debugDescription[value.upperBound...])' is not a value this field takes"
            }
            return where_(context) + line(context.debugDescription)
        case .valueNotFound(let type, let context): return where_(context) + "expected \(kind(of: type)), found null"
        @unknown default: return line(String(describing: error))
        }
    }

    /// A coding path as JSON names it: keys joined by dots, array positions in brackets.
    private static func path(_ keys: [any CodingKey]) -> String {
        keys.enumerated().map { offset, key in
            if let index = key.intValue { "[\(index)]" } else { offset == 0 ? key.stringValue : "." + key.stringValue }
        }.joined()
    }

    /// What JSON value a Swift type wants, in JSON's words.
    private static func kind(of type: Any.Type) -> String {
        switch type {
        case is any BinaryInteger.Type: "a whole number"
        case is any BinaryFloatingPoint.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        default: "another kind of value"
        }
    }

    public static func decode(line: String) throws(EventDecodingError) -> Event { try decode(Data(line.utf8)) }
}

extension Event: Codable {
    private enum Keys: String, CodingKey {
        case v, seq, time, type
        case plan, step, attempt, command, argv, stream, text, base64, redacted
        case exitCode = "exit_code", durationMicros = "duration_us", note, reason, detail, skip, kind, signal
        case diagnosis, remediations, chainDepth = "chain_depth", remediation, newSteps = "new_steps", retriedAs = "retried_as"
        case adjustment, outputOrder = "output_order", timedOut = "timed_out"
        case message, cause, acknowledged, succeeded, state, pid, pidStartTicks = "pid_start_ticks", change, file
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(EventPayload.version, forKey: .v)
        try c.encode(sequence, forKey: .seq)
        try c.encode(time, forKey: .time)
        try c.encode(body.typeName, forKey: .type)
        try c.encodeIfPresent(body.stepID, forKey: .step)
        switch body {
        case .planCreated(let plan): try c.encode(plan, forKey: .plan)
        case .planStarted, .planDone, .unknown, .rollbackStarted: break
        case .stepStarted(_, let attempt, let command, let adjustment):
            try c.encode(attempt, forKey: .attempt)
            try c.encode(command, forKey: .command)
            try c.encodeIfPresent(adjustment, forKey: .adjustment)
        case .outputChunk(_, let stream, let data, let redacted):
            try c.encode(stream, forKey: .stream)
            try c.encode(redacted, forKey: .redacted)
            if let text = String(validating: data, as: UTF8.self) {
                try c.encode(text, forKey: .text)
            } else {
                try c.encode(Data(data).base64EncodedString(), forKey: .base64)
            }
        case .commandStarted(_, let argv, let process):
            try c.encode(argv, forKey: .argv)
            try c.encodeIfPresent(process?.pid, forKey: .pid)
            try c.encodeIfPresent(process?.startTicks, forKey: .pidStartTicks)
        case .commandFinished(_, let exitCode, let outputOrder, let timedOut):
            try c.encode(exitCode, forKey: .exitCode)
            try c.encodeIfPresent(outputOrder, forKey: .outputOrder)
            try c.encodeIfPresent(timedOut, forKey: .timedOut)
        case .stepDone(_, let exitCode, let duration, let note):
            try c.encode(exitCode, forKey: .exitCode)
            try c.encode(duration, forKey: .durationMicros)
            try c.encodeIfPresent(note, forKey: .note)
        case .stepFailed(_, let cause, let duration):
            try c.encodeIfPresent(cause.exitCode, forKey: .exitCode)
            try c.encodeIfPresent(cause.signal, forKey: .signal)
            try c.encodeIfPresent(cause.kind, forKey: .kind)
            try c.encode(cause.message, forKey: .reason)
            try c.encode(duration, forKey: .durationMicros)
        case .stepSkipped(_, let reason, let detail):
            try c.encode(reason, forKey: .skip)
            try c.encode(detail, forKey: .detail)
        case .stepRetry(_, let reason), .planFailed(let reason), .planCancelled(let reason):
            try c.encode(reason, forKey: .reason)
        case .failureAnalysed(_, let diagnosis): try c.encode(diagnosis, forKey: .diagnosis)
        case .remediationProposed(_, let remediations, let depth):
            try c.encode(remediations, forKey: .remediations)
            try c.encode(depth, forKey: .chainDepth)
        case .remediationAccepted(_, let id): try c.encode(id, forKey: .remediation)
        case .remediationApplied(_, let id, let newSteps, let retriedAs):
            try c.encode(id, forKey: .remediation)
            try c.encode(newSteps, forKey: .newSteps)
            try c.encodeIfPresent(retriedAs, forKey: .retriedAs)
        case .planPaused(let reason, _, let message):
            try c.encode(reason, forKey: .reason)
            try c.encode(message, forKey: .message)
        case .planInterrupted(let cause): try c.encode(cause, forKey: .cause)
        case .planResumed(let acknowledged): try c.encode(acknowledged, forKey: .acknowledged)
        case .rollbackDone(_, let succeeded): try c.encode(succeeded, forKey: .succeeded)
        case .packageSetChanged(_, let change): try c.encode(change, forKey: .change)
        case .fileInstalled(_, let file): try c.encode(file, forKey: .file)
        case .checkpoint(let state): try c.encode(state, forKey: .state)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        sequence = try c.decode(UInt64.self, forKey: .seq)
        time = try c.decode(Timestamp.self, forKey: .time)
        let type = try c.decode(String.self, forKey: .type)
        // An event written by a newer encoding version may have changed its fields: skip it as unknown
        // rather than misread it or call the record corrupt (Docs/FORMAT.md §7, version rules).
        let version = try c.decodeIfPresent(Int.self, forKey: .v) ?? EventPayload.version
        guard version <= EventPayload.version else {
            body = .unknown(type: type)
            return
        }
        func step() throws -> StepID { try c.decode(StepID.self, forKey: .step) }
        switch type {
        case "plan_created": body = .planCreated(try c.decode(Plan.self, forKey: .plan))
        case "plan_started": body = .planStarted
        case "step_started":
            body = .stepStarted(
                step: try step(), attempt: try c.decode(Int.self, forKey: .attempt),
                command: try c.decodeIfPresent([String].self, forKey: .command) ?? [],
                adjustment: try c.decodeIfPresent(StepAdjustment.self, forKey: .adjustment))
        case "output_chunk":
            let data: [UInt8]
            if let text = try c.decodeIfPresent(String.self, forKey: .text) {
                data = Array(text.utf8)
            } else {
                let encoded = try c.decode(String.self, forKey: .base64)
                guard let decoded = Data(base64Encoded: encoded) else {
                    throw DecodingError.dataCorruptedError(forKey: .base64, in: c, debugDescription: "not base64")
                }
                data = Array(decoded)
            }
            body = .outputChunk(
                step: try step(), stream: try c.decode(OutputChannel.self, forKey: .stream), data: data,
                redacted: try c.decodeIfPresent(Bool.self, forKey: .redacted) ?? false)
        case "command_started":
            let pid = try c.decodeIfPresent(Int32.self, forKey: .pid)
            let process = try pid.map { ProcessIdentity(pid: $0, startTicks: try c.decodeIfPresent(UInt64.self, forKey: .pidStartTicks)) }
            body = .commandStarted(step: try step(), argv: try c.decode([String].self, forKey: .argv), process: process)
        case "command_finished":
            body = .commandFinished(
                step: try step(), exitCode: try c.decode(Int32.self, forKey: .exitCode),
                outputOrder: try c.decodeIfPresent(String.self, forKey: .outputOrder),
                timedOut: try c.decodeIfPresent(Bool.self, forKey: .timedOut))
        case "step_done":
            body = .stepDone(
                step: try step(), exitCode: try c.decode(Int32.self, forKey: .exitCode),
                durationMicros: try c.decode(Int64.self, forKey: .durationMicros),
                note: try c.decodeIfPresent(String.self, forKey: .note))
        case "step_failed":
            let exitCode = try c.decodeIfPresent(Int32.self, forKey: .exitCode)
            let reason = try c.decode(String.self, forKey: .reason)
            let signal = try c.decodeIfPresent(Int32.self, forKey: .signal)
            var cause = FailureCause(
                kind: try c.decodeIfPresent(FailureKind.self, forKey: .kind), exitCode: exitCode, signal: signal, message: reason)
            // A log from before the typed cause (no `kind` key) may still name its kind in the reason.
            if !c.contains(.kind) { cause = .legacy(reason: reason, exitCode: exitCode, signal: signal) }
            body = .stepFailed(step: try step(), cause: cause, durationMicros: try c.decode(Int64.self, forKey: .durationMicros))
        case "step_skipped":
            body = .stepSkipped(
                step: try step(), reason: try c.decode(SkipReason.self, forKey: .skip),
                detail: try c.decode(String.self, forKey: .detail))
        case "step_retry": body = .stepRetry(step: try step(), reason: try c.decode(String.self, forKey: .reason))
        case "failure_analysed":
            body = .failureAnalysed(step: try step(), diagnosis: try c.decode(Diagnosis.self, forKey: .diagnosis))
        case "remediation_proposed":
            body = .remediationProposed(
                step: try step(), remediations: try c.decode([Remediation].self, forKey: .remediations),
                chainDepth: try c.decode(Int.self, forKey: .chainDepth))
        case "remediation_accepted":
            body = .remediationAccepted(step: try step(), remediationID: try c.decode(String.self, forKey: .remediation))
        case "remediation_applied":
            body = .remediationApplied(
                step: try step(), remediationID: try c.decode(String.self, forKey: .remediation),
                newSteps: try c.decode([Step].self, forKey: .newSteps),
                retriedAs: try c.decodeIfPresent(Step.self, forKey: .retriedAs))
        case "plan_paused":
            body = .planPaused(
                reason: try c.decode(PauseReason.self, forKey: .reason), step: try step(),
                message: try c.decode(String.self, forKey: .message))
        case "plan_interrupted": body = .planInterrupted(cause: try c.decode(InterruptionCause.self, forKey: .cause))
        case "plan_resumed": body = .planResumed(acknowledged: try c.decode(Bool.self, forKey: .acknowledged))
        case "rollback_started": body = .rollbackStarted(step: try step())
        case "rollback_done":
            body = .rollbackDone(step: try step(), succeeded: try c.decode(Bool.self, forKey: .succeeded))
        case "package_set_changed":
            body = .packageSetChanged(step: try step(), change: try c.decode(PackageSetChange.self, forKey: .change))
        case "file_installed": body = .fileInstalled(step: try step(), file: try c.decode(InstalledFile.self, forKey: .file))
        case "plan_done": body = .planDone
        case "plan_failed": body = .planFailed(reason: try c.decode(String.self, forKey: .reason))
        case "plan_cancelled": body = .planCancelled(reason: try c.decode(String.self, forKey: .reason))
        case "checkpoint": body = .checkpoint(try c.decode(PlanState.self, forKey: .state))
        default: body = .unknown(type: type)
        }
    }
}
