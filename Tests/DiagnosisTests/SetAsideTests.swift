import Diagnosis
import InstallModel
import Testing

/// Several errors in one output: the cause wins over its symptoms, the error that ended the command wins
/// over one the command went past, and what was set aside is reported. Outputs are real captures.
@Suite struct SetAsideTests {
    let catalog: RuleCatalog
    init() throws { catalog = try RuleCatalog.bundled() }

    func fixture(_ name: String) throws -> FailureFixture {
        try #require(FailureFixture.all.first { $0.name == name }, "missing fixture \(name)")
    }

    @Test func handledPEP668IsSetAsideForTheErrorThatEndedTheCommand() throws {
        let diagnosis = try fixture("pep668-then-break-system-packages-not-found").diagnose(catalog: catalog)
        #expect(diagnosis.kind == .packageNotFound)
        let setAside = try #require(diagnosis.setAside)
        #expect(setAside.count == 1)
        #expect(setAside[0].hasPrefix("externally-managed-python (line "))
        #expect(setAside[0].contains("a later error ended it"))
    }

    @Test func aSymptomYieldsToItsDeclaredCauseWhateverTheOrder() throws {
        let diagnosis = try fixture("curl-404-piped-to-gpg").diagnose(catalog: catalog)
        #expect(diagnosis.kind == .httpError)
        #expect(diagnosis.setAside?.first?.contains("gpg-key-error") == true)
        #expect(diagnosis.setAside?.first?.contains("a consequence of http-error") == true)
    }

    @Test func pipNotFoundAfterConnectionErrorsIsTheNetworksFault() throws {
        let diagnosis = try fixture("pip-dns").diagnose(catalog: catalog)
        #expect(diagnosis.kind == .networkUnreachable)
        #expect(diagnosis.setAside?.contains { $0.hasPrefix("package-not-found") } == true)
    }

    @Test func aLoneErrorSetsNothingAside() throws {
        let diagnosis = try fixture("pip-module-pep668").diagnose(catalog: catalog)
        #expect(diagnosis.kind == .externallyManagedPython)
        #expect(diagnosis.setAside == nil)
    }

    @Test func genericNoiseAfterTheRealErrorDoesNotSupersedeIt() throws {
        let output = """
            fatal error: zlib.h: No such file or directory
            compilation terminated.
            rm: cannot remove 'build/tmp': Permission denied
            """
        let diagnosis = Analyser.analyse(output: output, exitCode: 2, context: AnalysisContext(), catalog: catalog)
        #expect(diagnosis.kind == .missingHeaders)
    }

    @Test func theRecordAndTextShowWhatWasSetAside() throws {
        let diagnosis = try fixture("pep668-then-break-system-packages-bad-version").diagnose(catalog: catalog)
        let record = DiagnosisRecord(diagnosis)
        #expect(try record.jsonLine().contains("\"set_aside\":[\"externally-managed-python"))
        #expect(DiagnosisText.render(record).contains("set aside (earlier errors that were not the cause):"))
    }
}

/// An exit status is evidence on its own when the output says nothing.
@Suite struct ExitStatusEvidenceTests {
    let catalog: RuleCatalog
    init() throws { catalog = try RuleCatalog.bundled() }

    func analyse(_ output: String, _ code: Int32) -> Diagnosis {
        Analyser.analyse(output: output, exitCode: code, context: AnalysisContext(), catalog: catalog)
    }

    @Test func exit124IsATimeout() {
        let diagnosis = analyse("", 124)
        #expect(diagnosis.kind == .stepTimeout)
        #expect(diagnosis.evidence == ["exit status 124: killed by timeout"])
    }

    @Test(arguments: [(Int32(129), "SIGHUP"), (130, "SIGINT"), (143, "SIGTERM")])
    func signalExitsAreInterruptions(_ code: Int32, _ signal: String) {
        let diagnosis = analyse("", code)
        #expect(diagnosis.kind == .interrupted)
        #expect(diagnosis.evidence.last == "exit status \(code): killed by \(signal)")
    }

    @Test func exit137IsTheOOMKillerAndSays() {
        let diagnosis = analyse("", 137)
        #expect(diagnosis.kind == .outOfMemory)
        #expect(diagnosis.evidence.last?.hasPrefix("exit status 137: killed by SIGKILL") == true)
    }

    @Test func aSegfaultIsUnknownButExplained() {
        let diagnosis = analyse("", 139)
        #expect(diagnosis.kind == .unknown)
        #expect(diagnosis.evidence.last == "exit status 139: killed by SIGSEGV (segmentation fault: the program crashed)")
    }

    @Test func aSignalFromTheExecutorIsReadAsItsShellStatus() {
        var session = AnalysisSession(context: AnalysisContext(), catalog: catalog)
        let diagnosis = session.finish(cause: FailureCause(signal: 9, message: "killed by signal 9"))
        #expect(diagnosis.kind == .outOfMemory)
        #expect(diagnosis.evidence.last?.hasPrefix("exit status 137: killed by SIGKILL") == true)
    }

    @Test func outputThatExplainsTheFailureBeatsTheStatus() {
        let diagnosis = analyse("E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 812 (apt)", 124)
        #expect(diagnosis.kind == .packageManagerLocked)
    }
}

/// `evlog diagnose --output` has no plan: it proposes what a person can do, as commands, never retry/skip/cancel.
@Suite struct PastedOutputRemediationTests {
    let catalog: RuleCatalog
    init() throws { catalog = try RuleCatalog.bundled() }

    @Test(arguments: FailureFixture.all.filter { $0.label.kind != "unknown" })
    func pastedOutputNeverOffersPlanOnlyActions(_ fixture: FailureFixture) {
        let diagnosis = Analyser.analyse(
            output: fixture.output, exitCode: fixture.label.exit_code,
            context: AnalysisContext(command: [fixture.label.command], profile: TestSupport.profile(isRoot: true)),
            catalog: catalog)
        let planOnly: Set<RemediationStrategy> = [.retry, .skip, .cancel]
        #expect(!diagnosis.remediations.contains { planOnly.contains($0.strategy) }, "\(fixture.name)")
    }

    @Test func dpkgInterruptedProposesTheCommandToRun() throws {
        let output = "E: dpkg was interrupted, you must manually run 'dpkg --configure -a' to correct the problem."
        let diagnosis = Analyser.analyse(
            output: output, exitCode: 100,
            context: AnalysisContext(command: ["apt-get install -y jq"], packageManager: .apt, profile: TestSupport.profile()),
            catalog: catalog)
        let record = DiagnosisRecord(diagnosis)
        let fix = try #require(record.remediations.first)
        #expect(fix.id == "dpkg-configure-retry")
        #expect(fix.commands == ["sudo dpkg --configure -a"])
        #expect(DiagnosisText.render(record).contains("$ sudo dpkg --configure -a"))
    }

    @Test func aPlanStepStillGetsRetrySkipCancel() throws {
        let diagnosis = try TestSupport.analyse(
            "E: Unable to locate package ripgrepp", exitCode: 100, step: TestSupport.aptStep, profile: TestSupport.profile())
        #expect(Array(diagnosis.remediations.suffix(3).map(\.id)) == RemediationPlanner.fallbackIDs)
    }
}
