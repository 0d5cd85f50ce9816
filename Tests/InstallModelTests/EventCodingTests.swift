import Foundation
import InstallModel
import Testing

@Suite struct EventCodingTests {
    @Test func samplesCoverEveryEventType() {
        let covered = Set(EventSamples.all.map { EventSamples.caseOrdinal($0.body) })
        #expect(covered == Set(0..<EventSamples.caseCount))
    }

    @Test(arguments: EventSamples.all)
    func everyEventRoundTripsThroughItsStoredPayload(_ event: Event) throws {
        let bytes = try EventPayload.encode(event)
        #expect(try EventPayload.decode(bytes) == event)
        let decodedFromBuffer = try bytes.withUnsafeBytes { raw in try EventPayload.decode(raw) }
        #expect(decodedFromBuffer == event)
    }

    @Test(arguments: EventSamples.all)
    func everyEventRoundTripsThroughItsJSONLLine(_ event: Event) throws {
        let line = try EventJSON.line(event)
        #expect(!line.contains("\n"))
        #expect(try EventJSON.decode(line: line) == event)
        #expect(line.hasPrefix("{\""))
        #expect(line.contains("\"type\":\"\(event.body.typeName)\""))
        #expect(line.contains("\"v\":1"))
    }

    /// Every shape of failure cause (a kind or none, an exit code, a signal) reads back as it was written:
    /// a command killed by a signal has no kind, and its signal must survive (a reproduction replays it).
    @Test(arguments: 1...32 as ClosedRange<UInt64>)
    func everyFailureCauseRoundTrips(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let kinds = FailureKind.allCases.filter { $0 != .unknown }
        let cause = FailureCause(
            kind: generator.next() % 2 == 0 ? nil : kinds[Int(generator.next() % UInt64(kinds.count))],
            exitCode: generator.next() % 3 == 0 ? nil : Int32(generator.next() % 256),
            signal: generator.next() % 2 == 0 ? nil : Int32(1 + generator.next() % 31),
            message: "sh was killed by signal \(generator.next() % 31)")
        let event = Event(sequence: seed, time: Timestamp(microseconds: 1), body: .stepFailed(step: "run", cause: cause, durationMicros: 5))
        #expect(try EventPayload.decode(try EventPayload.encode(event)) == event)
        #expect(try EventJSON.decode(line: try EventJSON.line(event)) == event)
    }

    @Test func outputChunksUseTheBinaryTagAndEverythingElseJSON() throws {
        for event in EventSamples.all {
            let bytes = try EventPayload.encode(event)
            if case .outputChunk = event.body {
                #expect(bytes.first == EventPayload.outputChunkTag)
            } else {
                #expect(bytes.first == EventPayload.jsonTag)
                #expect(Array(bytes.dropFirst()) == Array(try EventJSON.encode(event)))
            }
        }
    }

    @Test func outputChunkBinaryLayoutIsPinned() throws {
        let event = Event(
            sequence: 0x0102_0304_0506_0708, time: Timestamp(microseconds: 0x1122_3344_5566_7788),
            body: .outputChunk(step: "ab", stream: .stderr, data: [0xDE, 0xAD], redacted: true))
        let expected: [UInt8] = [
            0x02,
            0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
            0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
            0x01,
            0x01,
            0x02, 0x00,
            0x61, 0x62,
            0xDE, 0xAD,
        ]
        #expect(try EventPayload.encode(event) == expected)
        #expect(try EventPayload.decode(expected) == event)
        let direct = EventPayload.encodeChunk(
            sequence: event.sequence, time: event.time, step: "ab", stream: .stderr, data: [0xDE, 0xAD][...], redacted: true)
        #expect(direct == expected)
    }

