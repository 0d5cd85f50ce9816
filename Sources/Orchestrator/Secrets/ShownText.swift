import CSecretScan

/// Text as a terminal shows it: the bytes it does not show — escape sequences (`ESC [ … m`, `ESC ] … BEL`,
/// `ESC X`), NUL, backspace and the other C0 controls but tab and line ends, DEL — taken out, with where
/// each shown byte came from. A scan of it finds a key an escape was put inside (`pass\e[0mword=X`); its
/// ranges map back over the hidden bytes between.
struct ShownText {
    /// The shown bytes.
    let bytes: [UInt8]
    /// For each shown byte, its index in the original text.
    private let origin: [Int]
    /// The original text's length.
    private let originalCount: Int

    /// The shown text of `data`, or nil when every byte of it is shown (the common case, found by a vector scan).
    init?(stripping data: UnsafeBufferPointer<UInt8>) {
        guard let base = data.baseAddress, evlog_first_invisible(base, data.count) < data.count else { return nil }
        var bytes: [UInt8] = []
        var origin: [Int] = []
        bytes.reserveCapacity(data.count)
        origin.reserveCapacity(data.count)
        var index = 0
        while index < data.count {
            let hidden = ShownText.hiddenLength(data, at: index)
            if hidden > 0 {
                index += hidden
            } else {
                bytes.append(data[index])
                origin.append(index)
                index += 1
            }
        }
        self.bytes = bytes
        self.origin = origin
        originalCount = data.count
    }

    /// The index in the shown text of the first shown byte at or after `original`.
    func shownIndex(of original: Int) -> Int {
        var low = 0, high = origin.count
        while low < high {
            let middle = (low + high) / 2
            if origin[middle] < original { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The original bytes a range of shown bytes spans (hidden bytes inside it too; to the original's
    /// end when it runs to the shown text's end).
    func originalRange(of range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else { return originalCount..<originalCount }
        let upper = range.upperBound == origin.count ? originalCount : origin[range.upperBound - 1] + 1
        return origin[range.lowerBound]..<upper
    }

    /// How many bytes from `index` a terminal does not show (0: the byte is shown).
    private static func hiddenLength(_ data: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = data[index]
        guard (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F else { return 0 }
        guard byte == 0x1B, index + 1 < data.count else { return 1 }
        var end = index + 2
        switch data[index + 1] {
        case 0x5B:
            // CSI: parameter and intermediate bytes, then one final byte.
            while end < data.count, (0x20...0x3F).contains(data[end]) { end += 1 }
            return end < data.count && (0x40...0x7E).contains(data[end]) ? end + 1 - index : end - index
        case 0x5D, 0x50, 0x5F, 0x5E:
            // OSC, DCS, APC, PM: a string up to BEL or ESC \.
            while end < data.count, data[end] != 0x07, data[end] != 0x1B, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
            if end < data.count, data[end] == 0x07 { return end + 1 - index }
            if end + 1 < data.count, data[end] == 0x1B, data[end + 1] == 0x5C { return end + 2 - index }
            return end - index
        default:
            // ESC, intermediate bytes (`ESC ( B`), a final byte.
            end = index + 1
            while end < data.count, (0x20...0x2F).contains(data[end]) { end += 1 }
            return end < data.count && (0x30...0x7E).contains(data[end]) ? end + 1 - index : end - index
        }
    }
}
