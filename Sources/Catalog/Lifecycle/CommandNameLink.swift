/// The `--link-names` link from a command's usual name to the name a package installs it under (`~/.local/bin/fd` →
/// `/usr/bin/fdfind`), made and removed by constant scripts whose names are positional parameters, never script text.
///
/// Neither script touches a file that is not evlog's link: making refuses when the usual name is already something
/// else (the user's own `fd`), removing leaves what is there once it is no longer a link to the command.
public enum CommandNameLink {
    /// The install step's argv: links `~/.local/bin/<usual>` to the command `installed` as PATH finds it; fails, changing
    /// nothing, when that name is already a file, a directory or a link elsewhere; done at once when the link is there.
    public static func makeArgv(installed: String, usual: String) -> [String] {
        ["sh", "-c", makeScript, "sh", installed, usual]
    }

    /// The uninstall step's argv: removes `~/.local/bin/<usual>` when it is still a link to a file named `installed`
    /// (any link when `installed` is nil: a log that did not say); otherwise leaves it and says so.
    public static func removeArgv(usual: String, installed: String?) -> [String] {
        ["sh", "-c", removeScript, "sh", usual, installed ?? ""]
    }

    /// The usual name a link path (`~/.local/bin/fd`) holds, or nil for a path that is not one.
    public static func usualName(ofLinkPath path: String) -> String? {
        let prefix = PlanAssembler.userBinDirectory + "/"
        guard path.hasPrefix(prefix) else { return nil }
        let name = String(path.dropFirst(prefix.count))
        return CommandNameGrammar.problem(withName: name) == nil ? name : nil
    }

    /// The installed command a recorded link step names (its argv as `makeArgv` builds it, any revision of the
    /// script), or nil when the argv is not of that shape or the name fails the command-name grammar.
    public static func installedCommand(inRecordedArgv argv: [String]) -> String? {
        guard argv.count == 6, argv[0] == "sh", argv[1] == "-c", argv[3] == "sh",
              CommandNameGrammar.problem(withName: argv[4]) == nil
        else { return nil }
        return argv[4]
    }

    static let makeScript = """
        t=$(command -v "$1") || { echo "evlog: $1 is not on PATH: nothing to link to" >&2; exit 127; }
        l="$HOME/.local/bin/$2"
        if [ -L "$l" ] && [ "$(readlink -- "$l")" = "$t" ]; then exit 0; fi
        if [ -e "$l" ] || [ -L "$l" ]; then
          echo "evlog: $l is already there and is not a link to $t: left as it is; move it away and resume, or install without --link-names" >&2
          exit 1
        fi
        mkdir -p "$HOME/.local/bin" && ln -s -- "$t" "$l"
        """

    static let removeScript = """
        l="$HOME/.local/bin/$1"
        if [ -L "$l" ]; then
          t=$(readlink -- "$l")
          if [ -z "$2" ] || [ "${t##*/}" = "$2" ]; then rm -f -- "$l"; exit 0; fi
        fi
        if [ -e "$l" ] || [ -L "$l" ]; then echo "evlog: $l is no longer a link the install made: left as it is" >&2; fi
        exit 0
        """
}
