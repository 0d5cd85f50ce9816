import InstallModel

/// One or more events of every type, with every optional field both present and absent somewhere.
enum EventSamples {
    /// A plan with one step of each of the 15 kinds, rollback steps, and every step field set.
    static let everyKindPlan: Plan = {
        let kinds: [StepAction] = [
            .packages(PackagesParameters(manager: .apt, packages: ["ripgrep", "fd-find"], refreshIndex: true)),
            .repoSetup(
                RepoSetupParameters(
                    manager: .apt, name: "docker", keyURL: "https://download.docker.com/linux/ubuntu/gpg",
                    keyringPath: "/etc/apt/keyrings/docker.gpg",
                    sourceEntry: "deb [arch={arch}] https://download.docker.com/linux/ubuntu {codename} stable",
                    sourcePath: "/etc/apt/sources.list.d/docker.list")),
            .tool(ToolParameters(installer: .pipx, package: "httpie", version: "3.2.4", arguments: ["--force"])),
            .postInstall(CommandParameters(argv: ["usermod", "-aG", "docker", "me"], workingDirectory: "/")),
            .verify(VerifyParameters(binary: "rg", versionPattern: #"ripgrep 1[4-9]\."#)),
            .source(SourceParameters(gitURL: "https://github.com/BurntSushi/ripgrep", gitRef: "14.1.1", destination: "/tmp/rg")),
            .build(BuildParameters(system: .cargo, directory: "/tmp/rg", arguments: ["--release"], jobs: 2)),
            .install(InstallParameters(method: .copyBinary, directory: "/tmp/rg", source: "target/release/rg", destination: "/usr/local/bin/rg", mode: "0755")),
            .cleanup(CleanupParameters(paths: ["/tmp/rg"])),
            .download(DownloadParameters(url: "https://example.org/pack.tar.zst", destination: "/var/tmp/pack", sha256: String(repeating: "ab", count: 32), sizeBytes: 1 << 30)),
            .service(ServiceParameters(name: "docker", action: .enable)),
            .config(
                ConfigParameters(
                    path: "/etc/evlog.conf", action: .template, content: "a={{a}} b={{b}} é", templateValues: ["b": "2", "a": "1", "z": "26"],
                    mode: "0644", owner: "root")),
            .notification(NotificationParameters(message: "Log out and back in for the docker group.", requiresAcknowledgement: true)),
            .shellConfig(ShellConfigParameters(shell: .fish, pathEntries: ["~/.cargo/bin"], environment: ["EDITOR": "vi", "PAGER": "less"])),
            .githubRelease(
                GitHubReleaseParameters(
                    repository: "sharkdp/bat", version: "v0.24.0", assetURL: "https://github.com/sharkdp/bat/releases/download/v0.24.0/bat.tar.gz",
                    sha256: nil, binaryInArchive: "bat-v0.24.0/bat", installDirectory: "~/.local/bin")),
        ]
        var steps: [Step] = []
        for (index, action) in kinds.enumerated() {
            steps.append(
                Step(
                    id: StepID("\(action.kind.rawValue)-\(index)"), label: "step of kind \(action.kind.rawValue)", action: action,
                    dependsOn: steps.last.map { [$0.id] } ?? [], needsRoot: index % 2 == 0,
                    idempotent: index % 3 == 0 ? nil : true, risk: index == 10 ? .critical : nil,
                    rollback: index == 11 ? [Fixtures.command("undo-config")] : [],
                    backupBefore: index == 11 ? ["/etc/evlog.conf"] : [],
                    restartRequired: index == 12 ? .session : .none, timeoutSeconds: 60 + index, tool: index < 9 ? "ripgrep" : nil))
        }
        return Plan(id: PlanID("p-0123456789ab"), tools: ["ripgrep", "bat"], profile: Fixtures.profile, steps: steps, notes: ["ripgrep: from source"])
    }()

    static let diagnosis = Diagnosis(
        kind: .externallyManagedPython, confidence: 0.875, evidence: ["error: externally-managed-environment"],
        remediations: [remediation, lockedRemediation], ruleID: "pep668")

    static let remediation = Remediation(
        id: "use-pipx", strategy: .switchMethod, summary: "install with pipx instead", risk: .low, automatic: true,
        steps: [Fixtures.packages("pipx"), Fixtures.command("pipx-install", dependsOn: ["pipx"])], modifier: ["installer": "pipx"])

    static let lockedRemediation = Remediation(
        id: "venv", strategy: .installDepThenSwitch, summary: "make a venv", risk: .medium,
        availability: .locked(reason: "python3-venv is missing", unlockDependencies: ["python3-venv"]))

    static var checkpointState: PlanState {
        var script = EventScript(plan: everyKindPlan)
        script.run("packages-0")
        script.start("repo_setup-1")
        script.add(.outputChunk(step: "repo_setup-1", stream: .stderr, data: Array("gpg: key imported\n".utf8), redacted: false))
        script.fail("repo_setup-1")
        script.add(.failureAnalysed(step: "repo_setup-1", diagnosis: diagnosis))
        script.add(.planPaused(reason: .restartRequired, step: "repo_setup-1", message: "reboot"))
        return script.state
    }

    /// Every `EventBody` case at least once; `coveredCases` checks none is missing.
    static var all: [Event] {
        let bodies: [EventBody] = [
            .planCreated(everyKindPlan),
            .planStarted,
            .stepStarted(step: "packages-0", attempt: 1, command: ["sudo", "-S", "-k", "apt-get", "install", "-y", "ripgrep"]),
            .stepStarted(step: "verify-4", attempt: 3, command: []),
            .outputChunk(step: "packages-0", stream: .stdout, data: Array("Reading package lists... Done\n".utf8), redacted: false),
            .outputChunk(step: "packages-0", stream: .stderr, data: [0xFF, 0xFE, 0x00, 0x80, 0xC3], redacted: true),
            .outputChunk(step: "packages-0", stream: .stdout, data: [], redacted: false),
            .outputChunk(step: "packages-0", stream: .stdout, data: Array("naïve ✓ \u{0}\t\"quoted\" \\ /slash\n".utf8), redacted: false),
            .stepDone(step: "packages-0", exitCode: 0, durationMicros: 1_250_000, note: nil),
            .stepDone(step: "verify-4", exitCode: 0, durationMicros: 3, note: "installed but not on PATH: restart your shell"),
            .stepFailed(step: "tool-2", cause: .unexplained("exit status 1", exitCode: 1), durationMicros: 400),
            .stepFailed(step: "tool-2", cause: .unexplained("killed by SIGKILL"), durationMicros: 0),
            .stepSkipped(step: "verify-4", reason: .alreadySatisfied, detail: "rg 14.1.1 found"),
            .stepSkipped(step: "build-6", reason: .dependencyFailed("source-5"), detail: "source-5 failed"),
            .stepSkipped(step: "cleanup-8", reason: .userSkipped, detail: "--skip cleanup-8"),
            .stepRetry(step: "tool-2", reason: "network is back"),
            .failureAnalysed(step: "tool-2", diagnosis: diagnosis),
            .remediationProposed(step: "tool-2", remediations: [remediation, lockedRemediation], chainDepth: 1),
            .remediationAccepted(step: "tool-2", remediationID: "use-pipx"),
            .remediationApplied(step: "tool-2", remediationID: "use-pipx", newSteps: remediation.steps),
            .planPaused(reason: .acknowledgementRequired, step: "notification-12", message: "Log out and back in."),
            .planPaused(reason: .restartRequired, step: "service-10", message: "Reboot to load the module."),
            .planInterrupted(cause: .signal("SIGINT")),
            .planInterrupted(cause: .crashDetected),
            .planResumed(acknowledged: true),
            .planResumed(acknowledged: false),
            .rollbackStarted(step: "config-11"),
            .rollbackDone(step: "config-11", succeeded: true),
            .rollbackDone(step: "config-11", succeeded: false),
            .planDone,
            .planFailed(reason: "tool-2 failed and no remediation was accepted"),
            .planCancelled(reason: "user pressed ^C"),
            .checkpoint(checkpointState),
            .checkpoint(PlanState()),
            .unknown(type: "plan_teleported"),
            .commandStarted(step: "apt-1", argv: ["sudo", "-S", "-k", "-p", "", "--", "apt-get", "install", "-y", "jq"]),
            .commandFinished(step: "apt-1", exitCode: 100),
            .commandStarted(step: "apt-1", argv: ["apt-get", "install", "-y", "jq"], process: ProcessIdentity(pid: 4242, startTicks: 1_234_567)),
            .packageSetChanged(
                step: "apt-1", change: PackageSetChange(manager: .apt, added: ["jq", "libjq1", "libonig5"], hadConfig: ["libonig5"], removed: ["jq-old"])),
            .fileInstalled(step: "release-1", file: InstalledFile(path: "~/.local/bin/rg", sha256: String(repeating: "ab", count: 32))),
        ]
        return bodies.enumerated().map { index, body in
            Event(sequence: UInt64(index + 1), time: Timestamp(microseconds: 1_700_000_000_000_000 + Int64(index) * 7), body: body)
        }
    }

    /// Ordinal of each case; a new case fails to compile here until a sample is added above.
    static func caseOrdinal(_ body: EventBody) -> Int {
        switch body {
        case .planCreated: 0
        case .planStarted: 1
        case .stepStarted: 2
        case .outputChunk: 3
        case .stepDone: 4
        case .stepFailed: 5
        case .stepSkipped: 6
        case .stepRetry: 7
        case .failureAnalysed: 8
        case .remediationProposed: 9
        case .remediationAccepted: 10
        case .remediationApplied: 11
        case .planPaused: 12
        case .planInterrupted: 13
        case .planResumed: 14
        case .rollbackStarted: 15
        case .rollbackDone: 16
        case .planDone: 17
        case .planFailed: 18
        case .planCancelled: 19
        case .checkpoint: 20
        case .unknown: 21
        case .commandStarted: 22
        case .commandFinished: 23
        case .packageSetChanged: 24
        case .fileInstalled: 25
        }
    }

    static let caseCount = 26
}
