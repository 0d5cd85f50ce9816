/// The simple commands of a shell script, each as the words the shell would pass to it, read with the POSIX
/// shell's word grammar: blanks split words; `;`, `&`, `|`, `(`, `)`, a backquote, `$(` and a line end split
/// commands; `'…'` is literal, `"…"` keeps `\` before `$`, `` ` ``, `"`, `\`; `\` quotes the next byte outside
/// quotes; `#` starting a word starts a comment; a redirection (`>`, `2>`, `<<<`) takes its target word out of
/// the command (a here-string's is kept apart: it is what the command reads). Each word keeps, for each byte, its offset in the script, so what is found in the words is
/// redacted in the script as written (`ScriptSecrets`).
struct ShellScriptWords {
    /// One word as the shell reads it, and where each of its bytes is in the script.
    struct Word {
        var bytes: [UInt8] = []
        var offsets: [Int] = []
    }

    /// A simple command: its words, whether a `|` sends its output into the next, and a here-string's word (`<<< X`).
    struct Command {
        var words: [Word] = []
        var pipesIntoNext = false
        var hereString: Word?
    }

    private(set) var commands: [Command] = []
    private var command = Command()
    private var word = Word()
    private var inWord = false
    /// The redirection operator whose target the next word is (`>`, `<<<`).
    private var redirection: [UInt8]?
    /// A here-document's delimiter, whose body starts after the line's end.
    private var hereDocument: [UInt8]?

    /// The commands of `script[range]`.
    init(_ script: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let byte = script[index]
            switch byte {
            case 0x20, 0x09:
                endWord()
            case 0x7C:
                let piped = index + 1 >= end || script[index + 1] != 0x7C
                if !piped { index += 1 }
                endCommand(piped: piped)
            case 0x0A:
                endWord()
                if hereDocument != nil { index = hereDocumentBody(script, from: index + 1, end: end) - 1 }
                endCommand()
            case 0x0D, 0x3B, 0x26, 0x28, 0x29, 0x60:
                endCommand()
            case 0x3C, 0x3E:
                // `2>file`: the digits before the operator name a descriptor, not a word.
                if inWord, word.bytes.allSatisfy(SecretPatterns.isDigit) { word = Word(); inWord = false }
                endWord()
                var operatorBytes = [byte]
                while index + 1 < end, script[index + 1] == 0x3C || script[index + 1] == 0x3E || script[index + 1] == 0x26 {
                    index += 1
                    operatorBytes.append(script[index])
                }
                redirection = operatorBytes
            case 0x24 where index + 1 < end && script[index + 1] == 0x28:
                endCommand()
                index += 1
            case 0x23 where !inWord:
                while index < end, !SecretPatterns.isLineEnd(script[index]) { index += 1 }
                continue
            case 0x27:
                inWord = true
                index += 1
                while index < end, script[index] != 0x27 { append(script[index], at: index); index += 1 }
            case 0x22:
                inWord = true
                index += 1
                while index < end, script[index] != 0x22 {
                    if script[index] == 0x5C, index + 1 < end, [0x24, 0x60, 0x22, 0x5C].contains(script[index + 1]) { index += 1 }
                    append(script[index], at: index)
                    index += 1
                }
            case 0x5C:
                if index + 1 < end {
                    index += 1
                    if !SecretPatterns.isLineEnd(script[index]) {
                        inWord = true
                        append(script[index], at: index)
                    }
                }
            default:
                inWord = true
                append(byte, at: index)
            }
            index += 1
        }
        endCommand()
    }

    private mutating func append(_ byte: UInt8, at offset: Int) {
        word.bytes.append(byte)
        word.offsets.append(offset)
    }

    private mutating func endWord() {
        guard inWord else { return }
        if let redirection {
            if redirection == ShellScriptWords.hereStringOperator { command.hereString = word }
            if redirection == ShellScriptWords.hereDocumentOperator { hereDocument = Array(word.bytes.drop { $0 == 0x2D }) }
            self.redirection = nil
        } else {
            command.words.append(word)
        }
        word = Word()
        inWord = false
    }

    private static let hereStringOperator = Array("<<<".utf8)
    private static let hereDocumentOperator = Array("<<".utf8)

    /// Takes the lines from `start` up to the delimiter's line as the command's input (`hereString`); returns where
    /// the script goes on (after that line, or at `end`).
    private mutating func hereDocumentBody(_ script: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        defer { hereDocument = nil }
        var body = Word()
        var line = start
        while line < end {
            var lineEnd = line
            while lineEnd < end, script[lineEnd] != 0x0A { lineEnd += 1 }
            var text = line
            while text < lineEnd, script[text] == 0x09 { text += 1 }
            if script[text..<lineEnd].elementsEqual(hereDocument ?? []) {
                command.hereString = body
                return lineEnd
            }
            for offset in line..<lineEnd {
                body.bytes.append(script[offset])
                body.offsets.append(offset)
            }
            line = lineEnd + 1
        }
        command.hereString = body
        return end
    }

    private mutating func endCommand(piped: Bool = false) {
        endWord()
        redirection = nil
        command.pipesIntoNext = piped
        if !command.words.isEmpty { commands.append(command) }
        command = Command()
    }
}
