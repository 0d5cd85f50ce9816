import InstallModel

/// An uninstall's apt removal and its check, as constant scripts whose package names are positional parameters, never
/// script text.
///
/// A removal is done only when dpkg says so (repro13 F8): `apt-get purge` of a package a killed removal left
/// half-removed only removes it, leaving its configuration (dpkg state `rc`) while exiting 0, so the purge asks dpkg
/// afterwards and purges again what is left; the check fails while a named package is still installed in any state,
/// or, when purged, still has configuration files.
public enum AptRemoval {
    /// Of the installed packages apt says removing `record`'s would also remove (`others`), those that are neither
    /// what its install pulled in nor going anyway in the same uninstall (another record's packages or what its
    /// install pulled in): `uninstall sysstat parallel` does not count parallel as a dependent of sysstat (truth20 #4).
    public static func dependents(_ others: [String], of record: InstallRecord, removedWith records: [InstallRecord]) -> [String] {
        let going = Set(records.flatMap { other -> [String] in
            guard case .packages(.apt, let names) = other.how else { return [] }
            return names.map(InstallKind.packageName) + (other.pulledIn ?? [])
        })
        return others.filter { !going.contains($0) && !(record.pulledIn ?? []).contains($0) }
    }

    /// The removal's argv: `apt-get purge` of `names` (`remove` when `purging` is false: configuration that was the
    /// user's stays), waiting `lockWaitSeconds` for another apt; a purge then purges again any named package dpkg
    /// still holds in state `rc`.
    public static func argv(names: [String], purging: Bool, lockWaitSeconds: Int) -> [String] {
        let apt = aptCommand(verb: purging ? "purge" : "remove", names: names, lockWaitSeconds: lockWaitSeconds)
        guard purging else { return apt + names }
        return ["sh", "-c", purgeScript(apt: apt.joined(separator: " ")), "sh"] + names
    }

    /// The check's argv: `binary` is not on PATH, and dpkg holds none of `names` installed (nor, when `purged`, with
    /// configuration files left).
    public static func checkArgv(binary: String, names: [String], purged: Bool) -> [String] {
        ["sh", "-c", purged ? purgedCheckScript : removedCheckScript, "sh", binary] + names
    }

    /// `apt-get VERB -y -o DPkg::Lock::Timeout=N [exact-name option] --`: constant text chosen by the names' shape.
    static func aptCommand(verb: String, names: [String], lockWaitSeconds: Int) -> [String] {
        ["apt-get", verb, "-y", "-o", "DPkg::Lock::Timeout=\(lockWaitSeconds)"] + AptNameMatching.options(for: names) + ["--"]
    }

    /// Runs `apt` (constant text ending in `--`) on the positional parameters, then once more when one of them is left
    /// with only its configuration.
    static func purgeScript(apt: String) -> String {
        """
        \(apt) "$@" || exit
        for p do
          case $(dpkg-query -W -f='${db:Status-Abbrev}' -- "$p" 2>/dev/null) in
            ?c*) echo "evlog: dpkg still holds the configuration of $p (state rc): purging it" >&2; exec \(apt) "$@";;
          esac
        done
        """
    }

    /// `$1` is not on PATH and dpkg's state of each later parameter is one of `allowed` (a `case` pattern on its
    /// `db:Status-Abbrev`); a package dpkg does not know passes.
    static func checkScript(allowed: String, what: String) -> String {
        """
        if command -v "$1" >/dev/null 2>&1; then echo "evlog: $1 is still on PATH" >&2; exit 1; fi
        shift
        for p do
          s=$(dpkg-query -W -f='${db:Status-Abbrev}' -- "$p" 2>/dev/null) || continue
          case $s in \(allowed)) ;; *) echo "evlog: $p is not \(what): dpkg's state of it is '$s'" >&2; exit 1;; esac
        done
        """
    }

    static let purgedCheckScript = checkScript(allowed: "?n*", what: "purged")
    static let removedCheckScript = checkScript(allowed: "?n*|?c*", what: "removed")
}
