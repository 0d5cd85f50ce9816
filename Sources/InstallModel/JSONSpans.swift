/// Where the values of a JSON text lie, found without building them: the byte range of each member of an object
/// and of each element of an array. It checks only structure (strings closed, brackets matched); the values it
/// finds are decoded by `JSONDecoder`, which judges them. Used to decode a large `plan_created` one step at a time
/// (`PlanCreatedDecoding`), so the decoder's map of the whole text is never built.
struct JSONSpans {
    let bytes: UnsafeRawBufferPointer

    /// A member of an object: its key as written (between the quotes, escapes not undone) and its value's range.
    struct Member {
        var key: Range<Int>
        var value: Range<Int>
    }

    /// The members of the object whose `{` is at `start`, or nil when it is not a well-formed object.
    func members(ofObjectAt start: Int) -> [Member]? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { return nil }
        var members: [Member] = []
        var index = skippingWhitespace(start + 1)
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return members }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\""), let keyEnd = stringEnd(from: index) else { return nil }
            let key = (index + 1)..<(keyEnd - 1)
            index = skippingWhitespace(keyEnd)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            let valueStart = skippingWhitespace(index + 1)
            guard let valueEnd = valueEnd(from: valueStart) else { return nil }
            members.append(Member(key: key, value: valueStart..<valueEnd))
            index = skippingWhitespace(valueEnd)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "}") { return members }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index = skippingWhitespace(index + 1)
        }
        return nil
    }

    /// The ranges of the elements of the array whose `[` is at `start`, or nil when it is not a well-formed array.
    func elements(ofArrayAt start: Int) -> [Range<Int>]? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "[") else { return nil }
        var elements: [Range<Int>] = []
        var index = skippingWhitespace(start + 1)
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { return elements }
        while index < bytes.count {
            guard let end = valueEnd(from: index) else { return nil }
            elements.append(index..<end)
            index = skippingWhitespace(end)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "]") { return elements }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index = skippingWhitespace(index + 1)
        }
        return nil
    }

    /// The index after the first non-white-space byte at or after `index` (JSON's four white-space bytes).
    func skippingWhitespace(_ index: Int) -> Int {
        var index = index
        while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
        return index
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func endsLiteral(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
    }

    /// The index after the value starting at `start`, or nil when its strings or brackets do not close.
    func valueEnd(from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""): return stringEnd(from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    guard let end = stringEnd(from: index) else { return nil }
                    index = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            return nil
        default:
            // A number or a literal: up to the next structural byte or white space.
            var index = start
            while index < bytes.count, !Self.isWhitespace(bytes[index]), !Self.endsLiteral(bytes[index]) { index += 1 }
            return index > start ? index : nil
        }
    }

    /// The index after the string whose opening quote is at `start`, or nil when it does not close.
    func stringEnd(from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return nil
    }
}
