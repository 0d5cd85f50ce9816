import Diagnosis
import InstallModel
import Testing

@Suite struct RemediationTests {
    private func remediation(_ id: String, in diagnosis: Diagnosis) -> Remediation? {
        diagnosis.remediations.first { $0.id == id }
    }

    @Test func everyPlanStepDiagnosisEndsWithRetrySkipCancel() throws {
        let catalog = try TestSupport.catalog()
        for fixture in FailureFixture.all {
            let step = Step(id: "failed", label: fixture.label.command, action: .postInstall(CommandParameters(argv: [fixture.label.command])))
            let diagnosis = Analyser.analyse(
                output: fixture.output, exitCode: fixture.label.exit_code,
                context: AnalysisContext(step: step, command: [fixture.label.command]), catalog: catalog)
            let ids = diagnosis.remediations.map(\.id)
            #expect(Array(ids.suffix(3)) == ["retry", "skip", "cancel"], "\(fixture.name)")
            #expect(Set(ids).count == ids.count, "\(fixture.name): duplicate remediation ids")
        }
        let unknown = try TestSupport.analyse("", exitCode: nil, step: TestSupport.aptStep)
        // Unknown says so and offers reading the error lines, never a guessed fix, then the fallbacks.
        #expect(unknown.remediations.map(\.strategy) == [.manual, .retry, .skip, .cancel])
    }

    @Test func serviceRemediationsAreImpossibleWithoutSystemd() throws {
        let output = "Job for nginx.service failed because the control process exited with error code.\n"
        let withSystemd = try TestSupport.analyse(output, command: ["systemctl", "start", "nginx"], profile: TestSupport.profile())
        let serviceStep = Step(
            id: "start-nginx", label: "Start nginx", action: .postInstall(CommandParameters(argv: ["systemctl", "start", "nginx"])))
        let without = try TestSupport.analyse(
            output, command: ["systemctl", "start", "nginx"], step: serviceStep, profile: TestSupport.profile(init: .openrc))
        #expect(withSystemd.kind == .serviceFailed)
        #expect(remediation("restart-service", in: withSystemd)?.availability == .ready)
        guard case .impossible(let reason) = remediation("restart-service", in: without)?.availability else {
            Issue.record("restart-service should be impossible without systemd")
            return
        }
        #expect(reason.contains("systemd"))
        // Impossible remediations rank after ready ones; fallbacks stay last.
        let ids = without.remediations.map(\.id)
        #expect(ids.firstIndex(of: "restart-service") ?? 0 > ids.firstIndex(of: "show-service-logs").map { _ in -1 } ?? -1)
        #expect(Array(ids.suffix(3)) == ["retry", "skip", "cancel"])
    }

    @Test func sudoRemediationsAreImpossibleWithoutSudoOrRoot() throws {
        let output = "E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\n"
        let noSudo = TestSupport.profile(isRoot: false, hasSudo: false)
        let diagnosis = try TestSupport.analyse(output, exitCode: 100, step: TestSupport.aptStep, profile: noSudo)
        #expect(diagnosis.kind == .needsRoot)
        guard case .impossible = remediation("retry-with-sudo", in: diagnosis)?.availability else {
            Issue.record("retry-with-sudo should be impossible")
            return
        }
        let asRoot = try TestSupport.analyse(
            output, exitCode: 100, step: TestSupport.aptStep, profile: TestSupport.profile(isRoot: true, hasSudo: false))
        #expect(remediation("retry-with-sudo", in: asRoot)?.availability == .ready)
    }

