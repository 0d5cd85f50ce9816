import Diagnosis
import InstallModel
import Testing

@Suite struct RootCauseTests {
    @Test func aptErrorAfterALongPreambleWins() throws {
        var output = "Reading package lists...\nBuilding dependency tree...\nReading state information...\n"
        for index in 0..<400 {
            output += "Get:\(index) http://deb.debian.org/debian bookworm/main amd64 libgpg-error0 amd64 1.46-1 [70 kB]\n"
        }
        output += "E: Unable to locate package ripgrepp\nE: Couldn't find any package by glob 'ripgrepp'\n"
        let diagnosis = try TestSupport.analyse(output, exitCode: 100, command: ["apt-get", "install", "-y", "ripgrepp"])
        #expect(diagnosis.kind == .packageNotFound)
        #expect(diagnosis.ruleID == "apt-unable-to-locate")
        #expect(diagnosis.evidence.first == "E: Unable to locate package ripgrepp")
    }

    @Test func cargoCausedByChainNamesTheInnermostCause() throws {
        let output = """
                Updating crates.io index
            error: failed to get `serde` as a dependency of package `demo v0.1.0 (/src/demo)`

            Caused by:
              failed to load source for dependency `serde`

            Caused by:
              Unable to update registry `crates-io`

            Caused by:
              failed to fetch `https://index.crates.io/`

            Caused by:
              [6] Couldn't resolve host name (Could not resolve host: index.crates.io)
            """
        let diagnosis = try TestSupport.analyse(output, exitCode: 101, command: ["cargo", "install", "demo"])
        #expect(diagnosis.kind == .networkUnreachable)
        #expect(diagnosis.evidence.contains { $0.contains("Could not resolve host: index.crates.io") })
    }

    @Test func npmErrorBlockIsReadPastItsWarnings() throws {
        let output = """
            npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory.
            npm warn EBADENGINE Unsupported engine {
            npm warn EBADENGINE   package: 'left-pad@2.0.0',
            npm warn EBADENGINE }
            npm error code E404
            npm error 404 Not Found - GET https://registry.npmjs.org/left-padd - Not found
            npm error 404
            npm error 404  'left-padd@*' is not in this registry.
            npm error A complete log of this run can be found in: /root/.npm/_logs/debug-0.log
            """
        let diagnosis = try TestSupport.analyse(output, exitCode: 1, command: ["npm", "install", "-g", "left-padd"])
        #expect(diagnosis.kind == .packageNotFound)
        #expect(diagnosis.ruleID == "npm-e404")
    }

    @Test func aWarningThatLooksLikeAnErrorDoesNotWin() throws {
        let output = """
            warning: unable to access '/root/.config/git/attributes': Permission denied
            dpkg: warning: failed to open configuration file '/root/.dpkg.cfg' for reading: Permission denied
            a.c:3:5: warning: implicit declaration of function 'foo'; out of memory soon
            a.c:1:10: fatal error: openssl/ssl.h: No such file or directory
            compilation terminated.
            """
        let diagnosis = try TestSupport.analyse(output, exitCode: 1, command: ["gcc", "-c", "a.c"])
        #expect(diagnosis.kind == .missingHeaders)
        #expect(diagnosis.evidence == ["a.c:1:10: fatal error: openssl/ssl.h: No such file or directory"])
    }

    @Test func onlyWarningsMeansUnknownWithTheLinesShown() throws {
        let diagnosis = try TestSupport.analyse("warning: Permission denied\nsomething broke\nfatal: it went wrong\n", exitCode: 3)
        #expect(diagnosis.kind == .unknown)
        #expect(diagnosis.confidence == 0)
        #expect(diagnosis.evidence.contains("fatal: it went wrong"))
        #expect(diagnosis.evidence.last == "exit status 3")
    }

    @Test func specialExitCodesAndSignals() throws {
        #expect(try TestSupport.analyse("", exitCode: 127).kind == .commandNotFound)
        #expect(try TestSupport.analyse("Killed\n", exitCode: 137).kind == .outOfMemory)
        #expect(try TestSupport.analyse("Killed\n", exitCode: 137).confidence > 0.9)
        #expect(try TestSupport.analyse("compiling\n", exitCode: nil, timedOut: true).kind == .stepTimeout)
        #expect(try TestSupport.analyse("E: Unable to locate package x\n", exitCode: 130, interrupted: true).kind == .interrupted)
    }

    @Test func aTimeoutWhileWaitingOnALockOffersTheLockFixesToo() throws {
        let output = "Waiting for cache lock: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 42 (unattended-upgr)\n"
        let diagnosis = try TestSupport.analyse(output, exitCode: nil, command: ["apt-get", "install", "x"], timedOut: true)
        #expect(diagnosis.kind == .stepTimeout)
        let ids = diagnosis.remediations.map(\.id)
        #expect(ids.contains("extend-timeout"))
        #expect(ids.contains("wait-for-lock"))
    }

    @Test func theCommandRanksRulesButNeverHidesEvidence() throws {
        // Two rules about two tools, equally sure, each matching one line of the same output.
        let rules = """
            family: demo
            layer: method_family
            rules:
              - {id: alpha-rule, kind: disk-full, when: {commands: [alpha]}, patterns: ['alpha says full'], confidence: 0.9, remediations: [fix]}
              - {id: beta-rule, kind: needs-root, when: {commands: [beta]}, patterns: ['beta says root'], confidence: 0.9, remediations: [fix]}
            """
        let catalog = try RuleCatalog(files: [
            .init(path: "rules/demo.yaml", text: rules),
            .init(path: "remediations/x.yaml", text: "remediations:\n  - {id: fix, strategy: retry, summary: Retry}\n"),
        ])
        func kind(_ output: String, _ command: [String]) -> (FailureKind, Double) {
            let d = Analyser.analyse(output: output, exitCode: 1, context: AnalysisContext(command: command), catalog: catalog)
            return (d.kind, d.confidence)
        }
        let both = "beta says root\nalpha says full\n"
        #expect(kind(both, ["alpha", "x"]).0 == .diskFull)
        #expect(kind(both, ["beta", "x"]).0 == .needsRoot)
        // A wrapper or a script names no tool: as when the output is pasted alone, the error that ended it decides.
        for wrapper in [["sh", "-c", "./install.sh"], ["make", "install"], ["./ci/build"], []] {
            #expect(kind(both, wrapper).0 == .diskFull, "\(wrapper)")
            #expect(kind("alpha says full\n", wrapper) == (.diskFull, 0.9), "\(wrapper)")
        }
        // Another tool's words still count under a command that names a different tool, a little less sure.
        let other = kind("alpha says full\n", ["beta", "x"])
        #expect(other.0 == .diskFull && other.1 < 0.9)
    }

    @Test func capturedAptOutputIsDiagnosedTheSameAloneOrInsideAScript() throws {
        let fixture = try #require(FailureFixture.all.first { $0.name == "locale-de_de-apt-no-such-package" })
        for command in [[], ["apt-get install -y nosuchpkg"], ["sh", "-c", "./install.sh"], ["make", "deps"], ["bash", "ci.sh"]] {
            let diagnosis = Analyser.analyse(
                output: fixture.output, exitCode: 100, context: AnalysisContext(command: command), catalog: try TestSupport.catalog())
            #expect(diagnosis.kind == .packageNotFound, "\(command)")
        }
    }
}
