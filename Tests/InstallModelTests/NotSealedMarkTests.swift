import Foundation
import InstallModel
import Testing

/// review15 R8: the `not_sealed` mark of an imported line is read from its top-level members by their structure, and a
/// mark that is not one of the reasons an export writes — a number, `null`, a list, an object, another string — or one
/// given twice is refused, never read as no mark. A key or value written with escapes reads as `JSONDecoder` reads it.
@Suite struct NotSealedMarkTests {
    /// An exported line of a `step_done` with `members` added last.
    static func line(_ members: String...) -> Data {
        Data((#"{"seq":9,"step":"s","time":1,"type":"step_done","v":1,"note":{"not_sealed":1},"text":"\"not_sealed\":2""#
            + members.map { "," + $0 }.joined() + "}").utf8)
    }

    /// Values no export writes, generated from the kinds of JSON value and strings near the listed reasons.
    static let refusedValues: [String] = {
        let strings = NotSealedMark.reasons.flatMap { [$0.uppercased(), $0 + " ", String($0.dropLast()), $0.replacingOccurrences(of: "_", with: "-")] }
            .filter { !NotSealedMark.reasons.contains($0) } + ["", "sealed", "\u{1b}[2J"]
        let encoded = strings.map { String(decoding: try! JSONEncoder().encode($0), as: UTF8.self) }
        return encoded + ["0", "1", "-1.5e3", "null", "true", "false", "[]", #"["seal_broken"]"#, "{}", #"{"why":"seal_broken"}"#]
    }()

    @Test func everyReasonAnExportWritesIsRead() {
        for why in NotSealedMark.reasons {
            #expect(NotSealedMark.reason(ofLine: Self.line(#""not_sealed":"\#(why)""#)) == .success(why))
            // Written with escapes, as JSON allows: the same reason.
            let escaped = why.replacingOccurrences(of: "_", with: #"\u005f"#)
            #expect(NotSealedMark.reason(ofLine: Self.line(#""not\u005fsealed" : "\#(escaped)""#)) == .success(why))
        }
    }

    @Test func aLineWithoutATopLevelMarkHasNone() {
        #expect(NotSealedMark.reason(ofLine: Self.line()) == .success(nil))
        #expect(NotSealedMark.reason(ofLine: Self.line(#""not_sealedx":"seal_broken""#)) == .success(nil))
    }

    @Test(arguments: refusedValues)
    func aValueNoExportWritesIsRefused(value: String) {
        guard case .failure(.notAReason(let shown)) = NotSealedMark.reason(ofLine: Self.line(#""not_sealed":\#(value)"#)) else {
            Issue.record("not_sealed \(value) was not refused")
            return
        }
        #expect(shown == String(value.prefix(40)))
    }

    @Test func aMarkGivenTwiceIsRefused() {
        for (first, second) in [("seal_broken", "seal_broken"), ("seal_broken", "forged_tail")] {
            let line = Self.line(#""not_sealed":"\#(first)""#, #""not\u005fsealed":"\#(second)""#)
            #expect(NotSealedMark.reason(ofLine: line) == .failure(.repeated))
        }
    }
}
