import InstallModel

/// Turns a remediation's `modifier` (catalog text, holes filled) into the typed `StepAdjustment` the
/// orchestrator applies to the failed step's re-run, or into the reason it cannot be applied.
///
/// Keys (Docs/REMEDIATIONS.md): `timeout_factor`, `attempts`, `backoff_seconds` (`10,30,90`),
/// `wait_seconds`, `jobs`, `extra_args` (space-separated), `env` (`NAME=value`, or `NAME` for a variable
/// the user sets themselves), `sudo`; and three that inform a person only: `reprompt_password` (the session
/// asks again), `redownload` (a download step always fetches anew after a failure), `wait_for_lock`.
enum RemediationModifiers {
    static let adjustingKeys: Set<String> = [
        "timeout_factor", "attempts", "backoff_seconds", "wait_seconds", "jobs", "extra_args", "env", "sudo",
    ]
    static let informationalKeys: Set<String> = ["reprompt_password", "redownload", "wait_for_lock"]
    static var knownKeys: Set<String> { adjustingKeys.union(informationalKeys) }

    /// The adjustment for `failedStep`, nil when the modifier changes nothing about it; or why not.
    static func adjustment(
        _ modifier: [String: String], remediationID: String, failedStep: Step
    ) -> Result<StepAdjustment?, Refusal> {
        var adjustment = StepAdjustment(remediation: remediationID)
        var changed = false
        func number(_ key: String) throws(Refusal) -> Int? {
            guard let text = modifier[key] else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value > 0 else {
                throw Refusal(reason: "modifier \(key) '\(text)' is not a positive whole number")
            }
            changed = true
            return value
        }
        do throws(Refusal) {
            if let factor = try number("timeout_factor") {
                // The failed step's timeout may come from a log: the product saturates at evlog's longest timeout.
                let product = failedStep.timeoutSeconds.multipliedReportingOverflow(by: factor)
                adjustment.timeoutSeconds = product.overflow ? StepAdjustment.timeoutSecondsMax : min(max(product.partialValue, 1), StepAdjustment.timeoutSecondsMax)
            }
            adjustment.attempts = try number("attempts")
            adjustment.waitSeconds = try number("wait_seconds")
            adjustment.jobs = try number("jobs")
            if let text = modifier["backoff_seconds"] {
                let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard !values.isEmpty, values.allSatisfy({ ($0 ?? -1) >= 0 }) else {
                    throw Refusal(reason: "modifier backoff_seconds '\(text)' is not a list of seconds")
                }
                adjustment.backoffSeconds = values.compactMap { $0 }
                changed = true
            }
            if let text = modifier["extra_args"] {
                adjustment.extraArguments = text.split(separator: " ").map(String.init)
                changed = true
            }
            if modifier["sudo"] == "true" {
                adjustment.asRoot = true
                changed = true
            }
            if let text = modifier["env"] {
                let (name, value) = split(assignment: text)
                if let refusal = RemediationEnvironment.refusal(forName: name) { throw Refusal(reason: refusal) }
                if let value {
                    adjustment.environment = [name: value]
                    changed = true
                }
            }
        } catch {
            return .failure(error)
        }
        guard changed else { return .success(nil) }
        if let refusal = adjustment.refusal(for: failedStep) { return .failure(Refusal(reason: refusal)) }
        return .success(adjustment)
    }

    /// `NAME=value` → (NAME, value); `NAME` → (NAME, nil).
    static func split(assignment text: String) -> (name: String, value: String?) {
        guard let equals = text.firstIndex(of: "=") else { return (text.trimmingCharacters(in: .whitespaces), nil) }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    /// Why a modifier cannot be applied: shown as the remediation's `impossible` reason.
    struct Refusal: Error {
        var reason: String
    }
}