    @Test func missingPipxLocksThePipxSwitch() throws {
        let output = "error: externally-managed-environment\n"
        let step = Step(id: "pip-httpie", label: "Install httpie", action: .tool(ToolParameters(installer: .pip, package: "httpie")))
        let diagnosis = try TestSupport.analyse(output, step: step, profile: TestSupport.profile(managers: [.apt, .pip]))
        #expect(diagnosis.kind == .externallyManagedPython)
        #expect(
            remediation("use-pipx", in: diagnosis)?.availability
                == .locked(reason: "pipx is not installed", unlockDependencies: ["pipx"]))
        let withPipx = try TestSupport.analyse(output, step: step, profile: TestSupport.profile(managers: [.apt, .pip, .pipx]))
        let pipx = remediation("use-pipx", in: withPipx)
        #expect(pipx?.availability == .ready)
        #expect(withPipx.remediations.first?.id == "use-pipx")
        #expect(pipx?.steps.first?.action == .tool(ToolParameters(installer: .pipx, package: "httpie")))
    }

    @Test func theMissingHeaderMapsToTheDevPackageOfThisSystem() throws {
        let output = "src/net.c:4:10: fatal error: curl/curl.h: No such file or directory\n"
        let build = Step(id: "build-tool", label: "Build", action: .build(BuildParameters(system: .make, directory: "/src")))
        let debian = try TestSupport.analyse(output, step: build, profile: TestSupport.profile())
        let install = remediation("install-dev-package", in: debian)
        #expect(install?.availability == .ready)
        #expect(install?.steps.first?.action == .packages(PackagesParameters(manager: .apt, packages: ["libcurl4-openssl-dev"])))
        #expect(install?.steps.first?.lock == .apt)
        #expect(install?.steps.first?.needsRoot == true)
        let unknownHeader = try TestSupport.analyse(
            "x.c:1:10: fatal error: evlog_private.h: No such file or directory\n", step: build, profile: TestSupport.profile())
        guard case .impossible(let reason) = remediation("install-dev-package", in: unknownHeader)?.availability else {
            Issue.record("an unmapped header must not be guessed")
            return
        }
        #expect(reason.contains("evlog_private.h"))
    }

    @Test func remediationStepsAndTheFailedStepValidateAsAPlan() throws {
        let catalog = try TestSupport.catalog()
        let failures: [(String, [String])] = [
            ("E: Unable to locate package ripgrep\n", ["apt-get", "install", "ripgrep"]),
            ("E: Hash Sum mismatch\n", ["apt-get", "install", "ripgrep"]),
            ("E: dpkg was interrupted, you must manually run 'dpkg --configure -a' to correct the problem.\n", ["apt-get"]),
            ("x.c:1:10: fatal error: zlib.h: No such file or directory\n", ["make"]),
            ("dd: error writing 'x': No space left on device\n", ["dd"]),
        ]
        for (output, command) in failures {
            let diagnosis = Analyser.analyse(
                output: output, exitCode: 100,
                context: AnalysisContext(step: TestSupport.aptStep, command: command, profile: TestSupport.profile(isRoot: true)),
                catalog: catalog)
            #expect(diagnosis.remediations.contains { !$0.steps.isEmpty }, "\(output)")
            for remediation in diagnosis.remediations where !remediation.steps.isEmpty {
                let spliced = RemediationPlanner.splice(remediation, before: TestSupport.aptStep)
                let plan = [TestSupport.aptRepoStep] + spliced
                #expect(throws: Never.self) { try PlanGraph(steps: plan) }
                for (number, step) in remediation.steps.enumerated() {
                    #expect(step.id.rawValue == "fix-\(remediation.id)-\(number + 1)-for-install-ripgrep")
                }
                #expect(spliced.last?.dependsOn.contains(remediation.steps[remediation.steps.count - 1].id) == true)
                #expect(remediation.steps.first?.dependsOn == TestSupport.aptStep.dependsOn)
            }
        }
    }

    @Test func theSameRemediationForTheSameKindTwiceWouldLoop() throws {
        let catalog = try TestSupport.catalog()
        let diagnosis = try TestSupport.analyse(
            "E: Unable to locate package ripgrep\n", exitCode: 100, step: TestSupport.aptStep, profile: TestSupport.profile())
        let chain = RemediationChain(links: [.init(step: "install-ripgrep", kind: .packageNotFound, remediationID: "apt-update-retry")])
        let proposed = RemediationPlanner.propose(
            for: diagnosis, failedStep: TestSupport.aptStep, profile: TestSupport.profile(), chain: chain, catalog: catalog)
        guard case .impossible(let reason) = proposed.first(where: { $0.id == "apt-update-retry" })?.availability else {
            Issue.record("a repeated remediation must be refused")
            return
        }
        #expect(reason.contains("loop"))
        // The same remediation for another kind is not a loop; its steps get chain-depth ids.
        let otherKind = RemediationChain(links: [.init(step: "install-ripgrep", kind: .repoUnavailable, remediationID: "apt-update-retry")])
        let again = RemediationPlanner.propose(
            for: diagnosis, failedStep: TestSupport.aptStep, profile: TestSupport.profile(), chain: otherKind, catalog: catalog)
        let update = again.first { $0.id == "apt-update-retry" }
        #expect(update?.availability == .ready)
        #expect(update?.steps.first?.id == "fix-apt-update-retry-1-for-install-ripgrep-d1")
    }

    @Test func theChainStopsAtDepthFive() throws {
        let catalog = try TestSupport.catalog()
        let diagnosis = try TestSupport.analyse(
            "E: Unable to locate package ripgrep\n", exitCode: 100, step: TestSupport.aptStep, profile: TestSupport.profile())
        var chain = RemediationChain()
        for depth in 0..<RemediationChain.depthMax {
            let proposed = RemediationPlanner.propose(
                for: diagnosis, failedStep: TestSupport.aptStep, profile: TestSupport.profile(), chain: chain, catalog: catalog)
            #expect(proposed.first?.availability == .ready, "depth \(depth)")
            chain = chain.appending(.init(step: StepID("s\(depth)"), kind: .brokenDependencies, remediationID: "fix-\(depth)"))
        }
        #expect(chain.depth == 5)
        let atLimit = RemediationPlanner.propose(
            for: diagnosis, failedStep: TestSupport.aptStep, profile: TestSupport.profile(), chain: chain, catalog: catalog)
        for remediation in atLimit.dropLast(3) {
            guard case .impossible(let reason) = remediation.availability else {
                Issue.record("\(remediation.id) should be impossible at depth 5")
                continue
            }
            #expect(reason.contains("5 deep"))
        }
        #expect(atLimit.suffix(3).allSatisfy { $0.availability == .ready })
    }

    @Test func proposalsFromALoggedDiagnosisRecoverTheCaptures() throws {
        let catalog = try TestSupport.catalog()
        let logged = Diagnosis(
            kind: .missingHeaders, confidence: 0.97, evidence: ["a.c:1:10: fatal error: zlib.h: No such file or directory"],
            ruleID: "c-missing-header")
        let proposed = RemediationPlanner.propose(
            for: logged, failedStep: TestSupport.aptStep, profile: TestSupport.profile(managers: [.apk]), catalog: catalog)
        let install = proposed.first { $0.id == "install-dev-package" }
        #expect(install?.steps.first?.action == .packages(PackagesParameters(manager: .apk, packages: ["zlib-dev"])))
    }

    @Test func rankingPutsTheReadyRecommendationFirst() throws {
        let diagnosis = try TestSupport.analyse(
            "E: Unable to locate package ripgrep\n", exitCode: 100, step: TestSupport.aptStep,
            profile: TestSupport.profile(managers: [.dnf]))
        // apt-update-retry is the rule's recommendation, but apt is not on this system: it drops below ready ones.
        #expect(diagnosis.remediations.first?.id == "check-package-name")
        guard case .impossible = diagnosis.remediations.first(where: { $0.id == "apt-update-retry" })?.availability else {
            Issue.record("apt remediations are impossible on a dnf system")
            return
        }
    }
}

