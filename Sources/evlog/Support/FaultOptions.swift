import EvlogKit
import ArgumentParser
import InstallModel

/// `--fault STEP=fail[:KIND]|hang|partial`, repeatable: faults injected into a simulated plan's steps
/// (for reproducing a report and for tests). They are kept in the plan, so `resume` meets them again.
struct FaultOptions: ParsableArguments {
    @Option(
        name: .customLong("fault"),
        help: ArgumentHelp(
            "With --simulate: make a step fail (optionally as a failure kind), hang, or stop halfway through its output. Repeatable.",
            valueName: "STEP=fail[:KIND]|hang|partial"))
    var specs: [String] = []

    /// The parsed faults (`validate` has checked that they parse).
    var faults: [StepFault] { specs.compactMap { try? StepFault(parsing: $0) } }

    func validate() throws {
        for spec in specs {
            do { _ = try StepFault(parsing: spec) } catch { throw ValidationError(error.description) }
        }
        let steps = specs.compactMap { try? StepFault(parsing: $0) }.map(\.step)
        if let twice = steps.first(where: { step in steps.filter { $0 == step }.count > 1 }) {
            throw ValidationError("--fault names step \(twice) twice; give each step at most one fault")
        }
    }
}
