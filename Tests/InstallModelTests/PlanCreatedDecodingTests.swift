import Foundation
@testable import InstallModel
import Testing

/// A large `plan_created` decoded one step at a time (trust13 #9) is the event `JSONDecoder` makes of the whole text:
/// for generated plans of every step kind, labels with escapes and characters beyond ASCII, written compact or with
/// white space anywhere JSON allows; a step that does not decode is named by its path as the whole decode names it;
/// a text this does not read plainly is left to `JSONDecoder`.
@Suite struct PlanCreatedDecodingTests {
    /// A plan of `count` steps drawn from every kind, with seeded labels holding quotes, backslashes, braces,
    /// brackets, control characters and non-ASCII text.
    static func plan(steps count: Int, seed: UInt64) -> Plan {
        var generator = SplitMix64(seed: seed)
        let pieces = ["\"", "\\", "{", "}", "[", "]", ",", ":", "\u{1}", "\n", "é", "𝄞", "\u{202E}", " ", "steps", "\"steps\":[]", "x"]
        let kinds = EventSamples.everyKindPlan.steps
        var steps: [Step] = []
        for index in 0..<count {
            var step = kinds[Int(generator.next() % UInt64(kinds.count))]
            step.id = StepID("s\(index)")
            step.label = (0..<Int(generator.next() % 12)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            step.dependsOn = index == 0 ? [] : [StepID("s\(Int(generator.next() % UInt64(index)))")]
            steps.append(step)
        }
        var plan = EventSamples.everyKindPlan
        plan.id = PlanID("p-\(String(format: "%012x", seed))")
        plan.steps = steps
        return plan
    }

    /// `json` with white space added after every structural byte outside strings (what a pretty-printer may write).
    static func spaced(_ json: Data, seed: UInt64) -> Data {
        var generator = SplitMix64(seed: seed)
        var out = Data()
        var inString = false
        var escaped = false
        for byte in json {
            out.append(byte)
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            if byte == UInt8(ascii: "\"") { inString = true; continue }
            if "{}[],:".utf8.contains(byte) {
                out.append(contentsOf: Array(" \n\t\r".utf8).prefix(Int(generator.next() % 5)))
            }
        }
        return out
    }

    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func stepByStepIsWhatTheWholeDecodeMakes(seed: UInt64) throws {
        let event = Event(sequence: 1, time: Timestamp(microseconds: 5), body: .planCreated(Self.plan(steps: Int(seed) * 40, seed: seed)))
        let compact = try EventJSON.encode(event)
        for json in [compact, Self.spaced(compact, seed: seed)] {
            let whole = try JSONDecoder().decode(Event.self, from: json)
            let bySteps = try json.withUnsafeBytes { raw in try PlanCreatedDecoding.event(raw) }
            #expect(bySteps == whole)
            #expect(bySteps == event)
        }
    }

    @Test func aStepThatDoesNotDecodeIsNamedAsTheWholeDecodeNamesIt() throws {
        var object = try #require(JSONSerialization.jsonObject(with: EventJSON.encode(
            Event(sequence: 1, time: Timestamp(microseconds: 5), body: .planCreated(Self.plan(steps: 30, seed: 3))))) as? [String: Any])
        var plan = try #require(object["plan"] as? [String: Any])
        var steps = try #require(plan["steps"] as? [[String: Any]])
        steps[17]["timeoutSeconds"] = "sixty"
        plan["steps"] = steps
        object["plan"] = plan
        let json = try JSONSerialization.data(withJSONObject: object)
        let reason = Self.wholeReason(json)
        #expect(reason.hasPrefix("at plan.steps[17].timeoutSeconds: "), "\(reason)")
        #expect(throws: EventDecodingError.invalidJSON(reason)) {
            _ = try json.withUnsafeBytes { raw in try PlanCreatedDecoding.event(raw) }
        }
    }

    /// A plan whose text besides its steps is 1 MiB or more (long notes, recorded overlay recipes) decodes, with no
    /// steps, one, or several (review15 R1: its skeleton went back to the step-by-step decode for ever, a stack overflow).
    @Test(arguments: [0, 1, 3])
    func aPlanLargeBesidesItsStepsDecodes(steps: Int) throws {
        var plan = Self.plan(steps: steps, seed: 9)
        plan.notes = [String(repeating: "n\"", count: PlanCreatedDecoding.bytesMin / 2 + 17)]
        let event = Event(sequence: 1, time: Timestamp(microseconds: 5), body: .planCreated(plan))
        #expect(try EventJSON.decode(EventJSON.encode(event)) == event)
    }

    static func wholeReason(_ json: Data) -> String {
        do {
            _ = try JSONDecoder().decode(Event.self, from: json)
            return "decoded"
        } catch {
            return EventJSON.reason(error)
        }
    }

    @Test(arguments: [
        #"{"type":"plan_created","plan":{"steps":[],"steps":[]}}"#,
        #"{"type":"plan_created","type":"plan_created","plan":{"steps":[]}}"#,
        #"{"type":"plan_created","pl\u0061n":{"steps":[]}}"#,
        #"{"type":"step_done","plan":{"steps":[]}}"#,
        #"{"type":"plan_created","plan":{"steps":{}}}"#,
        #"{"type":"plan_created","plan":{"steps":[{"a":"}]}}"#,
        #"[1,2]"#,
    ])
    func aTextNotReadPlainlyIsLeftToTheWholeDecode(json: String) throws {
        let bySteps = try Data(json.utf8).withUnsafeBytes { raw in try PlanCreatedDecoding.event(raw) }
        #expect(bySteps == nil)
    }
}