    @Test func outputThatIsNotUTF8IsWrittenAsBase64InJSON() throws {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x00, 0x80]
        let event = Event(sequence: 9, time: Timestamp(microseconds: 1), body: .outputChunk(step: "a", stream: .stdout, data: bytes, redacted: false))
        let line = try EventJSON.line(event)
        #expect(line.contains(#""base64":"\#(Data(bytes).base64EncodedString())""#))
        #expect(!line.contains("\"text\""))
        #expect(try EventJSON.decode(line: line) == event)
    }

    @Test func outputThatIsUTF8IsWrittenAsTextInJSON() throws {
        let event = Event(sequence: 9, time: Timestamp(microseconds: 1), body: .outputChunk(step: "a", stream: .stdout, data: Array("ok ✓\n".utf8), redacted: false))
        let line = try EventJSON.line(event)
        #expect(line.contains(#""text":"ok ✓\n""#))
        #expect(!line.contains("base64"))
    }

    @Test func emptyChunkRoundTripsBothWays() throws {
        let event = Event(sequence: 3, time: Timestamp(microseconds: -5), body: .outputChunk(step: "", stream: .stdout, data: [], redacted: false))
        #expect(try EventPayload.decode(EventPayload.encode(event)) == event)
        #expect(try EventJSON.decode(line: EventJSON.line(event)) == event)
        #expect(try EventPayload.encode(event).count == 21)
    }

    @Test func unknownJSONTypeDecodesAsUnknown() throws {
        let line = #"{"v":7,"seq":12,"time":99,"type":"plan_teleported","step":"a","where":{"planet":"mars"}}"#
        let event = try EventJSON.decode(line: line)
        #expect(event == Event(sequence: 12, time: Timestamp(microseconds: 99), body: .unknown(type: "plan_teleported")))
        let stored = try EventPayload.decode([EventPayload.jsonTag] + Array(line.utf8))
        #expect(stored.body == .unknown(type: "plan_teleported"))
    }

    @Test func knownTypeFromANewerEncodingVersionDecodesAsUnknown() throws {
        let line = #"{"v":2,"seq":12,"time":99,"type":"step_done","step":"a","exit":{"code":0}}"#
        #expect(try EventJSON.decode(line: line).body == .unknown(type: "step_done"))
        let current = #"{"v":1,"seq":12,"time":99,"type":"step_done","step":"a","exit_code":3,"duration_us":5}"#
        #expect(try EventJSON.decode(line: current).body == .stepDone(step: "a", exitCode: 3, durationMicros: 5, note: nil))
        let unversioned = #"{"seq":12,"time":99,"type":"plan_started"}"#
        #expect(try EventJSON.decode(line: unversioned).body == .planStarted)
    }

    @Test func unknownBinaryTagDecodesAsUnknownWithItsSequenceAndTime() throws {
        var bytes: [UInt8] = [0x03]
        withUnsafeBytes(of: UInt64(42).littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: Int64(1_000).littleEndian) { bytes.append(contentsOf: $0) }
        bytes += [1, 2, 3]
        let event = try EventPayload.decode(bytes)
        #expect(event == Event(sequence: 42, time: Timestamp(microseconds: 1_000), body: .unknown(type: "tag-3")))
        var state = EventScript(plan: Fixtures.plan([Fixtures.command("a")])).state
        state.apply(event)
        #expect(state.unknownEventCount == 1)
        #expect(state.lastSequence == 42)
    }

    @Test func unknownBinaryTagTooShortForItsHeaderThrows() {
        #expect(throws: EventDecodingError.truncated(tag: 0x09, bytes: 16)) {
            try EventPayload.decode([0x09] + [UInt8](repeating: 0, count: 15))
        }
    }

    @Test func emptyPayloadThrows() {
        #expect(throws: EventDecodingError.empty) { try EventPayload.decode([]) }
    }

    @Test func chunkShorterThanItsHeaderOrStepIDThrows() throws {
        let full = EventPayload.encodeChunk(
            sequence: 1, time: Timestamp(microseconds: 2), step: "step", stream: .stdout, data: [1, 2, 3], redacted: false)
        // Header is 21 bytes and the step id 4: anything shorter than 25 cannot hold them.
        for count in 1..<25 {
            #expect(throws: EventDecodingError.truncated(tag: 0x02, bytes: count)) {
                try EventPayload.decode(Array(full.prefix(count)))
            }
        }
        // The data has no length of its own (the log record's length bounds it), so a shorter record
        // still decodes, with less data: Docs/FORMAT.md §7 says why.
        let short = try EventPayload.decode(Array(full.prefix(26)))
        #expect(short.body == .outputChunk(step: "step", stream: .stdout, data: [1], redacted: false))
    }

    @Test func chunkWithAnUnknownStreamThrows() {
        var bytes = EventPayload.encodeChunk(
            sequence: 1, time: Timestamp(microseconds: 2), step: "s", stream: .stdout, data: [], redacted: false)
        bytes[17] = 2
        #expect(throws: EventDecodingError.self) { try EventPayload.decode(bytes) }
    }

    @Test func jsonMissingARequiredFieldThrows() {
        let lines = [
            #"{"v":1,"seq":1,"time":1,"type":"step_done","step":"a","exit_code":0}"#,
            #"{"v":1,"time":1,"type":"plan_started"}"#,
            #"{"v":1,"seq":1,"time":1}"#,
            #"{"v":1,"seq":1,"time":1,"type":"output_chunk","step":"a","stream":"stdout","base64":"%%%"}"#,
            #"{"v":1,"seq":1,"time":1,"type":"output_chunk","step":"a","stream":"stdin","text":""}"#,
            #"{"v":1,"seq":-1,"time":1,"type":"plan_started"}"#,
            "[]", "", "{", "null",
        ]
        for line in lines {
            #expect(throws: EventDecodingError.self, "\(line)") { try EventJSON.decode(line: line) }
        }
    }

    @Test func randomBytesNeverTrapTheDecoder() {
        var rng = SplitMix64(seed: 0xF022)
        var decodedCount = 0
        var state = EventScript(plan: Fixtures.plan([Fixtures.command("a"), Fixtures.packages("b")])).state
        for round in 0..<4_000 {
            let count = round % 10 == 0 ? Int.random(in: 0...600, using: &rng) : Int.random(in: 0...48, using: &rng)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if !bytes.isEmpty, round % 3 != 0 { bytes[0] = round % 3 == 1 ? EventPayload.jsonTag : EventPayload.outputChunkTag }
            do {
                let event = try EventPayload.decode(bytes)
                decodedCount += 1
                state.apply(event)
            } catch {
                // Typed throws: the only thing that may come out is an EventDecodingError.
                _ = error.description
            }
        }
        #expect(decodedCount > 0)
        #expect(state.eventCount == 2 + decodedCount)
    }

    @Test func damagedEncodingsNeverTrapTheDecoderOrTheFold() throws {
        var rng = SplitMix64(seed: 0xDA3A)
        var state = PlanState()
        for event in EventSamples.all {
            let bytes = try EventPayload.encode(event)
            // Every truncation.
            for count in 0...bytes.count {
                if let decoded = try? EventPayload.decode(Array(bytes.prefix(count))) { state.apply(decoded) }
            }
            // Flipped bytes and bytes overwritten with JSON-ish characters.
            for _ in 0..<40 {
                var damaged = bytes
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let index = Int.random(in: 0..<damaged.count, using: &rng)
                    damaged[index] = rng.next() % 2 == 0
                        ? UInt8.random(in: 0...255, using: &rng) : Array(#"{}[]":,0-9e"#.utf8).randomElement(using: &rng) ?? 0
                }
                if let decoded = try? EventPayload.decode(damaged) { state.apply(decoded) }
            }
        }
        #expect(state.eventCount > 0)
        _ = state.readySteps
        _ = state.blockedSteps
        _ = state.elapsedMicros
        _ = state.steps.map(\.durationMicros)
    }

    /// Every event is as large as the largest case; a plan or a state stored inline made each one 456 bytes
    /// and halved the fold's speed (Tools/FoldBenchmark/RESULTS.md).
    @Test func eventsStaySmallSoChunksFoldFast() {
        #expect(MemoryLayout<Event>.stride <= 80)
    }

    @Test func checkpointStateSurvivesItsStoredForm() throws {
        let snapshot = EventSamples.checkpointState
        let event = Event(sequence: 99, time: Timestamp(microseconds: 5), body: .checkpoint(snapshot))
        guard case .checkpoint(let restored) = try EventPayload.decode(EventPayload.encode(event)).body else {
            Issue.record("not a checkpoint")
            return
        }
        #expect(restored == snapshot)
        #expect(restored.readySteps == snapshot.readySteps)
        #expect(restored.graph == snapshot.graph)
        #expect(restored.step("repo_setup-1")?.diagnosis == EventSamples.diagnosis)
    }

    @Test func checkpointOfAPlanThatIsNotADAGKeepsItsError() throws {
        let plan = Fixtures.plan([Fixtures.command("a", dependsOn: ["a"])])
        let snapshot = EventScript(plan: plan).state
        #expect(snapshot.planError == .cycle(["a"]))
        let event = Event(sequence: 3, time: Timestamp(microseconds: 5), body: .checkpoint(snapshot))
        #expect(try EventJSON.decode(line: EventJSON.line(event)) == event)
    }

    @Test func checkpointWhoseStepsDoNotMatchItsPlanIsRejected() throws {
        let snapshot = EventScript(plan: Fixtures.plan([Fixtures.command("a")])).state
        let line = try EventJSON.line(Event(sequence: 3, time: Timestamp(microseconds: 5), body: .checkpoint(snapshot)))
        let broken = line.replacingOccurrences(of: #""steps":[{"#, with: #""steps":[{"acceptedRemediations":[],"attempt":0,"id":"x","proposedRemediations":[],"remediationChainDepth":0,"status":"pending","stderrBytes":0,"stdoutBytes":0},{"#)
        #expect(broken != line)
        #expect(throws: EventDecodingError.self) { try EventJSON.decode(line: broken) }
    }
}

