import Foundation

/// The top-level scalar fields of a JSON record (`type`, `seq`, `time`, `step`, a seal's fields): all the seal
/// chain reads of an event, taken without building its nested values.
///
/// A `plan_created` of thousands of steps is megabytes of nested JSON; `JSONSerialization` made an object of
/// every value in it (about 35 bytes held per byte of JSON: 100 MB for a 2.8 MB plan, trust13 #9), once for
/// each pass over the log that checks seals. `JSONDecoder` validates the whole text the same way but keeps
/// only these scalars: numbers as `NSNumber`, booleans as `Bool`, strings as `String`; objects, arrays and
/// nulls are left out (no caller reads one).
struct RecordTopLevel: Decodable {
    let fields: [String: Any]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var fields: [String: Any] = [:]
        for key in container.allKeys {
            if let text = try? container.decode(String.self, forKey: key) {
                fields[key.stringValue] = text
            } else if let flag = try? container.decode(Bool.self, forKey: key) {
                fields[key.stringValue] = flag
            } else if let number = try? container.decode(UInt64.self, forKey: key) {
                fields[key.stringValue] = NSNumber(value: number)
            } else if let number = try? container.decode(Int64.self, forKey: key) {
                fields[key.stringValue] = NSNumber(value: number)
            } else if let number = try? container.decode(Double.self, forKey: key) {
                fields[key.stringValue] = NSNumber(value: number)
            }
        }
        self.fields = fields
    }

    /// The fields of a record's JSON payload (tag `0x01`, then the JSON), nil for a binary record or JSON
    /// that is not an object.
    static func fields(of payload: UnsafeRawBufferPointer) -> [String: Any]? {
        guard payload.first == SealRecord.jsonTag, let base = payload.baseAddress else { return nil }
        // The JSON is read where it lies: no copy of a record that may be megabytes.
        let json = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base + 1), count: payload.count - 1, deallocator: .none)
        // A key given twice is read one way here and maybe another elsewhere (a seal's `type` repeated as `plan_failed`
        // would read as an event): such a record is no record of evlog's.
        guard !hasRepeatedKey(UnsafeRawBufferPointer(rebasing: payload[1...])) else { return nil }
        return (try? JSONDecoder().decode(RecordTopLevel.self, from: json))?.fields
    }

    /// Whether the JSON object in `json` names one top-level key twice (keys compared as decoded, escapes and all).
    /// One pass over the bytes; only top-level keys are kept.
    static func hasRepeatedKey(_ json: UnsafeRawBufferPointer) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        var expectKey = false
        var keyStart: Int?
        var keys: Set<String> = []
        for index in json.indices {
            let byte = json[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if let start = keyStart {
                        keyStart = nil
                        let raw = json[start...index]
                        // Plain keys as they are; one with an escape as JSON decodes it (`\u0074ype` is `type`).
                        let key = raw.contains(UInt8(ascii: "\\"))
                            ? try? JSONDecoder().decode(String.self, from: Data(raw)) : String(decoding: raw.dropFirst().dropLast(), as: UTF8.self)
                        guard let key, keys.insert(key).inserted else { return true }
                    }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                if depth == 1, expectKey {
                    keyStart = index
                    expectKey = false
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectKey = depth == 1 && byte == UInt8(ascii: "{")
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 1 { expectKey = true }
            default:
                break
            }
        }
        return false
    }
}
