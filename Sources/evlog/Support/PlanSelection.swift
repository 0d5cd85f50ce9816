import EvlogKit
import ArgumentParser

/// The plan a read command is about; every read command takes it the same way.
struct PlanSelection: ParsableArguments {
    @Argument(
        help: "Plan id, unique id prefix, `latest`, `latest-failed` (the newest failed install, upgrade or uninstall) or path to an .evlog file (default: latest).",
        completion: .custom(PlanCompletion.planIDs))
    var plan: String?
}
