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

    @Test func ambiguousPatternsRespectTheContext() throws {
        // `E404` means a missing package for npm; on a pip step the npm rule does not apply.
        let npmLine = "npm error code E404\n"
        #expect(try TestSupport.analyse(npmLine, command: ["npm", "install", "x"]).kind == .packageNotFound)
        #expect(try TestSupport.analyse(npmLine, command: ["pip", "install", "x"]).kind == .unknown)
    }
}
