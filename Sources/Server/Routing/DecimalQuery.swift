import Rendering

/// A query parameter that must be a decimal number: digits only (no sign, no space), fitting in 64 bits.
enum DecimalQuery {
    /// The number `text` spells, or nil when it is anything else.
    static func number(_ text: String) -> UInt64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return UInt64(text)
    }

    /// A page number, counted from 1 as every pager of the server counts (`?steps=`, search's `?page=`), or a
    /// 400 naming the parameter `name` (`?page=`).
    static func page(_ text: String, name: String) throws -> UInt64 {
        guard let number = number(text), number >= 1 else { throw ServeError(400, "\(name) must be a page number from 1, not \(NeutralText(text.prefix(40)))") }
        return number
    }
}
