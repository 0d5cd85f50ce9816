import Orchestrator

extension EvlogMain {
    /// The one line for an error that refuses what was asked before anything changed (exit 2): a plan that cannot
    /// be created, a key not trusted, a log that cannot be continued, a plan larger than a log may hold; nil for
    /// any other error.
    static func refusal(_ error: any Error) -> String? {
        switch error {
        case let error as ArchiveError: error.description
        case let error as SealTrustError: error.description
        case let error as SequenceExhausted: error.description
        case let error as PlanTooLarge: error.description
        case let error as EventNeedsParts: error.description
        default: nil
        }
    }
}
