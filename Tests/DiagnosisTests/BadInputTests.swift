import Diagnosis
import InstallModel
import Testing

@Suite struct BadInputTests {
    @Test func emptyOutputIsUnknown() throws {
        let diagnosis = try TestSupport.analyse("", exitCode: 1)
        #expect(diagnosis.kind == .unknown)
        #expect(diagnosis.evidence == ["exit status 1"])
    }

    @Test(arguments: [UInt64(1), 2, 3, 99])
    func binaryGarbageIsUnknownAndDoesNotCrash(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let garbage = (0..<200_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let diagnosis = Analyser.analyse(
            output: garbage, exitCode: 1, context: AnalysisContext(), catalog: try TestSupport.catalog())
        #expect(diagnosis.kind == .unknown)
        #expect(diagnosis.evidence.count <= 7)
    }

    @Test func controlBytesAndEscapesAreCleanedFromEvidence() throws {
        let output = "\u{1B}[1m\u{1B}[31merror\u{1B}[0m: linker `cc` not found\u{7}\r\n"
        let diagnosis = try TestSupport.analyse(output, exitCode: 101, command: ["cargo", "build"])
        #expect(diagnosis.kind == .compilerMissing)
        #expect(diagnosis.evidence == ["error: linker `cc` not found"])
    }

    @Test func invalidUTF8SplitAcrossChunksIsTolerated() throws {
        var session = AnalysisSession(context: AnalysisContext(), catalog: try TestSupport.catalog())
        let text = Array("E: Unable to locate package caf\u{E9}-tool\n".utf8)
        let cut = text.count - 8
        session.feed(text[..<cut], stream: .stderr)
        session.feed([0xFF, 0xFE], stream: .stdout)
        session.feed(text[cut...], stream: .stderr)
        #expect(session.finish(exitCode: 100).kind == .packageNotFound)
    }
}
