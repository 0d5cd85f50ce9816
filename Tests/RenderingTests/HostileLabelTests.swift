import Foundation
import InstallModel
import Rendering
import Testing

/// Every string a log supplies — ids, labels, argv, reasons, notes, messages, tools, diagnosis and
/// remediation text — reaches the screen through `NeutralText`: the fixture logs with every string
/// field of every event (output chunks aside: output keeps its terminal rendering) made hostile by a
/// seed, through every renderer and report, give no character that acts instead of showing.
@Suite("hostile labels")
struct HostileLabelTests {
    /// Every scalar `NeutralText` must escape: C0, DEL, C1, the bidirectional controls, U+2028/U+2029.
    static let acting: [Unicode.Scalar] = (Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F) + [0x061C, 0x200E, 0x200F]
        + Array(0x202A...0x202E) + Array(0x2066...0x2069) + [0x2028, 0x2029, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF])
        .compactMap(Unicode.Scalar.init)

    /// A string of printable text and acting scalars, drawn from `generator`: what an attacker puts in a label.
    static func hostile(using generator: inout SplitMix64) -> String {
        let texts = ["FAKE: plan done ok=true", "]0;PWNED", "[2J", "x", "é", "😀", " "]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 1...12, using: &generator) {
            if Bool.random(using: &generator) {
                scalars.append(acting[Int.random(in: 0..<acting.count, using: &generator)])
            } else {
                scalars.append(contentsOf: texts[Int.random(in: 0..<texts.count, using: &generator)].unicodeScalars)
            }
        }
        return String(scalars)
    }

    /// `events` with a hostile suffix on every string field that still decodes with one (enum values do
    /// not), found by walking each event's JSON; output chunks are left out.
    static func hostileEvents(_ events: [Event], seed: UInt64) throws -> [Event] {
        var generator = SplitMix64(seed: seed)
        return try events.compactMap { event -> Event? in
            if case .outputChunk = event.body { return nil }
            var object = try JSONSerialization.jsonObject(with: try EventJSON.encode(event))
            for (path, text) in strings(in: object, path: []) {
                var trial = object
                set(&trial, path: path[...], to: text + hostile(using: &generator))
                if (try? EventJSON.decode(try JSONSerialization.data(withJSONObject: trial))) != nil { object = trial }
            }
            return try EventJSON.decode(try JSONSerialization.data(withJSONObject: object))
        }
    }

    /// Every string leaf under `node` (but the event's `type`) with its path of keys and indices.
    private static func strings(in node: Any, path: [Any]) -> [(path: [Any], text: String)] {
        if let object = node as? [String: Any] {
            return object.keys.sorted().filter { !(path.isEmpty && $0 == "type") }.flatMap { strings(in: object[$0] as Any, path: path + [$0]) }
        }
        if let array = node as? [Any] { return array.indices.flatMap { strings(in: array[$0], path: path + [$0]) } }
        if let text = node as? String { return [(path, text)] }
        return []
    }

    private static func set(_ node: inout Any, path: ArraySlice<Any>, to value: String) {
        guard let first = path.first else {
            node = value
            return
        }
        if var object = node as? [String: Any], let key = first as? String {
            var child = object[key] as Any
            set(&child, path: path.dropFirst(), to: value)
            object[key] = child
            node = object
        } else if var array = node as? [Any], let index = first as? Int {
            set(&array[index], path: path.dropFirst(), to: value)
            node = array
        }
    }

    /// The acting scalars in `text` other than newline (the renderers' own line ends).
    static func actingScalars(in text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { $0 != "\n" && $0.isEscapedWhenShown }
    }

    /// Everything the read side shows of a log (the JSON trace too: `JSONOutput` escapes what JSON allows raw), uncoloured (`TerminalRenderer`'s own cursor movement removed).
    static func everyView(of events: [Event]) -> [String: String] {
        let timeline = RunTimeline(events: events)
        let style = TextStyle(colored: false)
        let live = FixtureLogs.render(events, with: TerminalRenderer(style: style, columns: 100))
            .replacingOccurrences(of: #"\r\u{1B}\[[0-9]+A\u{1B}\[J"#, with: "", options: .regularExpression)
        return [
            "replay": FixtureLogs.render(events, with: LineRenderer(style: style)),
            "live view": live,
            "what-ran": CommandHistory(timeline).text(style: style),
            "what-failed": FailureReport(timeline).text(style: style),
            "what-up": OpenStepsReport(timeline, status: "running").text(style: style),
            "critical-path": CriticalPath(timeline.state).text(style: style),
            "html": HTMLReport.html(timeline).replacingOccurrences(of: "\t", with: " "),
            "export --trace": (try? TraceExport.json(timeline)) ?? "",
        ]
    }

    @Test(arguments: 0..<24)
    func noReadViewWritesAnActingCharacterFromALog(seed: UInt64) throws {
        for name in FixtureLogs.names {
            let events = try Self.hostileEvents(try FixtureLogs.events(name), seed: seed &* 7919 &+ UInt64(name.count))
            for (view, text) in Self.everyView(of: events) {
                let raw = Self.actingScalars(in: text)
                #expect(raw.isEmpty, "seed \(seed), \(name).evlog, \(view): \(raw.map { String($0.value, radix: 16) })")
            }
        }
    }

    @Test func theHostileLogsCarryTheirEscapesToTheViewsVisibly() throws {
        let events = try Self.hostileEvents(try FixtureLogs.events("failed"), seed: 1)
        let replay = FixtureLogs.render(events, with: LineRenderer(style: TextStyle(colored: false)))
        #expect(replay.contains("FAKE: plan done ok=true") && replay.contains("\\x"), "\(replay.prefix(2000))")
    }

    @Test func everyActingScalarIsEscapedAndEverythingElseKept() {
        let all = String(String.UnicodeScalarView(Self.acting))
        let shown = NeutralText("a" + all + "é😀z").description
        #expect(Self.actingScalars(in: shown).isEmpty && !shown.contains("\n"))
        #expect(shown.hasPrefix("a\\x00\\x01") && shown.hasSuffix("\\u{feff}é😀z"))
        #expect(NeutralText("\u{1B}]0;PWNED\u{07}\r\n\u{9B}2J").description == "\\x1b]0;PWNED\\x07\\r\\n\\x9b2J")
        #expect(NeutralText("apt-get install -y jq").description == "apt-get install -y jq")
        for value: UInt32 in 0x20...0x7E { #expect(!NeutralText.acts(Unicode.Scalar(value)!)) }
    }

    @Test func htmlShowsALabelsControlsEscaped() {
        #expect(HTMLText.escape("a\u{1B}[2J<b>\u{202E}\nz") == "a\\x1b[2J&lt;b&gt;\\u{202e}\nz")
    }
}
