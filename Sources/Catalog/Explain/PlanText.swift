import InstallModel
import Rendering

/// A plan as text for people: the steps as a DAG, why each method was chosen, the risk, the consent gate. Ids,
/// labels, notes, package names, URLs and argv come from recipes and overlays, so each is shown through
/// `NeutralText` (`"\(shown:)"`): nothing a recipe holds can start a line, move the cursor or set a title.
public enum PlanText {
    /// The full explanation `evlog plan` prints.
    public static func render(_ plan: Plan) -> String {
        var lines = [header(plan), ""]
        if plan.steps.isEmpty {
            lines.append("No steps.")
        } else {
            lines.append("Steps (\(plan.steps.count)):")
            lines += stepLines(plan.steps)
        }
        if !plan.notes.isEmpty {
            lines += ["", "Why:"]
            lines += plan.notes.map { "  - \(shown: $0)" }
        }
        lines += ["", riskLine(plan.riskSummary)]
        let gate = plan.confirmationGate.compactMap { plan.step($0) }
        if !gate.isEmpty {
            lines.append("Needs your consent before it runs (high/critical):")
            lines += gate.map { "  ! \(shown: $0.id) [\($0.risk.rawValue)] \(shown: $0.label)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func header(_ plan: Plan) -> String {
        let profile = plan.profile
        let codename = profile.codename.map { " \($0)" } ?? ""
        return "Plan \(shown: plan.id) for \(plan.tools.shown(joinedBy: ", ")) on \(shown: profile.name) "
            + "(\(shown: profile.distribution) \(shown: profile.version)\(shown: codename), \(shown: profile.arch))"
    }

    public static func riskLine(_ summary: RiskSummary) -> String {
        let counts = Risk.allCases.map { "\(summary.counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        return "Risk: \(summary.level.rawValue) (\(counts))"
    }

    /// Each step on one line (id, kind, risk, root), then what it does and what it waits for.
    public static func stepLines(_ steps: [Step]) -> [String] {
        let width = min(28, (steps.map { NeutralText($0.id.rawValue).description.count }.max() ?? 0))
        var lines: [String] = []
        for step in steps {
            let id = NeutralText(step.id.rawValue).description.padding(to: width)
            let kind = step.kind.rawValue.padding(to: 16)
            let risk = step.risk.rawValue.padding(to: 8)
            let root = step.needsRoot ? "root" : "user"
            var flags: [String] = []
            if let lock = step.lock { flags.append("lock \(shown: lock.rawValue)") }
            if step.restartRequired != .none { flags.append("restart \(step.restartRequired.rawValue)") }
            let extra = flags.isEmpty ? "" : "  (" + flags.joined(separator: ", ") + ")"
            lines.append("  \(id)  \(kind)\(risk)\(root)\(extra)")
            lines.append("      \(shown: detail(step.action))")
            if !step.backupBefore.isEmpty { lines.append("      backs up " + step.backupBefore.shown(joinedBy: ", ")) }
            if let adjustment = step.adjustment, !adjustment.changes.isEmpty {
                lines.append("      runs with \(shown: adjustment.changes.joined(separator: " "))")
            }
            if let timing = step.adjustment?.timing, !timing.isEmpty { lines.append("      " + timing.joined(separator: ", ")) }
            lines += step.rollback.map { "      if it fails, undone by: \(shown: detail($0.action))" }
            if !step.dependsOn.isEmpty {
                lines.append("      └─ after " + step.dependsOn.shown(joinedBy: ", "))
            }
        }
        return lines
    }

    /// One line saying concretely what the action does, as the recipe gave it (`stepLines` shows it neutralised).
    public static func detail(_ action: StepAction) -> String {
        switch action {
        case .packages(let p):
            return "\(p.manager.rawValue) install \((p.packages + (p.extraArguments ?? [])).joined(separator: " "))"
                + (p.refreshIndex ? " (refresh index first)" : "")
        case .repoSetup(let p):
            var parts: [String] = []
            if let key = p.keyURL { parts.append("key \(key)" + (p.keyringPath.map { " → \($0)" } ?? "")) }
            // All of the entry, a line break shown as `\n`: a second line is never hidden behind an ellipsis.
            if let path = p.sourcePath, let entry = p.sourceEntry { parts.append("\(path): \(entry)") }
            if let ppa = p.ppa { parts.append("ppa \(ppa)") }
            return parts.joined(separator: "; ")
        case .tool(let p):
            if let url = p.scriptURL {
                return "run script \(url) (sha256 \(p.scriptSHA256.map { String($0.prefix(12)) + "…" } ?? "missing"))"
            }
            return p.installArgv.map(commandLine) ?? "?"
        case .postInstall(let p):
            return commandLine(p.argv) + (p.workingDirectory.map { " (in \(commandLine([$0])))" } ?? "")
        case .verify(let p):
            let pattern = p.versionPattern.map { " ~ /\($0)/" } ?? ""
            let requested = p.requestedVersion.map { ", names \($0)" } ?? ""
            return commandLine([p.binary] + p.arguments) + pattern + requested
        case .service(let p):
            return "\(p.action.rawValue) \(p.name)"
        case .shellConfig(let p) where p.removeBlock == true:
            // Whose block: a plan's own, or the one an uninstall names (trust19 #7: a log from elsewhere may name any).
            let whose = p.blockPlan.map { "plan \($0)'s block" } ?? "evlog's block"
            return "remove \(whose) from the \(p.shell.rawValue) profile (~/\(p.shell.profileFileName))"
        case .shellConfig(let p):
            var parts = ["\(p.shell.rawValue): PATH += \(p.pathEntries.joined(separator: ", "))"]
            for key in p.environment.keys.sorted() { parts.append("\(key)=\(p.environment[key] ?? "")") }
            return parts.joined(separator: "; ")
        case .notification(let p):
            return p.message
        case .githubRelease(let p):
            let check = p.sha256.map { "sha256 \($0)" } ?? p.checksumFileURL.map { "sha256 from the published checksums \($0)" } ?? "sha256 not pinned"
            let member = p.binaryInArchive == p.installedName ? "" : " (the archive's \(p.binaryInArchive))"
            return "\(p.assetURL) → \(p.installedPath)\(member), \(check)"
        case .config(let p):
            return "\(p.action.rawValue) \(p.path)"
        case .download(let p):
            return "\(p.url) → \(p.destination)"
        case .source(let p):
            return p.gitURL ?? p.tarballURL ?? p.destination
        case .build(let p):
            return "\(p.system.rawValue) in \(p.directory)"
        case .install(let p):
            return "\(p.method.rawValue) from \(p.directory)"
        case .cleanup(let p):
            return "remove \(p.paths.joined(separator: " "))"
        }
    }
}

extension StepAdjustment {
    /// What this adjustment changes about its step's command, as a person reads it: `NAME=value`, added arguments,
    /// `as root`.
    public var changes: [String] {
        let environment = (environment ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return environment + (extraArguments ?? []) + (asRoot == true ? ["as root"] : [])
    }

    /// When and how often the adjusted step runs, as a person reads it: `up to 3 runs`, `30 s before the first`,
    /// `5, 10 s between runs`, `timeout 600 s`, `2 build jobs`.
    public var timing: [String] {
        var parts: [String] = []
        if let attempts, attempts > 1 { parts.append("up to \(attempts) runs") }
        if let waitSeconds, waitSeconds > 0 { parts.append("\(waitSeconds) s before the first") }
        if let backoffSeconds, !backoffSeconds.isEmpty { parts.append(backoffSeconds.map(String.init).joined(separator: ", ") + " s between runs") }
        if let timeoutSeconds { parts.append("timeout \(timeoutSeconds) s") }
        if let jobs { parts.append("\(jobs) build jobs") }
        return parts
    }
}

extension PlanText {
    /// `argv` as a person reads it before consenting: each word shell-quoted (`sh -c 'a; b'` is not `sh -c a; b`);
    /// a run of more than eight blanks inside a word (any character that shows as space) shown by its length, so
    /// padding cannot push the rest of a command out of sight; and nothing invisible shown raw (trust13 #11): a
    /// shorter run's invisible characters, and those riding on a visible one (`r<U+034F>m` prints as `rm`), by their
    /// codes (`\u{34F}`), a run of more than eight of one by its length.
    static func commandLine(_ argv: [String]) -> String {
        var shown = ""
        var blanks: [Character] = []
        var marks: (scalar: Unicode.Scalar, count: Int)?
        func flushMarks() {
            guard let (scalar, count) = marks else { return }
            let code = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            shown += count > 8 ? "<\(count) × \(code)>" : String(repeating: code, count: count)
            marks = nil
        }
        func append(_ scalar: Unicode.Scalar) {
            guard isInvisible(scalar) else {
                flushMarks()
                shown.unicodeScalars.append(scalar)
                return
            }
            if marks?.scalar == scalar { marks?.count += 1 } else {
                flushMarks()
                marks = (scalar, 1)
            }
        }
        func flushBlanks() {
            guard !blanks.isEmpty else { return }
            if blanks.count > 8 {
                shown += "<\(blanks.count) blanks>"
            } else {
                for blank in blanks {
                    if blank.isWhitespace { shown += " " } else { blank.unicodeScalars.forEach(append) }
                }
            }
            flushMarks()
            blanks = []
        }
        // `~/x` stays as written: evlog puts the home there itself, as an unquoted `~` would in a shell.
        let words = argv.map { $0.hasPrefix("~/") && $0.count > 2 ? "~/" + ShellQuoting.quote(String($0.dropFirst(2))) : ShellQuoting.quote($0) }
        for character in words.joined(separator: " ") {
            if isBlank(character) {
                flushMarks()
                blanks.append(character)
                continue
            }
            flushBlanks()
            character.unicodeScalars.forEach(append)
        }
        flushBlanks()
        return shown
    }

    /// Whether `scalar` draws nothing where it stands: a default-ignorable code point (joiners, variation selectors,
    /// tags, bidi controls, U+034F, U+17B4) or one of the categories no font draws — format (Cf), line and paragraph
    /// separators, private use, unassigned.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isDefaultIgnorableCodePoint { return true }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned: return true
        default: return false
        }
    }

    /// Whether `character` shows as nothing but space: white space of any script (NBSP, U+3000, U+2003), a
    /// character a terminal ignores, or a letter drawn blank (Hangul fillers, the empty Braille pattern).
    private static func isBlank(_ character: Character) -> Bool {
        if character.isWhitespace { return true }
        return character.unicodeScalars.allSatisfy { isDrawnBlank($0) || $0.properties.isDefaultIgnorableCodePoint }
    }

    /// Whether `scalar` is a letter fonts draw blank: the Hangul fillers and the empty Braille pattern.
    static func isDrawnBlank(_ scalar: Unicode.Scalar) -> Bool { [0x115F, 0x1160, 0x2800, 0x3164, 0xFFA0].contains(scalar.value) }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
