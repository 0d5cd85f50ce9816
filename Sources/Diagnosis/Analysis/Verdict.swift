import InstallModel

/// Picks the root cause from what the rules matched: the most confident rule, then the most specific
/// layer, then the earliest line — so the first real error wins over the noise that follows it —
/// then `RootCause` lets a cause win over its symptoms and the error that ended the command win over
/// one it went past.
struct Verdict {
    var kind: FailureKind
    var confidence: Double
    var evidence: [String]
    var ruleID: String?
    /// Matched rules of the decided kind, the deciding one first; their remediations are offered.
    var rules: [DiagnosisRule]
    var captures: [String: String]
    /// Earlier errors the verdict did not take as the cause, with why.
    var setAside: [String] = []

    /// Below this, a match is not evidence enough: the diagnosis is `unknown` (never guess).
    static let confidenceMin = 0.5
    /// Evidence lines in a diagnosis.
    static let evidenceLinesMax = 6

    static func decide(
        rules: [DiagnosisRule], fits: [RuleFit], hits: [Int: RuleHits], exitCode: Int32?, timedOut: Bool, interrupted: Bool,
        timeoutSeconds: Int?, errorLines: [String], lastLines: [String]
    ) -> Verdict {
        var candidates: [VerdictCandidate] = []
        for (index, rule) in rules.enumerated() where rule.acceptsExitCode(exitCode) {
            if let found = hits[index] {
                candidates.append(VerdictCandidate(rule: rule, hits: found, fit: fits[index]))
            } else if rule.patterns.isEmpty {
                candidates.append(VerdictCandidate(rule: rule, hits: nil, fit: fits[index]))
            }
        }
        candidates.sort { a, b in
            if a.confidence != b.confidence { return a.confidence > b.confidence }
            if a.fit != b.fit { return a.fit < b.fit }
            if a.rule.layer != b.rule.layer { return a.rule.layer < b.rule.layer }
            if a.firstLine != b.firstLine { return a.firstLine < b.firstLine }
            return a.rule.id < b.rule.id
        }
        let context = tailEvidence(errorLines: errorLines, lastLines: lastLines, count: 3)
        if interrupted {
            return Verdict(
                kind: .interrupted, confidence: 1.0,
                evidence: ["the step was stopped by SIGINT or SIGTERM"] + context, ruleID: nil, rules: [], captures: [:])
        }
        if timedOut {
            let limit = timeoutSeconds.map { "after its timeout of \($0) s" } ?? "after its timeout"
            // A confident match says what the step was stuck on (a lock, the network); offer its fixes too.
            let stuckOn = candidates.first.flatMap { $0.confidence >= confidenceMin ? $0 : nil }
            let evidence = ["evlog stopped the step \(limit)"] + (stuckOn?.hits?.lines.map { $0.text } ?? context)
            return Verdict(
                kind: .stepTimeout, confidence: 1.0, evidence: Array(evidence.prefix(evidenceLinesMax)), ruleID: nil,
                rules: stuckOn.map { [$0.rule] } ?? [], captures: stuckOn?.hits?.captures ?? [:])
        }
        guard let choice = RootCause.choose(candidates.filter { $0.confidence >= confidenceMin }) else {
            var evidence = tailEvidence(errorLines: errorLines, lastLines: lastLines, count: evidenceLinesMax)
            if let exitCode { evidence.append(ExitStatus.evidence(exitCode)) }
            return Verdict(kind: .unknown, confidence: 0, evidence: evidence, ruleID: nil, rules: [], captures: [:])
        }
        let best = choice.winner
        var sameKind = [best]
        sameKind += candidates.filter {
            $0.rule.id != best.rule.id && $0.rule.kind == best.rule.kind && $0.confidence >= confidenceMin
        }
        var lines: [(index: Int, text: String)] = best.hits?.lines ?? []
        for other in sameKind.dropFirst() {
            for line in other.hits?.lines ?? [] where !lines.contains(where: { $0.index == line.index }) {
                lines.append(line)
            }
        }
        lines.sort { $0.index < $1.index }
        var evidence = Array(lines.prefix(evidenceLinesMax).map(\.text))
        if best.hits == nil, let exitCode { evidence.append(ExitStatus.evidence(exitCode)) }
        var captures = best.hits?.captures ?? [:]
        for other in sameKind.dropFirst() {
            for (key, value) in other.hits?.captures ?? [:] where captures[key] == nil { captures[key] = value }
        }
        return Verdict(
            kind: best.rule.kind, confidence: best.confidence, evidence: evidence, ruleID: best.rule.id,
            rules: sameKind.map(\.rule), captures: captures, setAside: choice.setAside)
    }

    /// The last error-looking lines, or the last lines at all when nothing looked like an error.
    static func tailEvidence(errorLines: [String], lastLines: [String], count: Int) -> [String] {
        Array((errorLines.isEmpty ? lastLines : errorLines).suffix(count))
    }
}
