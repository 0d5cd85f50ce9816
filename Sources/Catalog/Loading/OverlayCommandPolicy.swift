import InstallModel

/// The rules an overlay recipe's commands meet on top of the schema: an overlay is text a user or a third party
/// wrote, so evlog — not the overlay — decides what its commands may run and how risky they are (Docs/CATALOG.md,
/// "Overlay commands").
///
/// - The "already installed?" probe runs before any consent (even in `evlog plan`), so an overlay's binaries (the
///   recipe's, a package entry's: an absolute one lies under a system directory) and `verify.command` may not name an
///   interpreter or a command runner, and the probe asks for a version and nothing more (`probeProblem`).
/// - A post-install command's risk is at least evlog's floor: low only for the recipe's own program given plain words
///   (`riskFloor`), high (consent) for any other — a file written over a shell startup file, a loader, an installer
///   that runs a package's build code, an option that takes a command — and for any when it or the plan runs as root
///   (`CommandSpec.riskAsRoot`); the overlay may raise it, never lower it.
enum OverlayCommandPolicy {
    /// `recipe`, laid over `base`, with its command risks raised to evlog's floor, or the first rule it breaks.
    static func checked(_ recipe: Recipe, over base: Catalog) throws(CatalogError) -> Recipe {
        let what = "recipe '\(recipe.name)'"
        let own = base.recipe(named: recipe.name).map(Resolver.binaries(of:)) ?? []
        for method in recipe.methods {
            guard case .release(let spec) = method.kind else { continue }
            for name in releaseInstallNames(spec, binary: recipe.binary) {
                guard let problem = SystemProgram.standInProblem(name, ownNames: own) else { continue }
                throw refusal(method.origin, "\(what): release \(problem); give the tool's program its own name")
            }
        }
        for binary in Resolver.binaries(of: recipe) {
            if let problem = CommandRunnerName.problem(with: binary) ?? systemDirectoryProblem(binary) {
                throw refusal(recipe.origin, "\(what): binary \(GrammarText.shown(binary)) \(problem)")
            }
        }
        let probe = recipe.verify.command ?? [recipe.binary] + recipe.verify.arguments
        if let runner = probe.first, let problem = CommandNameGrammar.problem(withName: runner) ?? CommandRunnerName.problem(with: runner) {
            throw refusal(recipe.origin, "\(what): verify command \(GrammarText.shown(runner)) \(problem)")
        }
        if let runner = probe.first, let problem = probeProblem(Array(probe.dropFirst()), of: runner) {
            throw refusal(recipe.origin, "\(what): \(problem)")
        }
        for method in recipe.methods {
            guard case .release(let spec) = method.kind, let setup = spec.setupCommand, let problem = setupProblem(setup) else { continue }
            throw refusal(method.origin, "\(what): release setup \(GrammarText.shown(setup.joined(separator: " "))) \(problem)")
        }
        var result = recipe
        // A `binary` naming a program the system already has (`rm`, `curl`, `pip3`) is not the recipe's own: the overlay
        // would make any such command "its own program" (trust19 #1). The built-in tool's own names stay its own.
        let programs = Set(Resolver.binaries(of: recipe).filter { own.contains($0) || SystemProgram.path(named: $0) == nil })
        result.methods = recipe.methods.map { method in
            var method = method
            method.postInstall = method.postInstall.map { raisedToFloor($0, ownPrograms: programs) }
            return method
        }
        return result
    }

    /// The names a release method installs programs under (`PlanAssembler.addRelease`): the recipe's binary, or, for
    /// an installer its setup command runs, the archive member's own name.
    private static func releaseInstallNames(_ spec: ReleaseSpec, binary: String) -> [String] {
        guard spec.setupCommand != nil else { return [binary] }
        return Set(spec.assets.values.map { $0.path.split(separator: "/").last.map(String.init) ?? $0.path }).sorted()
    }

    /// The least risk evlog gives an overlay's post-install command: low only when, run as the user, it is one of the
    /// recipe's own programs (`ownPrograms`: not a system program's name) given plain words (letters, digits,
    /// `- _ . = : , @ +`: no path, no `~`, not `.`, `..` or a dot-file, no option set to a value: trust19 #1);
    /// any other program can write or run anything a name list would miss (trust16 #7: `rm -rf ~`, `curl -o
    /// ~/.bashrc`, `git -c core.pager=…`, `tar --to-command=…`, `pip install`, the dynamic loader), so it is high.
    static func riskFloor(of command: CommandSpec, ownPrograms: Set<String>) -> Risk {
        guard !command.needsRoot, let program = command.argv.first, ownPrograms.contains(program),
            command.argv.dropFirst().allSatisfy(isPlainWord)
        else { return .high }
        return .low
    }

