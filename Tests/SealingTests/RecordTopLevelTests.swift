import Foundation
import InstallModel
@testable import Sealing
import Testing

/// The seal chain reads a record's top-level scalars without building its nested values (trust13 #9: a 2.8 MB
/// `plan_created` took `JSONSerialization` to 100 MB); what it reads is what `JSONSerialization` read.
struct RecordTopLevelTests {
    /// What a generated top-level value is.
    enum Kind { case text, integer, fraction, flag, nested }

    /// A seeded JSON object: top-level strings, integers (negative, and up to UInt64.max), fractions and booleans
    /// (`seq: 1` must stay a number), and nested objects, arrays and nulls the fields leave out.
    static func record(seed: UInt64) -> (object: [String: Any], kinds: [String: Kind]) {
        var random = SplitMix64(seed: seed)
        var (object, kinds): ([String: Any], [String: Kind]) = ([:], [:])
        for key in ["type", "seq", "time", "step", "final", "records", "chain_head", "first", "last"] where random.next() % 4 != 0 {
            switch random.next() % 9 {
            case 0: (object[key], kinds[key]) = ("text \(random.next() % 1000) \"quoted\" \\ ü", .text)
            case 1: (object[key], kinds[key]) = (NSNumber(value: random.next()), .integer)
            case 2: (object[key], kinds[key]) = (NSNumber(value: random.next() % 2), .integer)
            case 3: (object[key], kinds[key]) = (NSNumber(value: -Int64(random.next() % 1_000_000)), .integer)
            case 4: (object[key], kinds[key]) = (NSNumber(value: Double(random.next() % 10_000) / 7), .fraction)
            case 5: (object[key], kinds[key]) = (random.next() % 2 == 0, .flag)
            case 6: (object[key], kinds[key]) = (["nested": ["steps": ["s0", "s1"]], "seq": 9] as [String: Any], .nested)
            case 7: (object[key], kinds[key]) = ([1, "two", ["three": 3]] as [Any], .nested)
            default: (object[key], kinds[key]) = (NSNull(), .nested)
            }
        }
        return (object, kinds)
    }

    @Test(arguments: 1...40 as ClosedRange<UInt64>)
    func theTopLevelScalarsAreThoseJSONSerializationReads(seed: UInt64) throws {
        let (object, kinds) = Self.record(seed: seed)
        let json = try JSONSerialization.data(withJSONObject: object)
        let payload = [SealRecord.jsonTag] + Array(json)
        let whole = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let fields = try #require(payload.withUnsafeBytes { RecordTopLevel.fields(of: $0) })
        let text = String(decoding: json, as: UTF8.self)
        #expect(Set(fields.keys) == Set(kinds.filter { $0.value != .nested }.keys), "\(text)")
        for (key, kind) in kinds {
            switch kind {
            case .text: #expect(fields[key] as? String == whole[key] as? String, "\(key) in \(text)")
            case .flag: #expect(fields[key] as? Bool == whole[key] as? Bool && fields[key] is Bool, "\(key) in \(text)")
            case .integer:
                let number = try #require(fields[key] as? NSNumber, "\(key) in \(text)")
                let expected = try #require(whole[key] as? NSNumber)
                #expect(number.uint64Value == expected.uint64Value && number.int64Value == expected.int64Value, "\(key) in \(text)")
            case .fraction:
                // The two parsers may round the last bit apart; no field the seals read is a fraction.
                let number = try #require(fields[key] as? NSNumber, "\(key) in \(text)")
                let expected = try #require(whole[key] as? NSNumber)
                #expect(abs(number.doubleValue - expected.doubleValue) <= abs(expected.doubleValue) * 1e-12, "\(key) in \(text)")
            case .nested: #expect(fields[key] == nil, "\(key) in \(text)")
            }
        }
    }

    /// A binary record, text that is not JSON and JSON that is not an object have no fields.
    @Test func aRecordThatIsNoJSONObjectHasNoFields() {
        for payload in [[SealRecord.outputTag, 1, 2], [SealRecord.jsonTag] + Array("{\"seq\":".utf8), [SealRecord.jsonTag] + Array("[1,2]".utf8)] {
            #expect(payload.withUnsafeBytes { RecordTopLevel.fields(of: $0) } == nil)
        }
    }

    /// A top-level key given twice, spelled plainly or with an escape, makes the record unreadable to the seal chain;
    /// the same key inside a nested value or a string does not (SealRecordBytesTests' repeated `type`).
    @Test(arguments: 1...20 as ClosedRange<UInt64>)
    func aKeyGivenTwiceAtTheTopIsNoRecord(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let names = ["type", "seq", "time", "step", "records"].shuffled(using: &random)
        let nested = "\"inner\":{\"\(names[0])\":1,\"list\":[{\"\(names[0])\":2}]},\"text\":\"\\\"\(names[0])\\\":3\""
        let once = "{\"\(names[0])\":\"a\",\"\(names[1])\":1,\(nested)}"
        let spelled = Bool.random(using: &random) ? names[0] : names[0].unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined()
        let twice = "{\"\(names[0])\":\"a\",\(nested),\"\(spelled)\":\"b\"}"
        for (json, repeated) in [(once, false), (twice, true)] {
            let payload = [SealRecord.jsonTag] + Array(json.utf8)
            #expect(payload.withUnsafeBytes { RecordTopLevel.hasRepeatedKey(UnsafeRawBufferPointer(rebasing: $0[1...])) } == repeated, "\(json)")
            #expect((payload.withUnsafeBytes { RecordTopLevel.fields(of: $0) } == nil) == repeated, "\(json)")
        }
    }
}
