import Diagnosis
import Dispatch
import InstallModel

/// The orchestrator's failure analysis through the Diagnosis rule catalog (streaming, bounded).
public struct RuleBasedAnalyser: FailureAnalysing {
    private let explicitCatalog: RuleCatalog?

    /// Uses the bundled rules, loaded in the background when a run starts (`prepare`) or on the first
    /// failure; if they cannot load, failures are still recorded, as `unknown`.
    public init() { explicitCatalog = nil }

    public init(catalog: RuleCatalog) { explicitCatalog = catalog }

    private static let bundledCatalog = try? RuleCatalog.bundled()
    private var catalog: RuleCatalog? { explicitCatalog ?? Self.bundledCatalog }

    /// Parses the bundled rules on a background queue while the run goes on: a run that succeeds loses
    /// nothing on its own path, and the first failure finds them loaded (or waits for the rest of the load).
    public func prepare() {
        guard explicitCatalog == nil else { return }
        DispatchQueue.global(qos: .utility).async { _ = Self.bundledCatalog }
    }

    public func makeSession(for step: Step, command: [String], profile: SystemProfile) -> any FailureAnalysisSession {
        guard let catalog else { return UnanalysedSession() }
        return RuleSession(AnalysisSession(
            context: AnalysisContext(step: step, command: command, profile: profile), catalog: catalog))
    }

    public func propose(for diagnosis: Diagnosis, step: Step, profile: SystemProfile, chain: [String]) -> [Remediation] {
        guard let catalog else { return RemediationPlanner.fallbacks(for: step) }
        let links = chain.map { RemediationChain.Link(step: step.id, kind: diagnosis.kind, remediationID: $0) }
        return RemediationPlanner.propose(
            for: diagnosis, failedStep: step, profile: profile, chain: RemediationChain(links: links), catalog: catalog)
    }
}

/// One step's output fed to a Diagnosis `AnalysisSession`.
final class RuleSession: FailureAnalysisSession {
    private var session: AnalysisSession
    init(_ session: AnalysisSession) { self.session = session }

    func feed(_ stream: OutputChannel, _ bytes: [UInt8]) { session.feed(bytes, stream: stream) }

    func finish(cause: FailureCause) -> Diagnosis {
        // The executor's own words are one more line of evidence for the rules when it could not name the kind.
        if cause.kind == nil { session.feed(Array(("evlog: " + cause.message + "\n").utf8), stream: .stderr) }
        return session.finish(cause: cause)
    }
}

/// Used only when the rule catalog failed to load: says so instead of guessing.
final class UnanalysedSession: FailureAnalysisSession {
    func feed(_ stream: OutputChannel, _ bytes: [UInt8]) {}
    func finish(cause: FailureCause) -> Diagnosis {
        Diagnosis(kind: cause.kind ?? .unknown, confidence: cause.kind == nil ? 0 : 1, evidence: [cause.message, "the diagnosis rules could not be loaded"])
    }
}
