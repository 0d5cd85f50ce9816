/// A file's bytes as a string of one Unicode scalar per byte (U+0000–U+00FF, as ISO-8859-1 reads them), and back.
/// Text edited in this form keeps every byte it does not change, whatever the file's encoding (repro22 #5: a Latin-1
/// `~/.bashrc`, decoded as UTF-8, was written back with U+FFFD for each byte outside evlog's block, and uninstall left
/// it so). What evlog adds goes in as its UTF-8 bytes (`of(_:)`), so it is written as UTF-8.
enum ByteText {
    /// The string of `bytes`, one scalar each.
    static func of(bytes: some Sequence<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: bytes.lazy.map { Unicode.Scalar($0) })
        return String(scalars)
    }

    /// `text`'s UTF-8 bytes as a byte string.
    static func of(_ text: String) -> String { of(bytes: text.utf8) }

    /// The bytes a byte string holds (every scalar of one is at most U+00FF).
    static func bytes(_ text: String) -> [UInt8] { text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } }

    /// `text`'s lines, split at each line feed and nothing else: a CR before it stays in its line (as a Character,
    /// Swift reads CR LF as one, so a split by Characters kept a CRLF line and the next together).
    static func lines(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }

    /// Whether `text` is empty or ends with a line feed (a CRLF ending included).
    static func endsLine(_ text: String) -> Bool { text.unicodeScalars.last.map { $0 == "\n" } ?? true }
}
