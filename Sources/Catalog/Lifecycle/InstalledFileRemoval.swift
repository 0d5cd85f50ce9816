/// The uninstall step of a file an install put in place (a release binary): a constant script whose path and digest
/// are positional parameters, never script text. It removes the file only while it holds the bytes the install
/// recorded (same SHA-256), so a file the user put at that path since is left as it is and named (truth12 F8).
public enum InstalledFileRemoval {
    /// The argv removing `path` when its SHA-256 is `sha256`; nothing there is done at once; anything else (other
    /// bytes, a link, a directory) fails the step, changing nothing, with a line saying why.
    public static func removeArgv(path: String, sha256: String) -> [String] {
        ["sh", "-c", script, "sh", path, sha256]
    }

    /// The digest of the file at `path` as the system's tool prints it (`sha256sum`, else `shasum -a 256`), compared
    /// with the recorded one; `rm -f` of that one path, never `-r`.
    static let script = """
        f=$1
        if [ ! -e "$f" ] && [ ! -L "$f" ]; then exit 0; fi
        if [ -f "$f" ] && [ ! -L "$f" ]; then
          d=$( (sha256sum -- "$f" || shasum -a 256 -- "$f") 2>/dev/null )
          d=${d%% *}
          if [ "$d" = "$2" ]; then rm -f -- "$f"; exit 0; fi
        fi
        echo "evlog: $f is no longer the file the install put there (its sha256 was $2): left as it is; remove it yourself if it should go" >&2
        exit 1
        """
}
