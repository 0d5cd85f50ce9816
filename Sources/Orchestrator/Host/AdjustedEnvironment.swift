import InstallModel

/// The variables a remediation added to a step's re-run, as its commands get them: only names on
/// `RemediationEnvironment`'s allow-list (a log from elsewhere cannot smuggle `LD_PRELOAD` in), with a
/// leading `~` or `$HOME` meaning the user's home.
enum AdjustedEnvironment {
    static func variables(of step: Step, userHome: String) -> [String: String] {
        var variables: [String: String] = [:]
        for (name, value) in step.adjustment?.environment ?? [:] where RemediationEnvironment.isAllowed(name) {
            var expanded = value
            for prefix in ["$HOME", "~"] where expanded == prefix || expanded.hasPrefix(prefix + "/") {
                expanded = userHome + expanded.dropFirst(prefix.count)
            }
            variables[name] = expanded
        }
        return variables
    }
}
