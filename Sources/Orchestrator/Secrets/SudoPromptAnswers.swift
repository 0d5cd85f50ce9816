import Foundation

/// The answer echoed after sudo's prompt, in whatever language sudo asks (secrets15 F23): sudo's prompt is
/// `[sudo] ` and a translated sentence ending in a colon (`[sudo] пароль для deploy:`, `[sudo] deploy 的密码：`,
/// `[sudo] mot de passe de deploy :`), so the structure, not the word for a password, says what follows is the
/// password. When no terminal hides the answer (a pipe, `expect` logs, `script` transcripts) it is the one
/// word after the colon that ends its line. Found by the prompt's shape, so a guess (never learned).
enum SudoPromptAnswers {
    private static let prompt = Array("[sudo] ".utf8)
    /// The most bytes of a prompt's sentence before its colon.
    private static let sentenceBytesMax = 160

    /// The answers after the sudo prompts in `data`.
    static func ranges(in data: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var found: [Range<Int>] = []
        guard let base = data.baseAddress else { return found }
        var index = 0
        while index < data.count, let hit = memchr(base + index, 0x5B, data.count - index) {
            let open = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            index = open + 1
            guard open + prompt.count <= data.count, data[open..<(open + prompt.count)].elementsEqual(prompt),
                let answer = answer(in: data, after: open + prompt.count)
            else { continue }
            found.append(answer)
            index = answer.upperBound
        }
        return found
    }

    /// The one word after the sentence's colon (ASCII `:` or full-width `：`), alone up to the line's end.
    private static func answer(in data: UnsafeBufferPointer<UInt8>, after start: Int) -> Range<Int>? {
        var colon = start
        while colon < data.count, colon - start < sentenceBytesMax, !SecretPatterns.isLineEnd(data[colon]) {
            if data[colon] == 0x3A { break }
            if data[colon] == 0xEF, colon + 2 < data.count, data[colon + 1] == 0xBC, data[colon + 2] == 0x9A {
                colon += 2
                break
            }
            colon += 1
        }
        guard colon < data.count, data[colon] == 0x3A || data[colon] == 0x9A else { return nil }
        var value = colon + 1
        while value < data.count, SecretPatterns.isSpace(data[value]) { value += 1 }
        var end = value
        while end < data.count, !SecretPatterns.isWhitespace(data[end]) { end += 1 }
        var lineEnd = end
        while lineEnd < data.count, SecretPatterns.isSpace(data[lineEnd]) { lineEnd += 1 }
        guard end > value, lineEnd == data.count || SecretPatterns.isLineEnd(data[lineEnd]), !SecretValueShape.isProseWord(data, value..<end) else { return nil }
        return value..<end
    }
}
