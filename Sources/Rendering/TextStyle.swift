/// ANSI colours, or nothing when output is plain (piped, `NO_COLOR`, `--no-color`).
public struct TextStyle: Sendable {
    public var colored: Bool
    public init(colored: Bool) { self.colored = colored }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }

    private func wrap(_ text: String, _ code: String) -> String {
        colored ? "\u{1B}[" + code + "m" + text + "\u{1B}[0m" : text
    }
}
