/// Which of many byte strings (a registered secret's whole forms, `RegisteredSecrets`) may occur in a
/// chunk, found in one pass: every form of 4 bytes or more is known by its first 4 bytes, and a chunk
/// where no 4-byte window is one of them needs no search for that form at all. Most output chunks
/// hold none, so the per-form searches (a `memchr` pass each, 16 forms a secret) are skipped.
///
/// The pass looks each byte pair up in a 64 Ki-bit table of the forms' first two bytes (no hashing),
/// and only a hit compares the 4-byte window with the forms' openings. Shorter forms are always candidates.
struct FormPrefilter: Sendable {
    private static let gramBytes = 4
    /// Bit `first | second << 8` is set when some form opens with those two bytes.
    private let pairs: [UInt64]
    /// Each opening (4 bytes, little-endian) and the indexes of the forms that start with it.
    private let openings: [UInt32: [Int]]
    /// The forms too short for an opening: searched for in every chunk.
    private let short: [Int]
    private let formCount: Int

    init(_ forms: [[UInt8]]) {
        var pairs = [UInt64](repeating: 0, count: 65536 / 64)
        var openings: [UInt32: [Int]] = [:]
        var short: [Int] = []
        for (index, form) in forms.enumerated() {
            guard form.count >= FormPrefilter.gramBytes else {
                short.append(index)
                continue
            }
            let pair = Int(form[0]) | Int(form[1]) << 8
            pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            openings[FormPrefilter.opening(form, at: 0), default: []].append(index)
        }
        self.pairs = pairs
        self.openings = openings
        self.short = short
        formCount = forms.count
    }

    private static func opening(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32 {
        UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
    }

    private static func opening(_ bytes: [UInt8], at index: Int) -> UInt32 {
        bytes.withUnsafeBufferPointer { opening($0, at: index) }
    }

    /// For each form (by index), whether it may occur in `data`: its opening does, or it has none.
    func candidates(in data: [UInt8]) -> [Bool] {
        var found = [Bool](repeating: false, count: formCount)
        for index in short { found[index] = true }
        guard !openings.isEmpty, data.count >= FormPrefilter.gramBytes else { return found }
        data.withUnsafeBufferPointer { bytes in
            pairs.withUnsafeBufferPointer { table in
                for index in 0...(bytes.count - FormPrefilter.gramBytes) {
                    let pair = Int(bytes[index]) | Int(bytes[index + 1]) << 8
                    guard table[pair >> 6] & (1 << UInt64(pair & 63)) != 0,
                        let forms = openings[FormPrefilter.opening(bytes, at: index)]
                    else { continue }
                    for form in forms { found[form] = true }
                }
            }
        }
        return found
    }
}
