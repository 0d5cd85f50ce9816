/// What a plan is for: installing tools, removing them, upgrading them, or recording one command (`evlog run`).
public enum PlanKind: String, Codable, Sendable, CaseIterable {
    case install, uninstall, upgrade
    /// `evlog run -- <cmd>`: one recorded command, no tools.
    case command

    /// The verb a plan of this kind is titled with (`uninstall jq`).
    public var verb: String {
        switch self {
        case .install, .uninstall, .upgrade: rawValue
        case .command: "record a command"
        }
    }
}
