import PathSafety

/// What a recipe's `shell_env` puts in the user's shell profile (`export PATH="…:$PATH"`, `export NAME="value"`):
/// names are shell identifiers and values plain words (letters, digits, `._/:~@+=,-` and `{name}` holes), so nothing
/// in them can end the quoting or expand.
enum ShellProfileGrammar {
    static func problem(withName name: String) -> String? {
        guard let first = name.first, first == "_" || (first.isLetter && first.isASCII),
            GrammarText.consists(of: Substring(name), alphanumericsAnd: "_")
        else { return "is not a shell variable name (letters, digits, '_')" }
        if changesWhatRuns(name) || !namesAToolsOwnPlace(name) {
            return "changes what programs or shells run or load (the loader, PATH, prompts, startup files, commands "
                + "other programs start, proxies): a recipe may set only a tool's own variables (GOPATH, CARGO_HOME)"
        }
        return nil
    }

    /// Whether `name` is a tool's own place, as every variable a recipe needs is (`GOPATH`, `GOBIN`, `CARGO_HOME`,
    /// `JAVA_HOME`, `ANDROID_SDK_ROOT`, `PNPM_HOME`, `KREW_ROOT`, `*_DIR`) or a tool's switch that turns its reporting off
    /// (`DOTNET_CLI_TELEMETRY_OPTOUT`, `HOMEBREW_NO_ANALYTICS`): what else a variable can do — compiler choice (`CC`),
    /// settings files (`GOENV`, `OPENSSL_CONF`), warnings, key logs — is not a recipe's to change in every later shell.
    static func namesAToolsOwnPlace(_ name: String) -> Bool {
        let upper = name.uppercased()
        if ["GOPATH", "GOBIN"].contains(upper) { return true }
        let places = ["_HOME", "_DIR", "_ROOT"]
        return (places.contains { upper.hasSuffix($0) && upper.count > $0.count } || isSwitch(name)) && !upper.contains("GNUPG")
    }

    /// Whether a variable changes what runs or is loaded in every later shell and program, judged by its shape: the
    /// dynamic loader's (`LD_*`, `DYLD_*`), the shell's own (`BASH_*`, `PS1`…, `PROMPT_COMMAND`, `ENV`, `IFS`, `PATH`),
    /// one naming a command another program starts (`*_COMMAND`, `*_CMD`, `*EDITOR`, `*PAGER`, `*ASKPASS`, `BROWSER`),
    /// options or startup files an interpreter reads (`*OPTIONS`, `*OPTS`, `*OPT`, `*STARTUP`), the module paths it
    /// loads code from (`PYTHONPATH`, `NODE_PATH`, `PERL5LIB` …), and proxies (`*_PROXY`), which redirect traffic. A
    /// tool's own directories stay (`GOPATH`, `CARGO_HOME`, `JAVA_HOME`); `PATH` is set through `shell_env.path`.
    static func changesWhatRuns(_ name: String) -> Bool {
        let upper = name.uppercased()
        let exact: Set<String> = ["PATH", "ENV", "IFS", "HOME", "SHELL", "CDPATH", "PROMPT_COMMAND", "SHELLOPTS", "BASHOPTS",
                                  "BROWSER", "LESSOPEN", "LESSCLOSE", "TMPDIR", "ZDOTDIR", "INPUTRC", "HISTFILE", "PYTHONPATH",
                                  "PYTHONHOME", "NODE_PATH", "PERL5LIB", "PERLLIB", "RUBYLIB", "CLASSPATH", "GEM_PATH", "LUA_PATH",
                                  "LUA_CPATH"]
        let prefixes = ["LD_", "DYLD_", "BASH_", "GIT_", "SSH_", "GCONV", "MALLOC_", "GLIBC_", "XDG_"]
        // Commands and code a program runs or loads (`RUSTC_WRAPPER`, `LUA_INIT`, `DOTNET_STARTUP_HOOKS`, `PHPRC`),
        // where it reads its settings or trusts certificates (`KUBECONFIG`, `PYTHONUSERBASE`, `SSL_CERT_FILE`), and
        // where it fetches from (`PIP_INDEX_URL`, `NPM_CONFIG_REGISTRY`, `GOPROXY`).
        let suffixes = ["_COMMAND", "_CMD", "EDITOR", "VISUAL", "PAGER", "ASKPASS", "OPTIONS", "OPTS", "OPT", "STARTUP", "PROXY",
                        "_HOOK", "_HOOKS", "WRAPPER", "_INIT", "RC", "USERBASE", "_URL", "_URI", "_INDEX", "REGISTRY", "MIRROR",
                        "_SERVER", "_ENDPOINT", "_SHELL", "TERMINAL"]
        let parts = ["CONFIG", "CERT", "CA_BUNDLE", "CAFILE", "CAPATH", "TRUST", "PRELOAD", "PLUGIN", "LIBRARY", "LIB_PATH"]
        if exact.contains(upper) || prefixes.contains(where: upper.hasPrefix) || parts.contains(where: upper.contains) { return true }
        if upper.count <= 3, upper.hasPrefix("PS"), upper.dropFirst(2).allSatisfy(\.isNumber) { return true }
        return suffixes.contains(where: upper.hasSuffix)
    }