@Suite struct FailureCauseCodingTests {
    @Test func aKnownCauseRoundTripsWithItsKindAndSignal() throws {
        let cause = FailureCause(kind: .stepTimeout, exitCode: 137, signal: 9, message: "make ran past its timeout")
        let event = Event(sequence: 3, time: Timestamp(microseconds: 7), body: .stepFailed(step: "build", cause: cause, durationMicros: 5))
        #expect(try EventPayload.decode(EventPayload.encode(event)) == event)
    }

    @Test func aReasonFromBeforeTheTypedCauseKeepsItsKind() throws {
        let line = #"{"v":1,"seq":4,"time":9,"type":"step_failed","step":"dl","exit_code":null,"reason":"checksum-mismatch: x has sha256 b, expected a","duration_us":3}"#
        guard case .stepFailed(_, let cause, _) = try EventJSON.decode(line: line).body else {
            Issue.record("not a step_failed")
            return
        }
        #expect(cause.kind == .checksumMismatch)
        #expect(cause.message == "x has sha256 b, expected a")
    }

    @Test func aPlainReasonFromBeforeTheTypedCauseStaysUnexplained() throws {
        let line = #"{"v":1,"seq":4,"time":9,"type":"step_failed","step":"dl","exit_code":100,"reason":"apt-get exited with 100","duration_us":3}"#
        guard case .stepFailed(_, let cause, _) = try EventJSON.decode(line: line).body else {
            Issue.record("not a step_failed")
            return
        }
        #expect(cause == FailureCause(exitCode: 100, message: "apt-get exited with 100"))
    }
}

/// Why an imported line is not an event is said in JSON's words: the field's JSON path and what is wrong
/// with its value, never Swift's type names or "Index 0".
@Suite struct EventDecodingReasonTests {
    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func aWrongValueIsNamedByItsJSONPath(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let word = "martian\(generator.next() % 1000)"
        let stream = #"{"seq":5,"step":"run","stream":"\#(word)","text":"hi","time":1,"type":"output_chunk"}"#
        let number = #"{"exit_code":"\#(word)","seq":5,"step":"run","time":1,"type":"command_finished"}"#
        let (line, expected) = generator.next() % 2 == 0
            ? (stream, "at stream: '\(word)' is not a value this field takes")
            : (number, "at exit_code: expected a whole number")
        #expect {
            _ = try EventJSON.decode(line: line)
        } throws: { error in
            "\(error)".contains(expected) && !"\(error)".contains("Cannot initialize") && !"\(error)".contains("Int32")
        }
    }
}
