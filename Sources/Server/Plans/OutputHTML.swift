import Rendering

/// One line of program output as HTML, drawn as the terminal renderer draws it (`TerminalLine`: `\r`
/// overwrites, controls dropped) with its SGR colours as `<span class="fg3 b">`; text escaped.
enum OutputHTML {
    /// A line that may have been cut (`StepLines`): its shown part after a note saying how much of it came
    /// before, linking to the step's raw output (`raw`) where all of it is. `more` says the line began even
    /// before the output read (a window that starts inside it), so the count is a lower bound.
    static func line(_ line: StepLines.Line, raw: String?, more: Bool = false) -> String {
        guard line.cut > 0 || more else { return self.line(line.bytes) }
        let count = (more ? "more than " : "") + "\(line.cut) bytes"
        let link = raw.map { " · <a href=\"\(HTMLText.escape($0))\">raw download</a>" } ?? ""
        return "<span class=\"cut\" data-bytes=\"\(line.cut)\">… \(count) earlier on this line\(link)</span> " + self.line(line.bytes)
    }

    static func line(_ raw: some Collection<UInt8>) -> String {
        let shown = TerminalLine.render(raw, keepColor: true)
        // Without a colour sequence the line is its text.
        guard shown.contains(0x1B) else { return HTMLText.escape(String(decoding: shown, as: UTF8.self)) }
        var out = ""
        var text: [UInt8] = []
        var style = SGRStyle()
        var open = false
        func flushText() {
            guard !text.isEmpty else { return }
            out += HTMLText.escape(String(decoding: text, as: UTF8.self))
            text.removeAll(keepingCapacity: true)
        }
        var index = 0
        while index < shown.count {
            let byte = shown[index]
            guard byte == 0x1B, index + 1 < shown.count, shown[index + 1] == UInt8(ascii: "[") else {
                text.append(byte)
                index += 1
                continue
            }
            var end = index + 2
            while end < shown.count, !(0x40...0x7E).contains(shown[end]) { end += 1 }
            guard end < shown.count else { break }
            if shown[end] == UInt8(ascii: "m") {
                flushText()
                style.apply(String(decoding: shown[(index + 2)..<end], as: UTF8.self))
                if open { out += "</span>" }
                open = !style.classes.isEmpty
                if open { out += "<span class=\"\(style.classes)\">" }
            }
            index = end + 1
        }
        flushText()
        if open { out += "</span>" }
        return out
    }
}

/// The SGR attributes the view keeps: foreground colour (0–7, bright 8–15) and bold.
struct SGRStyle {
    var foreground: Int?
    var bold = false

    var classes: String {
        ([foreground.map { "fg\($0)" }, bold ? "b" : nil] as [String?]).compactMap { $0 }.joined(separator: " ")
    }

    mutating func apply(_ parameters: String) {
        let codes = parameters.isEmpty ? [0] : parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        var index = 0
        while index < codes.count {
            let code = codes[index]
            switch code {
            case 0: foreground = nil; bold = false
            case 1: bold = true
            case 22: bold = false
            case 30...37: foreground = code - 30
            case 90...97: foreground = code - 90 + 8
            case 39: foreground = nil
            case 38, 48: index += codes.count > index + 1 && codes[index + 1] == 5 ? 2 : 4  // 256-colour and RGB: not kept
            default: break
            }
            index += 1
        }
    }
}
