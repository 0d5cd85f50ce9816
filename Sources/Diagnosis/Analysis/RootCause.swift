import InstallModel

/// A rule that matched (or, for exit-status rules, applies), with where its lines fall in the output.
struct VerdictCandidate {
    let rule: DiagnosisRule
    let hits: RuleHits?
    var fit: RuleFit = .neutral
    /// The rule's confidence, less `RuleFit.contradictedPenalty` when the command names another tool.
    var confidence: Double { fit == .contradicted ? rule.confidence - RuleFit.contradictedPenalty : rule.confidence }
    var firstLine: Int { hits?.firstLineIndex ?? Int.max }
    /// Exit-status rules have no lines; nothing comes after them.
    var lastLine: Int { hits?.lastLineIndex ?? Int.max }
}

/// Root cause over symptoms, when one output holds several errors.
///
/// Two orders meet here. A message that is the consequence of another (`from versions: none` after
/// connection errors, `no valid OpenPGP data` after an HTTP 404) names its causes in `caused_by` and
/// yields to them. Otherwise the error that ended the command wins: an error the command went past
/// (PEP 668, then a retry with `--break-system-packages` that failed differently) is set aside when a
/// confident error of another kind comes after all its lines. What was set aside is reported.
enum RootCause {
    /// A later error of another kind supersedes an earlier one only when at least this sure,
    /// so generic noise after the real error (`Permission denied` while cleaning up) never wins.
    static let supersedingConfidenceMin = 0.9

    struct Choice {
        var winner: VerdictCandidate
        /// `kind (line N): text — why`, one per kind, in output order.
        var setAside: [String]
    }

    /// `ranked` holds confident candidates, best first (confidence, layer, earliest line).
    static func choose(_ ranked: [VerdictCandidate]) -> Choice? {
        guard let first = ranked.first else { return nil }
        let present = Set(ranked.filter { $0.hits != nil }.map(\.rule.kind))
        var setAside: [(candidate: VerdictCandidate, reason: String)] = []
        var pool: [VerdictCandidate] = []
        for candidate in ranked {
            let causes = candidate.rule.causedBy.subtracting([candidate.rule.kind]).intersection(present)
            if let cause = causes.map(\.rawValue).sorted().first {
                setAside.append((candidate, "a consequence of \(cause)"))
            } else {
                pool.append(candidate)
            }
        }
        guard var winner = pool.first else { return Choice(winner: first, setAside: []) }
        while let later = pool.first(where: {
            $0.hits != nil && $0.rule.kind != winner.rule.kind && $0.confidence >= supersedingConfidenceMin
                && $0.firstLine > winner.lastLine
        }) {
            setAside.append((winner, "the command went on after it; a later error ended it"))
            winner = later
        }
        var seen: Set<FailureKind> = [winner.rule.kind]
        var notes: [(line: Int, text: String)] = []
        for entry in setAside.sorted(by: { $0.candidate.firstLine < $1.candidate.firstLine }) {
            guard let hits = entry.candidate.hits, let line = hits.lines.first, seen.insert(entry.candidate.rule.kind).inserted
            else { continue }
            notes.append((line.index, "\(entry.candidate.rule.kind.rawValue) (line \(line.index + 1)): \(line.text) — \(entry.reason)"))
        }
        return Choice(winner: winner, setAside: notes.map(\.text))
    }
}
