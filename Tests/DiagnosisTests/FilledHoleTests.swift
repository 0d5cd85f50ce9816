import Diagnosis
import InstallModel
import Testing

/// A failed step's output fills remediation holes, and any installer — or the author of a log from elsewhere —
/// writes that output (trust16 #1, #4). A value that would run as an option, a removal or shell syntax never reaches
/// a remediation's steps (the remediation is impossible, naming the value); a plain one does. In advice a person
/// reads and pastes, a value that is not a plain word is shell-quoted.
struct FilledHoleTests {
    /// Generated values around the shapes that change what runs: options, apt's `NAME-`/`NAME+`, shell syntax,
    /// blanks; and plain names.
    static func values(count: Int) -> [(value: String, plain: Bool)] {
        var generator = SplitMix64(seed: 23)
        let stems = ["common", "ssh.service", "nginx", "intl", "gd2", "redis@6", "a_b", "x.y-z"]
        let hostile: [(String) -> String] = [
            { "--host=evil@10.0.0.1" + $0 }, { $0 + "-" }, { $0 + "+" }, { "-" + $0 }, { $0 + ";touch /tmp/x" },
            { $0 + "$(id)" }, { $0 + "|sh" }, { $0 + " other" }, { "../" + $0 }, { $0 + "`id`" }, { "\u{1b}]0;" + $0 },
        ]
        return (0..<count).map { _ in
            let stem = stems[Int(generator.next() % UInt64(stems.count))]
            guard generator.next() % 3 != 0 else { return (stem, true) }
            return (hostile[Int(generator.next() % UInt64(hostile.count))](stem), false)
        }
    }

    private func remediation(_ id: String, in diagnosis: Diagnosis) -> Remediation? {
        diagnosis.remediations.first { $0.id == id }
    }

    @Test func aPackageNameFromTheOutputIsAPlainNameOrNothingRuns() throws {
        let composer = Step(id: "composer", label: "composer install", action: .postInstall(CommandParameters(argv: ["composer", "install"])))
        for (value, plain) in Self.values(count: 120) {
            let output = "  - the requested PHP extension \(value) is missing from your system.\n"
            let diagnosis = try TestSupport.analyse(output, command: ["composer", "install"], step: composer, profile: TestSupport.profile())
            // The rule's own capture takes only `[\w-]+`: what it captured is the value the hole gets.
            guard let found = remediation("install-php-extension", in: diagnosis) else { continue }
            let names = found.steps.flatMap { step -> [String] in
                if case .packages(let p) = step.action { return p.packages } else { return [] }
            }
            if names.isEmpty {
                guard case .impossible(let reason) = found.availability else { Issue.record("\(value): no steps, yet \(found.availability)"); continue }
                #expect(reason.contains("not a plain name"), "\(value): \(reason)")
            }
            for name in names {
                #expect(!name.hasSuffix("-") && !name.hasSuffix("+") && !name.hasPrefix("-"), "\(value) → \(name)")
            }
            if plain { #expect(names == ["php-" + value], "\(value)") }
        }
    }

    @Test func aUnitFromTheOutputRunsOnlyAsAPlainName() throws {
        for (value, plain) in Self.values(count: 120) where !value.contains(" ") {
            let output = "Job for \(value) failed because the control process exited with error code.\n"
            let diagnosis = try TestSupport.analyse(output, command: ["systemctl", "start", "nginx"], profile: TestSupport.profile())
            // A line with a terminal escape is cleaned before rules read it; then no rule names a unit at all.
            guard let found = remediation("restart-service", in: diagnosis) else {
                #expect(!plain, "\(value): no restart-service")
                continue
            }
            let argv = found.steps.flatMap { step -> [String] in
                if case .postInstall(let p) = step.action { return p.argv } else { return [] }
            }
            if plain {
                #expect(argv == ["systemctl", "restart", value], "\(value)")
            } else {
                #expect(argv.isEmpty, "\(value) → \(argv)")
                guard case .impossible = found.availability else { Issue.record("\(value): \(found.availability)"); continue }
            }
        }
    }

    @Test func adviceQuotesAValueThatIsNotAPlainWord() throws {
        for (value, plain) in Self.values(count: 80) where !value.contains(" ") && !value.contains("\u{1b}") {
            let output = "curl: (6) Could not resolve host: \(value)\n"
            let diagnosis = try TestSupport.analyse(output, exitCode: 6, command: ["curl", "-fsSL", "https://example.com"], profile: TestSupport.profile())
            guard let found = remediation("check-network", in: diagnosis) else { continue }
            if plain {
                #expect(found.summary.contains("getent hosts \(value)"), "\(found.summary)")
            } else {
                #expect(found.summary.contains("getent hosts " + ShellQuoting.quote(value)), "\(value): \(found.summary)")
            }
        }
    }
}
