/// What a release archive really unpacks to, counted before it is unpacked: its listing's sizes are the archive's
/// own word (a zip's central directory may claim 1 KB for a member that inflates to gigabytes, and unzip writes
/// them all), so the archive is unpacked once to a counter — `unzip -p` or `tar -xO` piped through `head -c` (the
/// hard stop: one byte past the cap ends it) into `wc -c` — and unpacked into the tree only when the count is
/// within `UnpackedArchive.maximumUnpackedBytes`. The archive and the cap are the script's positional parameters,
/// never part of its text; only the count (one number) is output, so the log holds it and a reproduction replays it.
public enum UnpackedSizeCount {
    /// The command that prints how many bytes `archive` unpacks to, counting at most one past the cap.
    static func command(archive: String, zip: Bool) -> [String] {
        ["sh", "-c", zip ? zipScript : tarScript, "sh", archive, String(UnpackedArchive.maximumUnpackedBytes + 1)]
    }

    private static let zipScript = #"unzip -p "$1" | head -c "$2" | wc -c"#
    private static let tarScript = #"tar -xOf "$1" | head -c "$2" | wc -c"#

    /// Whether `argv` is a count (`command`): a simulated machine answers it with the size of what it fetched.
    public static func isCount(_ argv: [String]) -> Bool {
        argv.count == 6 && argv[0] == "sh" && argv[1] == "-c" && [zipScript, tarScript].contains(argv[2])
    }

    /// Why an archive whose count printed `output` may not be unpacked: it unpacks to more than the cap, or no
    /// count was printed (nothing judged from a count that is not there).
    static func problem(inOutput output: String) -> String? {
        let words = output.split(whereSeparator: \.isWhitespace)
        guard words.count == 1, let bytes = UInt64(words[0]) else {
            return "what it unpacks to could not be counted (the count printed '\(output.prefix(40))')"
        }
        guard bytes > UnpackedArchive.maximumUnpackedBytes else { return nil }
        return "it unpacks to more than the \(UnpackedArchive.maximumUnpackedBytes >> 20) MiB an archive may hold (counted while unpacking it to nowhere; its listing claims less)"
    }
}
