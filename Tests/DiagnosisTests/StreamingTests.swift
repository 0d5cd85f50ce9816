import Diagnosis
import InstallModel
import Testing

@Suite struct StreamingTests {
    @Test(arguments: [1, 7, 42, 1_234])
    func chunkBoundariesDoNotChangeTheDiagnosis(seed: UInt64) throws {
        let catalog = try TestSupport.catalog()
        for fixture in FailureFixture.all {
            let whole = fixture.diagnose(catalog: catalog)
            var random = SplitMix64(seed: seed)
            var session = AnalysisSession(context: fixture.context, catalog: catalog)
            var offset = 0
            while offset < fixture.output.count {
                let size = Int(random.next() % 97) + 1
                let end = min(fixture.output.count, offset + size)
                session.feed(fixture.output[offset..<end], stream: .stderr)
                offset = end
            }
            let streamed = session.finish(
                exitCode: fixture.label.exit_code, timedOut: fixture.label.timed_out ?? false,
                interrupted: fixture.label.interrupted ?? false)
            #expect(streamed == whole, "\(fixture.name) with seed \(seed)")
        }
    }

    @Test func fiftyMegabytesAreAnalysedInBoundedMemory() throws {
        let catalog = try TestSupport.catalog()
        var session = AnalysisSession(context: AnalysisContext(command: ["make", "-j8"]), catalog: catalog)
        let noise = Array("   Compiling module_0042 (src/module_0042.c) -O2 -Wall -fPIC -DNDEBUG ok\n".utf8)
        var chunk: [UInt8] = []
        while chunk.count < 1 << 20 { chunk += noise }
        let chunkCount = 50
        var retainedMax = 0
        for index in 0..<chunkCount {
            session.feed(chunk, stream: .stdout)
            if index == chunkCount / 2 {
                session.feed(Array("src/x.c:1:10: fatal error: zlib.h: No such file or directory\n".utf8), stream: .stderr)
            }
            retainedMax = max(retainedMax, session.retainedBytes)
        }
        let diagnosis = session.finish(exitCode: 2)
        #expect(session.byteCount >= 50 << 20)
        #expect(retainedMax < 64 * 1024, "retained \(retainedMax) bytes")
        #expect(diagnosis.kind == .missingHeaders)
    }

    @Test func aHugeLineIsCutNotHeld() throws {
        let catalog = try TestSupport.catalog()
        var session = AnalysisSession(context: AnalysisContext(), catalog: catalog)
        let line = [UInt8](repeating: 65, count: 5 << 20)
        session.feed(line, stream: .stdout)
        #expect(session.retainedBytes <= 4_096)
        session.feed(Array("\nE: Unable to locate package foo\n".utf8), stream: .stdout)
        #expect(session.finish(exitCode: 100).kind == .packageNotFound)
    }
}

