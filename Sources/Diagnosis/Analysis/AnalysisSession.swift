import InstallModel

/// Analyses one failed step's output as it streams, in bounded memory, and names the root cause at the end.
///
/// Feed chunks of stdout and stderr in any sizes (`feed`), then call `finish` with how the step ended.
/// Memory stays bounded whatever the output size: one partial line per stream (`LineAssembler.lineBytesMax`),
/// at most `RuleHits.linesMax` lines per matching rule, and a ring of the last `errorLinesKept` error-looking lines.
public struct AnalysisSession: Sendable {
    public let context: AnalysisContext
    public let catalog: RuleCatalog

    /// Error-looking lines remembered for `unknown` evidence and context.
    public static let errorLinesKept = 40
    /// Plain lines remembered for when nothing even looks like an error.
    static let lastLinesKept = 5

    private var stdoutLines = LineAssembler()
    private var stderrLines = LineAssembler()
    /// How the context bears on each rule (a hint for ranking; every rule reads every line).
    private let fits: [RuleFit]
    private var hits: [Int: RuleHits] = [:]
    /// Cleaned bytes, decoded only if they become evidence; both rings reuse their slots' storage.
    private var errorLines = BoundedRing<[UInt8]>(capacity: AnalysisSession.errorLinesKept)
    private var lastLines = BoundedRing<[UInt8]>(capacity: AnalysisSession.lastLinesKept)
    /// Per-line working buffer, reused so the hot path allocates nothing for an ordinary line.
    private var cleaned: [UInt8] = []
    /// Lines seen so far; also the position of each line for "first real error" ordering.
    public private(set) var lineCount = 0
    public private(set) var byteCount: Int64 = 0

    public init(context: AnalysisContext, catalog: RuleCatalog) {
        self.context = context
        self.catalog = catalog
        fits = catalog.rules.map { $0.applicability.fit(context, knownTools: catalog.knownTools) }
    }

    /// A session on the catalog bundled with evlog.
    public init(context: AnalysisContext) throws(RuleCatalogError) {
        self.init(context: context, catalog: try RuleCatalog.bundled())
    }

    /// Adds a chunk of output; chunk boundaries may fall anywhere, even inside a UTF-8 sequence.
    public mutating func feed(_ bytes: some Collection<UInt8>, stream: OutputChannel) {
        byteCount += Int64(bytes.count)
        // The assembler is moved out while it calls back into `consume`, so both can be mutated.
        switch stream {
        case .stdout:
            var assembler = stdoutLines
            stdoutLines = LineAssembler()
            assembler.feed(bytes) { consume($0) }
            stdoutLines = assembler
        case .stderr:
            var assembler = stderrLines
            stderrLines = LineAssembler()
            assembler.feed(bytes) { consume($0) }
            stderrLines = assembler
        }
    }

    /// Memory held for this output (partial lines, kept lines, captures), excluding the shared catalog.
    public var retainedBytes: Int {
        stdoutLines.retainedBytes + stderrLines.retainedBytes
            + hits.values.reduce(0) { $0 + $1.retainedBytes }
            + errorLines.elements.reduce(0) { $0 + $1.count } + lastLines.elements.reduce(0) { $0 + $1.count }
    }

    private mutating func consume(_ raw: UnsafeBufferPointer<UInt8>) {
        LineText.clean(raw, into: &cleaned)
        guard !cleaned.isEmpty else { return }
        let index = lineCount
        lineCount += 1
        let cleaned = self.cleaned
        var candidates = Set<RuleCatalog.PatternRef>()
        var looksLikeError = cleaned.withUnsafeBufferPointer(LineClassifier.hasErrorPrefix)
        let base = catalog.errorKeywordBase
        let keywordPatterns = catalog.keywordPatterns
        catalog.keywordScanner.scan(cleaned) { id in
            if id >= base {
                looksLikeError = true
            } else {
                candidates.formUnion(keywordPatterns[id])
            }
        }
        let isWarning = (!candidates.isEmpty || looksLikeError) && cleaned.withUnsafeBufferPointer(LineClassifier.isWarning)
        var text: String?
        func evidence() -> String {
            if let text { return text }
            let made = LineText.evidence(cleaned)
            text = made
            return made
        }
        if !candidates.isEmpty {
            let line = String(decoding: cleaned, as: UTF8.self)
            for ref in candidates.sorted(by: { ($0.rule, $0.pattern) < ($1.rule, $1.pattern) }) {
                let rule = catalog.rules[ref.rule]
                if isWarning, !rule.matchesWarnings { continue }
                // Matched even when the rule's evidence is full: where its last line falls decides root causes.
                guard let captures = rule.patterns[ref.pattern].match(line) else { continue }
                var entry = hits[ref.rule] ?? RuleHits(lineIndex: index)
                entry.record(lineIndex: index, text: evidence(), captures: captures)
                hits[ref.rule] = entry
            }
        }
        if looksLikeError, !isWarning { errorLines.appendCopy(of: cleaned) }
        lastLines.appendCopy(of: cleaned)
    }

    /// Ends the output and names the root cause. `timedOut`: evlog's own timeout stopped the step;
    /// `interrupted`: SIGINT/SIGTERM from the user or the system.
    public mutating func finish(exitCode: Int32?, timedOut: Bool = false, interrupted: Bool = false) -> Diagnosis {
        var tail: [[UInt8]] = []
        stdoutLines.flush { tail.append(Array($0)) }
        stderrLines.flush { tail.append(Array($0)) }
        for line in tail { line.withUnsafeBufferPointer { consume($0) } }
        let finding = Verdict.decide(
            rules: catalog.rules, fits: fits, hits: hits, exitCode: exitCode, timedOut: timedOut, interrupted: interrupted,
            timeoutSeconds: context.step?.timeoutSeconds, errorLines: errorLines.elements.map(LineText.evidence),
            lastLines: lastLines.elements.map(LineText.evidence))
        let failedStep = context.step ?? AnalysisSession.placeholderStep(for: context)
        let remediations = RemediationPlanner.propose(
            kind: finding.kind, rules: finding.rules, captures: finding.captures, failedStep: failedStep,
            profile: context.profile, chain: RemediationChain(), catalog: catalog, inPlan: context.step != nil)
        return Diagnosis(
            kind: finding.kind, confidence: finding.confidence, evidence: finding.evidence, remediations: remediations,
            ruleID: finding.ruleID, setAside: finding.setAside.isEmpty ? nil : finding.setAside)
    }

    /// Stands in for the failed step when only its command is known (pasted output).
    static func placeholderStep(for context: AnalysisContext) -> Step {
        let argv = context.command.isEmpty ? ["true"] : context.command
        var lock: PackageManager?
        if let manager = context.packageManager, manager.isSystem { lock = manager.lockDomain }
        return Step(id: "failed-step", label: argv.joined(separator: " "), action: .postInstall(CommandParameters(argv: argv)), lock: lock)
    }
}
