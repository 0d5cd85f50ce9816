/// One unit of work in a plan, with everything the scheduler and the user need to judge it.
public struct Step: Hashable, Codable, Sendable, Identifiable {
    public var id: StepID
    /// A one-line description for people (`Install ripgrep with apt`).
    public var label: String
    public var action: StepAction
    /// Steps that must be done before this one starts.
    public var dependsOn: [StepID]
    public var needsRoot: Bool
    /// Running it twice has the same effect as once, so an uncertain run may be repeated.
    public var idempotent: Bool
    /// The package manager whose lock this step holds, from the step's data (never guessed from argv).
    public var lock: PackageManager?
    public var risk: Risk
    public var rollback: [Step]
    /// Paths to back up before a high-risk step changes them.
    public var backupBefore: [String]
    public var restartRequired: RestartRequirement
    public var timeoutSeconds: Int
    /// The tool this step serves, when it serves one.
    public var tool: String?
    /// What remediations changed for its re-run (absent for a step as planned, and in older logs).
    public var adjustment: StepAdjustment?

    public var kind: StepKind { action.kind }

    public init(
        id: StepID, label: String, action: StepAction, dependsOn: [StepID] = [], needsRoot: Bool = false,
        idempotent: Bool? = nil, lock: PackageManager? = nil, risk: Risk? = nil, rollback: [Step] = [],
        backupBefore: [String] = [], restartRequired: RestartRequirement = .none, timeoutSeconds: Int = 600,
        tool: String? = nil
    ) {
        self.id = id
        self.label = label
        self.action = action
        self.dependsOn = dependsOn
        self.needsRoot = needsRoot
        self.idempotent = idempotent ?? Step.defaultIdempotence(of: action)
        self.lock = lock ?? action.inherentLock
        self.risk = risk ?? Step.inferredRisk(needsRoot: needsRoot, restartRequired: restartRequired)
        self.rollback = rollback
        self.backupBefore = backupBefore
        self.restartRequired = restartRequired
        self.timeoutSeconds = timeoutSeconds
        self.tool = tool
    }

    /// Kinds whose re-run is harmless unless the step says otherwise.
    public static func defaultIdempotence(of action: StepAction) -> Bool {
        switch action.kind {
        case .packages, .repoSetup, .verify, .config, .shellConfig, .cleanup, .download, .githubRelease,
            .notification, .service, .source:
            true
        case .tool, .postInstall, .build, .install:
            false
        }
    }

    /// An explicit risk wins; otherwise a system restart is high and root is medium.
    public static func inferredRisk(needsRoot: Bool, restartRequired: RestartRequirement) -> Risk {
        if restartRequired == .system { return .high }
        return needsRoot ? .medium : .low
    }
}
