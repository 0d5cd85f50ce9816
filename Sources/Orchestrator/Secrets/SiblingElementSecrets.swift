/// Credentials in elements beside or around their name (secrets15 F10, F22; secrets11 F8): a credential's name as
/// the text of one element and its value as the text of the next (a property list's `<key>Password</key><string>X</string>`,
/// `plutil -convert xml1`; Hadoop's `<name>fs.s3a.secret.key</name>` then `<value>X</value>`), and an element named for
/// a credential whose text is the lines inside it (OpenVPN's inline `<auth-user-pass>`, a user line and a password line).
extension SecretScan {
    /// The most lines inside an element whose text is its lines.
    private static let elementLinesMax = 4
    /// The most bytes of a tag, and of the space between the two elements.
    private static let elementGapBytesMax = 128

    /// From the end of a credential's name that is an element's text (`…Password` before `</key>`): the next
    /// element's text, when it closes on its line. Whether the name was such an element's text.
    mutating func siblingElementValue(nameEnd: Int) -> Bool {
        guard nameEnd + 1 < count, data[nameEnd] == 0x3C, data[nameEnd + 1] == 0x2F,
            let closeEnd = (nameEnd..<min(count, nameEnd + SecretScan.elementGapBytesMax)).first(where: { data[$0] == 0x3E })
        else { return false }
        nextElementText(from: closeEnd + 1)
        return true
    }

    /// From the end of the element holding a credential's name (or a region's start after it): the text of the element
    /// that follows on its line or the next, when it closes on its line; what has not come yet is waited for.
    mutating func nextElementText(from start: Int) {
        var open = start
        var lineEnds = 0
        while open < count, open - start < SecretScan.elementGapBytesMax, SecretPatterns.isWhitespace(data[open]) {
            if data[open] == 0x0A { lineEnds += 1 }
            open += 1
        }
        guard lineEnds <= 1, open - start < SecretScan.elementGapBytesMax else { return }
        guard open + 1 < count else {
            // The next element has not come (or only its `<`): look again in the next region.
            if open == count || data[open] == 0x3C { pending = .elementText }
            return
        }
        guard data[open] == 0x3C, SecretPatterns.isLetter(data[open + 1]),
            let tagEnd = (open..<min(count, open + SecretScan.elementGapBytesMax)).first(where: { data[$0] == 0x3E || SecretPatterns.isLineEnd(data[$0]) }),
            data[tagEnd] == 0x3E, data[tagEnd - 1] != 0x2F
        else {
            if !(open..<count).contains(where: { data[$0] == 0x3E || SecretPatterns.isLineEnd(data[$0]) }) { pending = .elementText }
            return
        }
        var textEnd = tagEnd + 1
        while textEnd < count, data[textEnd] != 0x3C, !SecretPatterns.isLineEnd(data[textEnd]) { textEnd += 1 }
        let text = (tagEnd + 1)..<textEnd
        let closes = textEnd + 1 < count && data[textEnd] == 0x3C && data[textEnd + 1] == 0x2F
        guard !text.isEmpty, !SecretValueShape.isPlaceholder(data, text) else { return }
        if closes {
            add(text)
        } else if textEnd == count {
            // Cut by the region's end: what has come is the value, and its rest is.
            add(text)
            pending = .continueWord
        }
    }

    /// From the end of a line holding only the opening tag of a credential's element (`<auth-user-pass>`): its lines up to
    /// its closing tag `</name>`, when that comes within `elementLinesMax` lines.
    mutating func elementLines(from start: Int, name: Range<Int>) {
        var lines: [Range<Int>] = []
        var index = start
        while lines.count <= SecretScan.elementLinesMax {
            while index < count, SecretPatterns.isWhitespace(data[index]) { index += 1 }
            var stop = index
            while stop < count, !SecretPatterns.isLineEnd(data[stop]) { stop += 1 }
            guard stop > index else { return }
            var end = stop
            while end > index, SecretPatterns.isSpace(data[end - 1]) { end -= 1 }
            if end - index == name.count + 3, data[index] == 0x3C, data[index + 1] == 0x2F, data[end - 1] == 0x3E,
                data[(index + 2)..<(end - 1)].elementsEqual(data[name])
            {
                for line in lines { add(line) }
                return
            }
            lines.append(index..<end)
            index = stop
        }
    }
}