    /// A directory `shell_env.path` puts on PATH: absolute or under the home (`~/`, `{brew_prefix}/…`), one directory
    /// (no `:`), no `.` or `..` element, a `bin` or `sbin` directory, not under a pseudo or shared file system
    /// (`/tmp`, `/dev`, `/proc`, `/run` …), and only root and evlog's user may change it or any step on the way.
    static func problem(withPathEntry entry: String) -> String? {
        if let problem = problem(withValue: entry) ?? placeProblem(entry) { return problem }
        // A directory of programs, as every recipe's is (`~/.cargo/bin`, `{brew_prefix}/opt/curl/bin`).
        let last = (GrammarText.filled(entry, with: "/x") ?? entry).split(separator: "/").last
        guard last == "bin" || last == "sbin" else { return "is not a directory of programs (its last part is not 'bin' or 'sbin')" }
        return nil
    }

    /// Why `value`, set for the variable `name`, is not what it may be, or nil: a plain value, and for a variable that
    /// names a tool's place (`CARGO_HOME`, `GOPATH`) one directory as `problem(withPathEntry:)` requires of PATH
    /// entries, bar the `bin` ending: what a tool finds there it runs (trust13 #6: `RUSTUP_HOME=/tmp/x`).
    static func problem(withValue value: String, of name: String) -> String? {
        if let problem = problem(withValue: value) { return problem }
        return namesAToolsOwnPlace(name) && !isSwitch(name) ? placeProblem(value) : nil
    }

    /// Whether `name` turns a tool's reporting off (`DOTNET_CLI_TELEMETRY_OPTOUT`): its value is a flag, not a place.
    private static func isSwitch(_ name: String) -> Bool {
        ["_OPTOUT", "_NO_ANALYTICS", "_NO_TELEMETRY", "_DISABLE_TELEMETRY"].contains { name.uppercased().hasSuffix($0) }
    }

    /// Why `value` is not one absolute directory (or one under the home) that only its owner may write to, or nil: no
    /// `:`, no `.` or `..` element, not the current directory by another name (`/proc/self/cwd`, `/dev/fd/N`), not
    /// under a directory anyone may write to.
    private static func placeProblem(_ value: String) -> String? {
        let text = GrammarText.filled(value, with: "/x") ?? value
        guard text.hasPrefix("/") || text.hasPrefix("~/"), !text.contains(":") else {
            return "is not one absolute directory (starting '/', '~/' or a {prefix}, no ':')"
        }
        let elements = text.split(separator: "/")
        guard !elements.contains(where: { $0 == "." || $0 == ".." }) else { return "has a '.' or '..' element" }
        let shared = ["tmp", "var/tmp", "var/crash", "var/spool", "dev", "proc", "sys", "run", "mnt", "media"]
        let path = elements.joined(separator: "/")
        guard text.hasPrefix("~/") || !shared.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else {
            return "is in a directory anyone may write to or that names another one (/tmp, /dev, /proc, /run …): anyone could put a program there"
        }
        return ownershipProblem(text, hasHoles: text != value)
    }

    /// Why the absolute directory `path` (without holes: those are judged when the step runs) may be changed by a
    /// user other than root and the one evlog runs as, judged by who owns and may write each step on the way, links
    /// followed (`LockedPath`; trust16 #9: `/home/deploy/bin`, `/var/local/bin` root:staff 2775, `/var/lock/bin`
    /// through its link to `/run/lock`). A directory that does not exist yet is judged by its nearest existing parent.
    private static func ownershipProblem(_ path: String, hasHoles: Bool) -> String? {
        guard path.hasPrefix("/"), !hasHoles, let problem = LockedPath.directoryProblem(path, orNearestParent: true) else { return nil }
        return "may be changed by another user (\(problem)): anyone who can write it could put programs there for every later shell"
    }

    static func problem(withValue value: String) -> String? {
        guard let text = GrammarText.filled(value), !text.isEmpty, text.count <= 1024,
            GrammarText.consists(of: Substring(text), alphanumericsAnd: "._/:~@+=,-")
        else { return "is not a plain value for a shell profile (letters, digits, '._/:~@+=,-'; no quotes, '$', spaces)" }
        return nil
    }
}
