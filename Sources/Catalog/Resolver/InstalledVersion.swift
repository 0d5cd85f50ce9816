/// Reads an installed tool's version out of what its version command printed, with the recipe's pattern,
/// so that an error message (`Error: unknown flag: --version`) is never taken for a version.
public enum InstalledVersion {
    /// The arguments that make `binary` print its version: the recipe's verify arguments, or `--version`
    /// when the recipe verifies through another command (`cargo audit --version`).
    public static func arguments(for recipe: Recipe) -> [String] {
        recipe.verify.command == nil ? recipe.verify.arguments : ["--version"]
    }

    /// The line of `output` holding the pattern's first match; without a pattern, the first non-empty line;
    /// nil when the output does not match (or is empty). `^` and `$` match at each line's start and end: a tool that
    /// warns before its version (terraform's CLI-configuration warning, ansible's Python warnings) still has one
    /// (truth12 F11).
    public static func line(in output: String, pattern: String?) -> String? {
        guard let pattern, let regex = try? Regex(pattern) else {
            return output.split(whereSeparator: \.isNewline).first.map { $0.trimmingSpaces() }
        }
        guard let match = output.firstMatch(of: regex.anchorsMatchLineEndings()) else { return nil }
        let start = output[..<match.range.lowerBound].lastIndex(where: \.isNewline).map { output.index(after: $0) }
            ?? output.startIndex
        let end = output[match.range.lowerBound...].firstIndex(where: \.isNewline) ?? output.endIndex
        return output[start..<end].trimmingSpaces()
    }

    /// The installed version line of `recipe`'s command under the name `binary`: nil when it is not on PATH,
    /// "" when it runs but prints no version the pattern recognises.
    public static func probe(_ recipe: Recipe, binary: String, with probe: any InstalledProbe) -> String? {
        switch reading(recipe, binary: binary, with: probe) {
        case .absent: nil
        case .line(let line): line
        case .otherProgram: ""
        }
    }

    /// What a command named like `recipe`'s is, judged by the recipe's own verify pattern.
    public enum Reading: Equatable, Sendable {
        /// Nothing of that name on PATH.
        case absent
        /// The tool: the line its pattern matched, or "" when it printed nothing (not run, timed out, silent).
        case line(String)
        /// Another program of the same name (Debian's Python `yq` for mikefarah's): it printed something the
        /// verify pattern does not recognise, so the verify step would fail on it too. Holds its first line.
        case otherProgram(String)
    }

    /// The one rule for "is the command on PATH this tool?" that plan, install, outdated and uninstall share.
    public static func reading(_ recipe: Recipe, binary: String, with probe: any InstalledProbe) -> Reading {
        guard let output = probe.versionOutput(binary: binary, arguments: arguments(for: recipe)) else { return .absent }
        let pattern = recipe.verify.command == nil ? recipe.verify.pattern : nil
        if let line = line(in: output, pattern: pattern) { return .line(line) }
        guard let first = line(in: output, pattern: nil), !first.isEmpty else { return .line("") }
        return .otherProgram(first)
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
