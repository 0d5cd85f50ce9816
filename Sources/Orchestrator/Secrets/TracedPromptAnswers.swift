/// The answer to a prompt as `strace` shows it (secrets15 F19): a `write(…, "Password for deploy: ", …)` whose
/// string ends in a colon, then on the next line the `read(0, "X\n", …)` of standard input that answered it. The
/// read's string is what was typed, however the prompt is worded or translated. Found by that shape, so a guess.
enum TracedPromptAnswers {
    private static let stdinRead = Array("read(0, \"".utf8)
    private static let writeCall = Array("write(".utf8)

    /// The answers read after the prompts written in `data`.
    static func ranges(in data: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var from = 0
        while from < data.count, let read = BytePattern.firstIndex(of: stdinRead, in: data, from: from) {
            let start = read + stdinRead.count
            from = start
            var end = start
            while end < data.count, data[end] != 0x22, !SecretPatterns.isLineEnd(data[end]) { end += data[end] == 0x5C ? 2 : 1 }
            end = min(end, data.count)
            // The typed line's end (`\n`) is the terminal's.
            var answerEnd = end
            if answerEnd - start >= 2, data[answerEnd - 2] == 0x5C, data[answerEnd - 1] == 0x6E { answerEnd -= 2 }
            guard answerEnd > start, followsPrompt(data, readLine: lineStart(data, read)) else { continue }
            found.append(start..<answerEnd)
            from = end
        }
        return found
    }

    private static func lineStart(_ data: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        var start = index
        while start > 0, !SecretPatterns.isLineEnd(data[start - 1]) { start -= 1 }
        return start
    }

    /// Whether the line before the one starting at `readLine` wrote a string ending in a colon (ASCII, or full-width as
    /// strace's octal `\357\274\232`).
    private static func followsPrompt(_ data: UnsafeBufferPointer<UInt8>, readLine: Int) -> Bool {
        var end = readLine
        while end > 0, SecretPatterns.isLineEnd(data[end - 1]) { end -= 1 }
        let start = lineStart(data, end)
        guard let call = (start..<end).first(where: { index in index + writeCall.count <= end && data[index..<(index + writeCall.count)].elementsEqual(writeCall) }),
            let open = (call..<end).first(where: { data[$0] == 0x22 })
        else { return false }
        var close = open + 1
        while close < end, data[close] != 0x22 { close += data[close] == 0x5C ? 2 : 1 }
        guard close < end else { return false }
        var last = close
        while last > open + 1, data[last - 1] == 0x20 { last -= 1 }
        let fullWidthColon = Array("\\357\\274\\232".utf8)
        if last - open - 1 >= fullWidthColon.count, data[(last - fullWidthColon.count)..<last].elementsEqual(fullWidthColon) { return true }
        return last > open + 1 && data[last - 1] == 0x3A
    }
}
