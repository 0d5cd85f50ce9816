import InstallModel

/// The remediations already applied on the way to fixing one failure, oldest first.
///
/// Fixing a failure can itself fail (installing the missing `-dev` package hits a dpkg lock); each such
/// hop is a link. The planner refuses a remediation already used for the same kind (it would loop) and
/// offers nothing automatic once the chain is `depthMax` long.
public struct RemediationChain: Hashable, Codable, Sendable {
    /// One hop: which step failed, how, and which remediation was applied.
    public struct Link: Hashable, Codable, Sendable {
        public var step: StepID
        public var kind: FailureKind
        public var remediationID: String
        public init(step: StepID, kind: FailureKind, remediationID: String) {
            self.step = step
            self.kind = kind
            self.remediationID = remediationID
        }
    }

    /// The longest chain the planner extends.
    public static let depthMax = 5

    public private(set) var links: [Link]

    public init(links: [Link] = []) { self.links = links }

    public var depth: Int { links.count }
    public var isAtLimit: Bool { depth >= RemediationChain.depthMax }

    /// True when `remediationID` was already applied for a failure of `kind`.
    public func wouldLoop(kind: FailureKind, remediationID: String) -> Bool {
        links.contains { $0.kind == kind && $0.remediationID == remediationID }
    }

    public func appending(_ link: Link) -> RemediationChain {
        RemediationChain(links: links + [link])
    }
}
