import Diagnosis
import Foundation
import InstallModel
import Testing

@Suite struct LogDiagnosisTests {
    private func events(recorded: Diagnosis?, output: String, distribution: String = "debian") -> [Event] {
        var profile = TestSupport.profile()
        profile.distribution = distribution
        let plan = Plan(id: PlanID("p-1"), tools: ["ripgrep"], profile: profile, steps: [TestSupport.aptRepoStep, TestSupport.aptStep])
        var bodies: [EventBody] = [
            .planCreated(plan), .planStarted,
            .stepStarted(step: "apt-repo", attempt: 1, command: ["true"]),
            .stepDone(step: "apt-repo", exitCode: 0, durationMicros: 1, note: nil),
            .stepStarted(step: "install-ripgrep", attempt: 1, command: ["apt-get", "install", "-y", "ripgrep"]),
        ]
        let bytes = Array(output.utf8)
        for start in stride(from: 0, to: bytes.count, by: 10) {
            bodies.append(.outputChunk(step: "install-ripgrep", stream: .stderr, data: Array(bytes[start..<min(bytes.count, start + 10)]), redacted: false))
        }
        bodies.append(.stepFailed(step: "install-ripgrep", cause: .unexplained("exit status 100", exitCode: 100), durationMicros: 5))
        if let recorded { bodies.append(.failureAnalysed(step: "install-ripgrep", diagnosis: recorded)) }
        bodies.append(.planFailed(reason: "install-ripgrep failed"))
        return bodies.enumerated().map { Event(sequence: UInt64($0.offset + 1), time: Timestamp(microseconds: Int64($0.offset)), body: $0.element) }
    }

    @Test func failedStepsAreReanalysedAndComparedWithTheLog() throws {
        let catalog = try TestSupport.catalog()
        let old = Diagnosis(kind: .unknown, confidence: 0, evidence: [])
        let results = LogDiagnosis.rediagnose(
            events: events(recorded: old, output: "Reading package lists...\nE: Unable to locate package ripgrep\n"), catalog: catalog)
        #expect(results.count == 1)
        let result = try #require(results.first)
        #expect(result.step == "install-ripgrep")
        #expect(result.current.kind == .packageNotFound)
        #expect(result.recorded?.kind == .unknown)
        #expect(result.differs)
        #expect(result.current.remediations.first?.steps.first?.id == "fix-apt-update-retry-1-for-install-ripgrep")
        let record = DiagnosisRecord(result)
        let line = try record.jsonLine()
        #expect(line.contains("\"kind\":\"package-not-found\""))
        #expect(line.contains("\"recorded\":{"))
        #expect(DiagnosisText.render(record).contains("the log recorded: unknown"))
    }

    @Test func theSameDiagnosisIsNotReportedAsADifference() throws {
        let catalog = try TestSupport.catalog()
        let output = "E: Unable to locate package ripgrep\n"
        let first = LogDiagnosis.rediagnose(events: events(recorded: nil, output: output), catalog: catalog)
        let again = LogDiagnosis.rediagnose(events: events(recorded: first.first?.current, output: output), catalog: catalog)
        #expect(again.first?.differs == false)
    }

    @Test func theFleetSummaryCountsByKindToolAndOS() throws {
        let catalog = try TestSupport.catalog()
        var fleet = FleetSummary()
        fleet.add(events: events(recorded: nil, output: "E: Unable to locate package ripgrep\n"), catalog: catalog)
        fleet.add(events: events(recorded: nil, output: "E: Unable to locate package ripgrep\n", distribution: "ubuntu"), catalog: catalog)
        fleet.add(events: events(recorded: nil, output: "dpkg: error: No space left on device\n"), catalog: catalog)
        #expect(fleet.planCount == 3)
        #expect(fleet.failureCount == 3)
        #expect(fleet.byKind == ["package-not-found": 2, "disk-full": 1])
        #expect(fleet.byTool == ["ripgrep": 3])
        #expect(fleet.byOS == ["debian 12": 2, "ubuntu 12": 1])
        #expect(DiagnosisText.render(fleet).contains("package-not-found"))
    }

    /// A bundle whose seals do not cover it is named apart and counted nowhere (integrity11 #17).
    @Test func aBundleNotCoveredByItsSealsIsNamedApartAndNotCounted() throws {
        let catalog = try TestSupport.catalog()
        var fleet = FleetSummary()
        fleet.add(events: events(recorded: nil, output: "E: Unable to locate package ripgrep\n"), catalog: catalog)
        fleet.addNotCounted("b/web2.evb", reason: "the bundle's seals do not cover record 21 on (seal 7 is broken)")
        #expect(fleet.planCount == 1 && fleet.failureCount == 1)
        let text = DiagnosisText.render(fleet)
        #expect(text.contains("1 bundle not counted (its seals do not cover it):\n  b/web2.evb: the bundle's seals do not cover record 21"), "\(text)")
        let json = String(decoding: try JSONEncoder().encode(fleet), as: UTF8.self)
        #expect(json.contains(#""not_counted":{"b\/web2.evb":"#), "\(json)")
    }

    @Test func jsonRecordsCarryTheContractKeys() throws {
        let diagnosis = try TestSupport.analyse("curl: (6) Could not resolve host: example.invalid\n", exitCode: 6)
        let line = try DiagnosisRecord(diagnosis, exitCode: 6).jsonLine()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "network-unreachable")
        #expect((object["confidence"] as? Double).map { (0...1).contains($0) } == true)
        #expect((object["evidence"] as? [String])?.isEmpty == false)
        let remediations = try #require(object["remediations"] as? [[String: Any]])
        #expect(remediations.allSatisfy { $0["id"] is String && $0["summary"] is String && $0["availability"] is String })
        #expect(!line.contains("\n"))
    }
}
