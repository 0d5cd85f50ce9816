import Diagnosis
import Foundation
import InstallModel
import Testing

@Suite struct FixtureClassificationTests {
    let catalog: RuleCatalog

    init() throws { catalog = try RuleCatalog.bundled() }

    @Test func everySidecarHasAnOutputAndAValidLabel() {
        #expect(FailureFixture.all.count == FailureFixture.sidecarCount)
        for fixture in FailureFixture.all {
            #expect(FailureKind(rawValue: fixture.label.kind) != nil, "\(fixture.name): unknown kind")
            #expect(["captured", "documented"].contains(fixture.label.source), "\(fixture.name): bad source")
        }
    }

    @Test func theLabelledSetIsLargeAndCoversEveryKindWithRealCaptures() {
        #expect(FailureFixture.all.count >= 150)
        for kind in FailureKind.allCases {
            let captured = FailureFixture.all.filter { $0.label.kind == kind.rawValue && $0.label.source == "captured" }
            #expect(captured.count >= 3, "\(kind.rawValue): \(captured.count) captured fixtures, want 3 or more")
        }
    }

    @Test(arguments: FailureFixture.all)
    func fixtureIsClassifiedAsLabelled(_ fixture: FailureFixture) {
        let diagnosis = fixture.diagnose(catalog: catalog)
        #expect(
            diagnosis.kind.rawValue == fixture.label.kind,
            "\(fixture.name): got \(diagnosis.kind.rawValue) via \(diagnosis.ruleID ?? "-") \(diagnosis.evidence)")
        if diagnosis.kind != .unknown { #expect(!diagnosis.evidence.isEmpty) }
    }

    @Test func accuracyPerKindIsReportedAndPerfect() {
        let rows = FailureFixture.all.map {
            (label: $0.label.kind, predicted: $0.diagnose(catalog: catalog).kind.rawValue, source: $0.label.source)
        }
        let report = AccuracyReport(rows: rows)
        print(report.table)
        #expect(report.overall == 1.0, "accuracy \(report.overall)")
    }
}
