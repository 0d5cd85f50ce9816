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
        return (try? JSONDecoder().decode(RecordTopLevel.self, from: json))?.fields
    }
}
