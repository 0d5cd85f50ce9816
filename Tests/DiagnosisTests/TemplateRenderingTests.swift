import Foundation
import InstallModel
import Testing

@testable import Diagnosis

/// Every remediation summary of the catalog, rendered with all its values known and with none known, reads
/// as a sentence: no braces, alternatives or `<placeholders>` left, no doubled spaces, no word glued to a filled value.
@Suite struct TemplateRenderingTests {
    /// A value no template text contains, so where it lands can be checked.
    private static let marker = "Qv7x"

    private static func holeNames(in text: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: "\\{([A-Za-z_:-]+)")
        let range = NSRange(text.startIndex..., in: text)
        return Set(regex.matches(in: text, range: range).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } })
    }

    private static func problems(in rendered: String) -> [String] {
        var found: [String] = []
        // `${NAME}` is a shell variable the sentence shows, not a hole.
        let prose = rendered.replacingOccurrences(of: "\\$\\{[A-Z_]+\\}", with: "", options: .regularExpression)
        if prose.contains("{") || prose.contains("}") { found.append("brace") }
        // A `|` between spaces is a shell pipe the sentence shows; anything else is a leaked alternative.
        if rendered.replacingOccurrences(of: " | ", with: " ").contains("|") { found.append("alternative") }
        if rendered.contains("  ") { found.append("double space") }
        // `<host>`, `<mount point>`: a placeholder a person would have to fill in by hand.
        if rendered.range(of: "<[A-Za-z][A-Za-z' -]*>", options: .regularExpression) != nil { found.append("placeholder") }
        if rendered != rendered.trimmingCharacters(in: .whitespaces) { found.append("space at an end") }
        if rendered.range(of: "\\p{L}\(marker)|\(marker)\\p{L}", options: .regularExpression) != nil { found.append("glued") }
        return found
    }

    @Test func everySummaryRendersCleanlyWithAllOrNoValues() throws {
        let catalog = try TestSupport.catalog()
        let step = Step(id: "failed", label: "failed", action: .postInstall(CommandParameters(argv: ["true"])))
        let none = TemplateVariables(captures: [:], failedStep: step, profile: nil, devPackages: catalog.devPackages)
        #expect(catalog.templates.count > 20)
        for (id, template) in catalog.templates.sorted(by: { $0.key < $1.key }) {
            let captures = Dictionary(uniqueKeysWithValues: Self.holeNames(in: template.summary).map { ($0, Self.marker) })
            let all = TemplateVariables(captures: captures, failedStep: step, profile: nil, devPackages: catalog.devPackages)
            for (variables, label) in [(all, "all values"), (none, "no values")] {
                let rendered = variables.fillProse(template.summary).text
                #expect(Self.problems(in: rendered).isEmpty, "\(id) with \(label): \(Self.problems(in: rendered)) in '\(rendered)'")
            }
        }
    }

    @Test func emptyValueDropsItsClause() throws {
        let catalog = try TestSupport.catalog()
        let step = Step(id: "failed", label: "failed", action: .postInstall(CommandParameters(argv: ["true"])))
        let variables = TemplateVariables(captures: ["key": " "], failedStep: step, profile: nil, devPackages: catalog.devPackages)
        #expect(variables.fillProse("Re-import the signing key{key| {key}} from the URL").text == "Re-import the signing key from the URL")
        #expect(variables.fillProse("For another OS{key| ({key})}: get it").text == "For another OS: get it")
    }

    @Test func capturesLoseQuoteMarksOfAnyScript() {
        for (quoted, plain) in [("“host”", "host"), ("«host»", "host"), ("„host“", "host"), ("'host'", "host"),
            ("「host」", "host"), ("‘a b’", "a b"), ("\"x\"", "x"), ("host", "host")]
        {
            #expect(RulePattern.unquoted(Substring(quoted)) == plain)
        }
    }

    @Test func permanentHTTPStatusRanksCheckingTheURLBeforeWaiting() throws {
        for status in [400, 401, 403, 404, 410] {
            let output = "--2026-12-06--  http://127.0.0.1:8765/x\nERROR \(status): Nope.\n"
            let diagnosis = try TestSupport.analyse(output, exitCode: 8, command: ["wget", "http://127.0.0.1:8765/x"])
            #expect(diagnosis.remediations.first?.strategy != .retryWithModifier, "\(status)")
        }
        let transient = try TestSupport.analyse("ERROR 503: Service Unavailable.\n", exitCode: 8, command: ["wget", "http://h/x"])
        #expect(transient.remediations.first?.strategy == .retryWithModifier)
    }

    @Test func confidenceHasAtMostTwoDecimals() {
        #expect(DiagnosisRecord.rounded(0.7999999999999999) == 0.8)
        #expect(DiagnosisRecord.rounded(0.93) == 0.93)
    }
}
