import Diagnosis
import InstallModel
import Testing

/// What the planner turns a remediation's modifier into: the typed adjustment of the failed step, the
/// environment allow-list, true availability of what a remediation needs, and typed method switches.
@Suite struct RemediationEffectTypingTests {
    private func remediation(_ id: String, in diagnosis: Diagnosis) -> Remediation? {
        diagnosis.remediations.first { $0.id == id }
    }

    private let pipStep = Step(
        id: "pip-httpie", label: "Install httpie", action: .tool(ToolParameters(installer: .pip, package: "httpie")),
        timeoutSeconds: 100, tool: "httpie")

    @Test func modifiersBecomeATypedAdjustmentOfTheFailedStep() throws {
        let pep668 = try TestSupport.analyse("error: externally-managed-environment\n", step: pipStep, profile: TestSupport.profile())
        #expect(remediation("pip-break-system-packages", in: pep668)?.adjustment
            == StepAdjustment(remediation: "pip-break-system-packages", extraArguments: ["--break-system-packages"]))
        let timeout = try TestSupport.analyse("", exitCode: 124, step: pipStep, profile: TestSupport.profile(), timedOut: true)
        #expect(remediation("extend-timeout", in: timeout)?.adjustment == StepAdjustment(remediation: "extend-timeout", timeoutSeconds: 300))
        let dns = try TestSupport.analyse(
            "curl: (6) Could not resolve host: deb.example.org\n", exitCode: 6, step: pipStep, profile: TestSupport.profile())
        #expect(remediation("retry-with-backoff", in: dns)?.adjustment
            == StepAdjustment(remediation: "retry-with-backoff", attempts: 3, backoffSeconds: [10, 30, 90]))
    }

    @Test func anAdjustmentChangesTheStepItAppliesTo() {
        let adjustment = StepAdjustment(
            remediation: "x", timeoutSeconds: 300, attempts: 2, jobs: 1, environment: ["PIP_DEFAULT_TIMEOUT": "60"],
            extraArguments: ["--break-system-packages"], asRoot: true)
        let adjusted = adjustment.applied(to: pipStep)
        #expect(adjusted.timeoutSeconds == 300)
        #expect(adjusted.needsRoot)
        #expect(adjusted.action == .tool(ToolParameters(installer: .pip, package: "httpie", arguments: ["--break-system-packages"])))
        #expect(adjusted.adjustment?.environment == ["PIP_DEFAULT_TIMEOUT": "60", "MAKEFLAGS": "-j1", "CARGO_BUILD_JOBS": "1"])
        // Applied twice (a chain), arguments are not repeated and later values win.
        let again = StepAdjustment(remediation: "y", timeoutSeconds: 900, extraArguments: ["--break-system-packages"]).applied(to: adjusted)
        #expect(again.action == adjusted.action)
        #expect(again.timeoutSeconds == 900)
        #expect(again.adjustment?.attempts == 2)
        #expect(again.adjustment?.remediation == "y")
        #expect(StepAdjustment(remediation: "w", attempts: 3, backoffSeconds: [10, 30], waitSeconds: 5).waitSeconds(beforeRun: 1) == 5)
        #expect(StepAdjustment(remediation: "w", attempts: 3, backoffSeconds: [10, 30]).waitSeconds(beforeRun: 4) == 30)
    }

    @Test func extraArgumentsForAStepWithoutACommandAreImpossible() throws {
        let config = Step(
            id: "config", label: "Write config", action: .config(ConfigParameters(path: "/etc/x", action: .write, content: "")))
        #expect(StepAdjustment(remediation: "x", extraArguments: ["--user"]).refusal(for: config) != nil)
        #expect(StepAdjustment(remediation: "x", extraArguments: ["--user"]).refusal(for: pipStep) == nil)
    }

    @Test func onlyAllowListedVariablesMayBeSetByARemediation() throws {
        for name in ["GITHUB_TOKEN", "PIP_INDEX_URL", "GOPROXY", "npm_config_prefix", "https_proxy", "PKG_CONFIG_PATH"] {
            #expect(RemediationEnvironment.isAllowed(name), "\(name)")
        }
        for name in ["PATH", "LD_PRELOAD", "LD_LIBRARY_PATH", "HOME", "npm_config_", "BASH_ENV"] {
            #expect(RemediationEnvironment.refusal(forName: name)?.contains("allow-list") == true, "\(name)")
        }
        let evil = try RuleCatalog(files: [
            .init(path: "rules/x.yaml", text: """
                family: demo
                layer: method_family
                rules:
                  - id: demo-rule
                    kind: network-unreachable
                    patterns: ['boom happened']
                    confidence: 0.9
                    remediations: [preload]
                """),
            .init(path: "remediations/x.yaml", text: """
                remediations:
                  - {id: preload, strategy: env_fix, summary: Preload, automatic: true, modifier: {env: 'LD_PRELOAD=/tmp/x.so'}}
                """),
        ])
        let diagnosis = Analyser.analyse(
            output: "boom happened\n", exitCode: 1, context: AnalysisContext(step: pipStep, command: ["pip"], profile: TestSupport.profile()),
            catalog: evil)
        #expect(remediation("preload", in: diagnosis)?.availability
            == .impossible(reason: "a remediation may not set LD_PRELOAD: it is not on the environment allow-list (Docs/REMEDIATIONS.md)"))
        #expect(remediation("preload", in: diagnosis)?.adjustment == nil)
    }

    @Test func anUnknownModifierIsACatalogError() {
        #expect(throws: RuleCatalogError.self) {
            try RuleCatalog(files: [
                .init(path: "remediations/x.yaml", text: "remediations:\n  - {id: fix, strategy: retry, summary: Retry, modifier: {replaces_failed_step: 'true'}}\n")
            ])
        }
    }

    @Test func aRemediationNeedingAnAbsentProgramIsImpossibleAndSaysWhy() throws {
        let output = FailureFixture.all.first { $0.name == "cargo-rust-version" }.map { String(decoding: $0.output, as: UTF8.self) } ?? ""
        let cargo = Step(id: "cargo-tool", label: "Build", action: .postInstall(CommandParameters(argv: ["cargo", "build"])))
        var without = TestSupport.profile()
        without.programs = ["cargo", "curl"]
        var with = without
        with.programs = ["cargo", "curl", "rustup"]
        let unknown = try TestSupport.analyse(output, exitCode: 101, command: ["cargo", "build"], step: cargo, profile: TestSupport.profile())
        let absent = try TestSupport.analyse(output, exitCode: 101, command: ["cargo", "build"], step: cargo, profile: without)
        let present = try TestSupport.analyse(output, exitCode: 101, command: ["cargo", "build"], step: cargo, profile: with)
        #expect(absent.kind == .runtimeVersionIncompatible)
        #expect(remediation("rustup-update", in: absent)?.availability
            == .impossible(reason: "rustup is not installed here, and nothing in this remediation installs it"))
        #expect(remediation("rustup-update", in: present)?.availability == .ready)
        // A named profile does not know which programs a machine has: not claimed impossible.
        #expect(remediation("rustup-update", in: unknown)?.availability == .ready)
    }

    @Test func switchingStrategiesAreTypedAndTheirStepsInstallWhatTheyNeed() throws {
        let pep668 = try TestSupport.analyse(
            "error: externally-managed-environment\n", step: pipStep, profile: TestSupport.profile(managers: [.apt, .pip]))
        let chain = remediation("install-pipx-then-use-pipx", in: pep668)
        #expect(chain?.strategy == .installDepThenSwitch)
        #expect(chain?.replacesFailedStep == true)
        #expect(chain?.availability == .ready)
        #expect(chain?.steps.map(\.kind) == [.packages, .tool])
        #expect(remediation("use-pipx", in: pep668)?.replacesFailedStep == true)
        #expect(remediation("pip-break-system-packages", in: pep668)?.replacesFailedStep == false)
        #expect(remediation("use-pipx", in: pep668)?.modifier.isEmpty == true)
    }
}
