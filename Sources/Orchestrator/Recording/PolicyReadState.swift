import Synchronization

/// What a stream that reads a log through the secret policy carries from one event to the next (the values
/// the log's command lines gave as secret, what each output stream holds back: a word cut at a chunk's end,
/// an open private key block): a stream that resumes from it at the record it was taken before reads on
/// exactly as the one it was taken from (`PlanLog.events(from:resuming:work:)`).
public struct PolicyReadState: Sendable {
    let scrubber: EventScrubber

    /// The state with nothing held for any output stream, only what the policy learned: for a stream that
    /// starts at a record this state was not taken before (the output streams' state there is not known).
    public var learnedOnly: PolicyReadState { PolicyReadState(scrubber: scrubber.learnedOnly) }
}

/// Bytes of stored events passed through the secret policy by the streams given it, counted as they are read:
/// what reading a log that this revision did not record costs, in work rather than time.
public final class PolicyWork: Sendable {
    private let counted = Atomic<Int>(0)

    public init() {}

    /// Bytes fed to the policy so far.
    public var bytes: Int { counted.load(ordering: .relaxed) }

    func add(_ bytes: Int) { counted.add(bytes, ordering: .relaxed) }
}
