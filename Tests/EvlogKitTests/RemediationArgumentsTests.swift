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

    @Test func theLogCheckKnowsExactlyTheVariablesRemediationsSet() throws {
        let catalog = try RuleCatalog.bundled()
        let set = Set(catalog.templates.values.compactMap { $0.modifier["env"] }.filter { $0.contains("=") }.map { String($0.prefix { $0 != "=" }) })
        #expect(!set.isEmpty)
        #expect(set == StepAdjustment.remediationEnvironmentNames)
    }

    /// Any allowed variable no remediation sets, with a plain value, is refused in a log's adjustment, naming it
    /// (trust19 #8: `RUSTUP_TOOLCHAIN=/tmp/x`, `GONOSUMDB=github.com`).
    @Test func aVariableNoRemediationSetsIsRefusedInALog() {
        for name in RemediationEnvironment.allowedNames.subtracting(StepAdjustment.remediationEnvironmentNames) {
            var step = Step(id: "x-sl", label: "sl", action: .packages(PackagesParameters(manager: .apt, packages: ["sl"])), needsRoot: true)
            step.adjustment = StepAdjustment(remediation: "retry", environment: [name: "stable"])
            #expect(step.problemAsRecorded?.contains(name) == true, "\(name)")
        }
        var step = Step(id: "x-c", label: "c", action: .packages(PackagesParameters(manager: .apt, packages: ["composer"])), needsRoot: true)
        step.adjustment = StepAdjustment(remediation: "composer-memory-limit", environment: ["COMPOSER_MEMORY_LIMIT": "-1"])
        #expect(step.problemAsRecorded == nil)
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
