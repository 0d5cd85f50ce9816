import Foundation

/// Decodes a large `plan_created` one step at a time (trust13 #9). `JSONDecoder` maps a whole text before it builds
/// a value — for a joined plan of tens of thousands of steps (FORMAT §7.9) a map three times the text, held beside
/// the plan it builds. Here the steps array is found by its structure (`JSONSpans`), the event is decoded with the
/// array left empty, and each step is decoded alone, so a map is never larger than one step's. What `JSONDecoder`
/// would make of the text is what this makes; anything this does not read plainly (a key written with escapes or
/// given twice, no steps array) is left to `JSONDecoder` whole.
enum PlanCreatedDecoding {
    /// Texts at least this long are decoded by steps; shorter ones whole (their map is small).
    static let bytesMin = 1 << 20

    /// The event `json` holds, decoded by steps, or nil when it is not a `plan_created` read plainly here (the caller
    /// then decodes it whole). Throws what decoding a step found, named by its path (`plan.steps[7].…`).
    static func event(_ json: UnsafeRawBufferPointer) throws(EventDecodingError) -> Event? {
        let spans = JSONSpans(bytes: json)
        let start = spans.skippingWhitespace(0)
        guard let top = spans.members(ofObjectAt: start), let type = only("type", in: top, spans),
              spans.bytes[type.value].elementsEqual("\"plan_created\"".utf8), let plan = only("plan", in: top, spans),
              let planMembers = spans.members(ofObjectAt: plan.value.lowerBound), let steps = only("steps", in: planMembers, spans),
              let elements = spans.elements(ofArrayAt: steps.value.lowerBound)
        else { return nil }
        var skeleton = Data(capacity: json.count - steps.value.count + 2)
        skeleton.append(contentsOf: json[..<steps.value.lowerBound])
        skeleton.append(contentsOf: "[]".utf8)
        skeleton.append(contentsOf: json[steps.value.upperBound...])
        let event = try EventJSON.decodeWhole(skeleton)
        guard case .planCreated(var decoded) = event.body else { return event }
        let decoder = JSONDecoder()
        decoded.steps.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            let bytes = UnsafeRawBufferPointer(rebasing: json[element])
            guard let base = bytes.baseAddress else { return nil }
            do {
                let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none)
                decoded.steps.append(try decoder.decode(Step.self, from: data))
            } catch {
                throw .invalidJSON(EventJSON.reason(error, under: "plan.steps[\(index)]"))
            }
        }
        return Event(sequence: event.sequence, time: event.time, body: .planCreated(decoded))
    }

    /// The one member named `key` (written without escapes), nil when there is none, or more than one, or a key of
    /// the object is written with escapes (which could spell `key`).
    private static func only(_ key: String, in members: [JSONSpans.Member], _ spans: JSONSpans) -> JSONSpans.Member? {
        guard !members.contains(where: { spans.bytes[$0.key].contains(UInt8(ascii: "\\")) }) else { return nil }
        let named = members.filter { spans.bytes[$0.key].elementsEqual(key.utf8) }
        return named.count == 1 ? named[0] : nil
    }
}
