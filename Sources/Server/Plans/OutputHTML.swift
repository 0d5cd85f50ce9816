import Rendering

/// One line of program output as HTML, drawn as the terminal renderer draws it (`TerminalLine`: `\r`
/// overwrites, controls dropped) with its SGR colours as `<span class="fg3 b">` (`SGRStyle`); text escaped.
enum OutputHTML {
    /// A line that may have been cut (`StepLines`): its shown part after a note saying how much of it came
    /// before, linking to the step's raw output (`raw`) where all of it is. `more` says the line began even
    /// before the output read (a window that starts inside it), so the count is a lower bound; a line that was not
    /// cut says only that its start is earlier (`data-bytes="0"`: the page's "earlier output" draws it in the line).
    static func line(_ line: StepLines.Line, raw: String?, more: Bool = false) -> String {
        guard line.cut > 0 || more else { return self.line(line.bytes) }
        let link = raw.map { " · <a href=\"\(HTMLText.escape($0))\">raw download</a>" } ?? ""
        let note = line.cut == 0 ? "… this line began before the output shown" : "… \(more ? "more than " : "")\(line.cut) bytes earlier on this line"
        return "<span class=\"cut\" data-bytes=\"\(line.cut)\">\(note)\(link)</span> " + self.line(line.bytes)
    }

    /// Bytes of a page's HTML that drawing `bytes` (and the lines they end) can take at most: each byte's
    /// weight, the most `line` writes for it (`&quot;` for `"`, U+FFFD or a `\u{…}` escape for a byte of a
    /// character that acts, a style's `</span><span class="…">` for an escape sequence) and, per newline, the
    /// markup a page puts around a line (its permalink and time). A window cut by this, not by bytes of output,
    /// is a page bounded in bytes sent (serve16 #6: 1 MB of `"` drew 6.5 MB).
    static func drawnBytesBound(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in buffer.reduce(0) { $0 + Int(drawnWeights[Int($1)]) } }
    }

    /// A line's markup on a page (`<span class="l" id="e….…" data-t="…">` … `</span>`), at most.
    static let lineMarkupBytesMax = 96
    /// An SGR sequence's markup at most: `</span>` and the opening tag of the longest style
    /// (`<span class="b" style="color:#rrggbb;background-color:#rrggbb">`).
    static let styleMarkupBytesMax = 80

    private static let drawnWeights: [UInt8] = (0...255).map { byte -> UInt8 in
        switch byte {
        case 0x0A: UInt8(lineMarkupBytesMax)
        case 0x1B: UInt8(styleMarkupBytesMax)
        case 0x26, 0x27: 5  // &amp; &#39;
        case 0x22: 6  // &quot;
        case 0x3C, 0x3E: 4  // &lt; &gt;
        case 0x00..<0x20, 0x7F: 4  // \xNN when shown
        case 0x80...: 3  // a byte of a character: at most U+FFFD or a third of `\u{NNNN}`
        default: 1
        }
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
                open = !style.isPlain
                if open { out += "<span\(style.attributes)>" }
            }
            index = end + 1
        }
        flushText()
        if open { out += "</span>" }
        return out
    }
}

/// The SGR attributes the view keeps: foreground and background colour — the 16 of the theme as classes
/// (`fg1`, `bg4`), the rest of the 256-colour palette and 24-bit colours as a style of hex numbers computed
/// here (nothing of the output is copied into it) — and bold (serve16 #5: only the 16 foregrounds were kept).
struct SGRStyle {
    /// A colour as a program asks for it.
    enum Colour: Equatable {
        /// 0–255: 0–15 the theme's, 16–231 the 6×6×6 cube, 232–255 the grey ramp (as xterm draws them).
        case palette(Int)
        case rgb(Int, Int, Int)

        /// `#rrggbb` of a colour outside the theme's 16.
        var hex: String {
            let rgb: [Int] = switch self {
            case .rgb(let red, let green, let blue): [red, green, blue]
            case .palette(let index) where index >= 232: Array(repeating: 8 + (index - 232) * 10, count: 3)
            case .palette(let index): [(index - 16) / 36, (index - 16) / 6 % 6, (index - 16) % 6].map { $0 == 0 ? 0 : 55 + $0 * 40 }
            }
            return "#" + rgb.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }

        /// The theme's index of one of its 16 colours, else nil.
        var themed: Int? {
            if case .palette(let index) = self, index < 16 { return index }
            return nil
        }
    }

    var foreground: Colour?
    var background: Colour?
    var bold = false

    /// Whether nothing is kept: the text is drawn without a span.
    var isPlain: Bool { foreground == nil && background == nil && !bold }

    /// The attributes of the span that draws text in this style (` class="fg1 b" style="color:#ff0000"`).
    var attributes: String {
        let classes = [foreground?.themed.map { "fg\($0)" }, background?.themed.map { "bg\($0)" }, bold ? "b" : nil].compactMap { $0 }
        var styles: [String] = []
        if let foreground, foreground.themed == nil { styles.append("color:" + foreground.hex) }
        if let background, background.themed == nil { styles.append("background-color:" + background.hex) }
        return (classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"") + (styles.isEmpty ? "" : " style=\"\(styles.joined(separator: ";"))\"")
    }

    mutating func apply(_ parameters: String) {
        let codes = parameters.isEmpty ? [0] : parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        var index = 0
        while index < codes.count {
            let code = codes[index]
            switch code {
            case 0: (foreground, background, bold) = (nil, nil, false)
            case 1: bold = true
            case 22: bold = false
            case 30...37: foreground = .palette(code - 30)
            case 90...97: foreground = .palette(code - 90 + 8)
            case 39: foreground = nil
            case 40...47: background = .palette(code - 40)
            case 100...107: background = .palette(code - 100 + 8)
            case 49: background = nil
            case 38, 48:
                let (colour, used) = Self.extendedColour(codes[(index + 1)...])
                if let colour { if code == 38 { foreground = colour } else { background = colour } }
                index += used
            default: break
            }
            index += 1
        }
    }

    /// `5;N` (the 256-colour palette) or `2;R;G;B` (24 bits) after a 38 or 48, and how many codes it took;
    /// a number out of range takes its codes and sets nothing.
    private static func extendedColour(_ codes: ArraySlice<Int>) -> (Colour?, Int) {
        let values = Array(codes)
        switch values.first {
        case 5:
            guard values.count >= 2 else { return (nil, values.count) }
            return ((0...255).contains(values[1]) ? .palette(values[1]) : nil, 2)
        case 2:
            guard values.count >= 4 else { return (nil, values.count) }
            let rgb = Array(values[1...3])
            return (rgb.allSatisfy { (0...255).contains($0) } ? .rgb(rgb[0], rgb[1], rgb[2]) : nil, 4)
        default:
            return (nil, 0)
        }
    }
}
