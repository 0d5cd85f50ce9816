/// A query parameter that must be a decimal number: digits only (no sign, no space), fitting in 64 bits.
enum DecimalQuery {
    /// The number `text` spells, or nil when it is anything else.
    static func number(_ text: String) -> UInt64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return UInt64(text)
    }
}