    private static func isPlainWord(_ word: String) -> Bool {
        // Not the directory it runs in or a file hidden there (`rm -rf .`, `-o .bashrc`), no option taking a value
        // (`--to-command=id`).
        guard !word.hasPrefix("."), !(word.hasPrefix("-") && word.contains("=")) else { return false }
        return !word.isEmpty && word.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.=:,@+".unicodeScalars.contains($0)) }
    }

    private static func raisedToFloor(_ item: PostInstallSpec, ownPrograms: Set<String>) -> PostInstallSpec {
        guard case .command(var command) = item else { return item }
        command.risk = max(command.risk ?? .low, riskFloor(of: command, ownPrograms: ownPrograms))
        command.riskAsRoot = .high
        return .command(command)
    }

    /// Why `arguments` are not a probe of `program` that asks for a version and nothing more, or nil. Each is a plain
    /// word, and together they are: subcommand words only where the program's own name ends with them (the plugin
    /// `cargo-nextest` probed as `cargo-nextest nextest --version`: what runs is the recipe's own program, never
    /// another one a dispatcher picks by its subcommand — `docker run IMAGE`, `cargo PLUGIN`, `strace sh FILE`), exactly
    /// one version word — a short `-v`/`-V` alone, or a word holding `version` (`--version`, `version`, `-version`,
    /// `--short-version`) — then options only, bare or set to a boolean (`--client`, `--remote=false`: an option value
    /// that is a word may name a file or a host to read or reach, `--kubeconfig=cfg`, `--server=host`). So no
    /// program's probe can name a file, a process, a package or a host to act on (`touch NAME`, `pkill -9 NAME`,
    /// `rm NAME -v`): what runs before consent prints a version or fails. The probe also runs in `/`
    /// (`CommandCapture`), away from the overlay's files.
    static func probeProblem(_ arguments: [String], of program: String) -> String? {
        let rule = "an overlay's probe asks for a version and nothing more: subcommand words only where the program's "
            + "name ends with them (cargo-nextest nextest), one version word (--version, version, -V alone), then options "
            + "(--client, --remote=false)"
        if let word = arguments.first(where: { !isProbeWord($0) }) {
            return "verify argument \(GrammarText.shown(word)) is not a plain word (letters, digits, '-', an optional '=value'); \(rule)"
        }
        let versions = arguments.indices.filter { isVersionWord(arguments[$0]) }
        guard versions.count == 1, let at = versions.first else {
            return "verify arguments \(GrammarText.shown(arguments.joined(separator: " "))) hold \(versions.count) version words; \(rule)"
        }
        let short = arguments[at].drop { $0 == "-" }.count == 1
        let subcommands = arguments[..<at]
        let programName = program.split(separator: "/").last.map(String.init) ?? program
        let ownSubcommands = subcommands.isEmpty
            || subcommands.allSatisfy({ !$0.hasPrefix("-") && !$0.contains("=") })
            && programName.hasSuffix("-" + subcommands.joined(separator: "-"))
        let options = arguments[(at + 1)...]
        let plainOptions = options.allSatisfy { option in
            guard option.hasPrefix("-") else { return false }
            let value = option.split(separator: "=", maxSplits: 1).dropFirst().first
            return value.map { ["true", "false"].contains($0.lowercased()) } ?? true
        }
        if short && arguments.count > 1 || !ownSubcommands || !plainOptions {
            return "verify arguments \(GrammarText.shown(arguments.joined(separator: " "))) ask for more than a version; \(rule)"
        }
        return nil
    }