/// Advice a person would take, checked over the whole catalog rather than case by case.
@Suite struct RemediationAdviceTests {
    @Test func everyKindHasARemediationEvenWithoutARule() throws {
        let catalog = try TestSupport.catalog()
        for kind in FailureKind.allCases {
            let proposed = RemediationPlanner.propose(
                // Below certainty: a certain `unknown` is evlog's own policy refusal, which offers only skip and cancel.
                for: Diagnosis(kind: kind, confidence: 0.9, evidence: [], remediations: []),
                failedStep: TestSupport.aptStep, profile: TestSupport.profile(), catalog: catalog)
            let own = proposed.filter { !RemediationPlanner.fallbackIDs.contains($0.id) }
            #expect(!own.isEmpty, "\(kind.rawValue) has no remediation")
        }
    }

    @Test func summariesNeverPrintTheirAlternatives() throws {
        let catalog = try TestSupport.catalog()
        for kind in FailureKind.allCases {
            let step = Step(id: "s", label: "s", action: .postInstall(CommandParameters(argv: ["true"])))
            let proposed = RemediationPlanner.propose(
                // Below certainty: a certain `unknown` is evlog's own policy refusal, which offers only skip and cancel.
                for: Diagnosis(kind: kind, confidence: 0.9, evidence: [], remediations: []), failedStep: step,
                profile: nil, catalog: catalog)
            for remediation in proposed { #expect(!remediation.summary.contains("|"), "\(remediation.id): \(remediation.summary)") }
        }
        for template in catalog.templates.values where template.summary.contains("|") {
            let fields = template.summary.split(separator: "{").dropFirst().compactMap { $0.split(separator: "}").first }
            for field in fields where field.contains("|") {
                #expect(field.split(separator: "|", omittingEmptySubsequences: false).count >= 2, "\(template.id)")
            }
        }
    }

    @Test func retryWithBackoffComesFirstOnlyForTransientKinds() throws {
        let transient: Set<FailureKind> = [.networkTimeout, .httpError]
        for rule in try TestSupport.catalog().rules where rule.remediationIDs.first == "retry-with-backoff" {
            #expect(transient.contains(rule.kind), "\(rule.id) (\(rule.kind.rawValue)) offers a retry first")
        }
    }

    @Test func upgradesAreNeverLowRisk() throws {
        for template in try TestSupport.catalog().templates.values where template.strategy == .upgradeDep {
            #expect(template.risk >= .medium, "\(template.id)")
        }
    }

    @Test func versionsAreOfferedNewestFirstAFewWithASeparatorEvenFromAVeryLongLine() throws {
        let versions = (0..<1_000).map { "1.\($0 / 50).\($0 % 50)" }
        let line = "ERROR: Could not find a version that satisfies the requirement demo==9.9 (from versions: "
            + versions.joined(separator: ", ") + ")\nERROR: No matching distribution found for demo==9.9\n"
        #expect(line.utf8.count > 4_096)
        let diagnosis = try TestSupport.analyse(line, exitCode: 1, command: ["pip", "install", "demo==9.9"])
        #expect(diagnosis.kind == .versionNotAvailable)
        let pick = try #require(diagnosis.remediations.first { $0.id == "use-available-version" })
        #expect(pick.summary.contains("1.19.49, 1.19.48, 1.19.47"), "\(pick.summary)")
        #expect(pick.summary.count < 200, "\(pick.summary)")
    }

    @Test func aLinkerLibraryMapsToItsDevPackageByNameWhenTheIndexLacksIt() throws {
        let output = "/usr/bin/ld: cannot find -lsodium: No such file or directory\ncollect2: error: ld returned 1 exit status\n"
        let diagnosis = try TestSupport.analyse(output, exitCode: 1, command: ["make"], profile: TestSupport.profile())
        let install = try #require(diagnosis.remediations.first { $0.id == "install-dev-package" })
        #expect(install.summary.contains("libsodium-dev"), "\(install.summary)")
    }
}

@Suite struct PipxOnlyForProgramsTests {
    @Test func pipxIsOfferedOnlyWhenTheStepInstallsAProgram() throws {
        let fixture = try #require(FailureFixture.all.first { $0.label.kind == "externally-managed-python" })
        let catalog = try TestSupport.catalog()
        let library = Analyser.analyse(
            output: fixture.output, exitCode: fixture.label.exit_code,
            context: AnalysisContext(command: ["pip", "install", "--user", "requests"]), catalog: catalog)
        #expect(library.kind == .externallyManagedPython)
        #expect(library.remediations.first.map { !$0.id.contains("pipx") } ?? false, "\(library.remediations.map(\.id))")
        let toolStep = Step(
            id: "install-httpie", label: "Install httpie", action: .tool(ToolParameters(installer: .pip, package: "httpie")),
            tool: "httpie")
        let program = Analyser.analyse(
            output: fixture.output, exitCode: fixture.label.exit_code,
            context: AnalysisContext(step: toolStep, command: ["pip", "install", "httpie"]), catalog: catalog)
        let pipx = try #require(program.remediations.first { $0.id == "use-pipx" })
        if case .impossible(let reason) = pipx.availability { Issue.record("pipx impossible for a tool: \(reason)") }
    }
}
