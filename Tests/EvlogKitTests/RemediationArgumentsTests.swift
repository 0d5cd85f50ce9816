import Catalog
import Diagnosis
import InstallModel
import Testing

/// A log's extra install arguments are the ones evlog's remediations add, or the log is refused (trust16 #3): the
/// list the log check holds is the remediation catalog's, and any other option — whatever its shape — is refused.
struct RemediationArgumentsTests {
    @Test func theLogCheckKnowsExactlyTheOptionsRemediationsAdd() throws {
        let catalog = try RuleCatalog.bundled()
        let added = Set(catalog.templates.values.compactMap { $0.modifier["extra_args"] }.flatMap { $0.split(separator: " ").map(String.init) })
        #expect(!added.isEmpty)
        #expect(added == StepAdjustment.remediationArguments)
    }

    /// Bare long options drawn from apt's, pip's and npm's real option words, and made-up ones: a packages step or
    /// an adjustment carrying one that no remediation adds is refused, naming it; the remediations' own pass.
    @Test func anyOtherOptionIsRefusedWhereverTheLogCarriesIt() {
        let words = ["allow", "unauthenticated", "remove", "essential", "downgrades", "change", "held", "packages", "insecure",
                     "repositories", "force", "yes", "trusted", "host", "pre", "ignore", "scripts", "unsafe", "perm", "x"]
        var generator = SplitMix64(seed: 16)
        for _ in 0..<200 {
            let count = 1 + Int(generator.next() % 3)
            let option = "--" + (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: "-")
            guard !StepAdjustment.remediationArguments.contains(option) else { continue }
            var packages = PackagesParameters(manager: .apt, packages: ["sl"])
            packages.extraArguments = ["--no-cache-dir", option]
            let step = Step(id: "x-sl", label: "sl", action: .packages(packages), needsRoot: true)
            #expect(step.problemAsRecorded?.contains(option) == true, "\(option)")
            var adjusted = Step(id: "x-sl", label: "sl", action: .packages(PackagesParameters(manager: .apt, packages: ["sl"])), needsRoot: true)
            adjusted.adjustment = StepAdjustment(remediation: "retry", extraArguments: [option])
            #expect(adjusted.problemAsRecorded?.contains(option) == true, "\(option)")
        }
        for option in StepAdjustment.remediationArguments {
            var packages = PackagesParameters(manager: .apt, packages: ["sl"])
            packages.extraArguments = [option]
            #expect(Step(id: "x-sl", label: "sl", action: .packages(packages), needsRoot: true).problemAsRecorded == nil, "\(option)")
        }
    }

    /// The plan shows what the install command will carry: `apt install sl --no-cache-dir`.
    @Test func thePlanLineShowsTheExtraArguments() {
        var packages = PackagesParameters(manager: .apt, packages: ["sl"])
        packages.extraArguments = ["--user"]
        #expect(PlanText.detail(.packages(packages)) == "apt install sl --user")
    }
}