    /// Why a release's `setup` command is not the downloaded program run on its own (`["{bin}", "-y",
    /// "--no-modify-path"]`: the file whose checksum was checked, with plain-word options), or nil. Any other program
    /// (`sh -c …`) would run whatever the overlay says, after the install and outside the consent an overlay's
    /// `command` needs.
    static func setupProblem(_ setup: [String]) -> String? {
        guard setup.first == "{bin}" else { return "does not run the downloaded program ({bin}) first; an overlay's setup runs only it" }
        if let word = setup.dropFirst().first(where: { !$0.hasPrefix("-") || !isProbeWord($0) }) {
            return "passes \(GrammarText.shown(word)), which is not an option of plain words (-y, --no-modify-path)"
        }
        return nil
    }

    /// `-v`, `-V`, or a word holding `version` (`--version`, `version`, `-version`, `--numeric-version`).
    private static func isVersionWord(_ argument: String) -> Bool {
        let body = argument.drop { $0 == "-" }.lowercased()
        return (body == "v" && argument.hasPrefix("-")) || body.split(separator: "=").first?.contains("version") == true
    }

    /// Why the absolute `binary` may not be probed, or nil: it lies outside the system's program directories (a
    /// script in `/tmp`, `/dev/shm`, `/proc/self/exe`, a home). A plain name is found on PATH.
    static func systemDirectoryProblem(_ binary: String) -> String? {
        guard binary.hasPrefix("/") else { return nil }
        let systemDirectories = ["/usr/", "/bin/", "/sbin/", "/opt/", "/snap/"]
        if systemDirectories.contains(where: binary.hasPrefix) && !binary.hasPrefix("/usr/tmp/") { return nil }
        return "is not under a system program directory (\(systemDirectories.joined(separator: ", "))); an overlay's probe runs before any consent"
    }

    /// A word like `version`, `--short`, `--remote=false`: no paths, quotes, spaces or shell syntax.
    private static func isProbeWord(_ argument: String) -> Bool {
        let body = argument.drop { $0 == "-" }
        guard argument.count - body.count <= 2, let first = body.first, first.isASCII, first.isLetter || first.isNumber else { return false }
        let parts = body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let word: (Substring) -> Bool = { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
        }
        return parts.allSatisfy(word)
    }

    private static func refusal(_ origin: SourceLocation, _ message: String) -> CatalogError {
        .invalidData(file: origin.file, line: origin.line, message: message)
    }
}

/// Whether a command name is an interpreter or a command runner — a program that runs whatever its arguments
/// say (`sh -c`, `python -c`, `env`, `xargs`, `find -exec`). Judged by structure: the base name without a version
/// tail or case (`python3.12`, `perl5.36`, `KSH93`) against the shells and the rest by name — not any name ending in
/// `sh`, which refused `refresh`, `publish` and `stash` (integrity10 finding 17).
enum CommandRunnerName {
    /// The shells: each runs `-c SCRIPT` or a script file. `ssh`, `rsh`, `remsh` and `mosh` run a command on another host.
    static let shells: Set<String> = [
        "sh", "bash", "rbash", "dash", "ash", "hush", "zsh", "ksh", "mksh", "pdksh", "oksh", "loksh", "lksh", "yash", "fish",
        "csh", "tcsh", "rc", "es", "scsh", "elvish", "xonsh", "nu", "nushell", "ion", "osh", "ysh", "oil", "ssh", "rsh", "remsh", "mosh",
    ]
    static let runners: Set<String> = [
        "python", "pypy", "perl", "ruby", "irb", "node", "nodejs", "deno", "bun", "php", "lua", "luajit", "tclsh", "wish",
        "expect", "julia", "rscript", "java", "jshell", "osascript", "pwsh", "powershell", "awk", "gawk", "mawk", "nawk",
        "sed", "env", "busybox", "toybox", "sudo", "doas", "su", "runuser", "pkexec", "xargs", "nice", "ionice", "nohup",
        "timeout", "setsid", "stdbuf", "chroot", "unshare", "nsenter", "flock", "find", "watch", "script", "make",
        "npx", "uvx", "pipx", "sg", "newgrp", "systemd-run", "at", "batch", "crontab", "eval", "exec", "command", "xdg-open",
    ]

    /// Why `command` may not be an overlay's probe, or nil.
    static func problem(with command: String) -> String? {
        let base = command.split(separator: "/").last.map(String.init) ?? command
        let stem = String(base.lowercased().reversed().drop { $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }.reversed())
        guard shells.contains(stem) || runners.contains(stem) else { return nil }
        return "is an interpreter or command runner; an overlay may not name one (it runs before any consent)"
    }
}
