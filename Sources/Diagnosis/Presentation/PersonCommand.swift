import InstallModel

/// A remediation step as the shell command a person would type, for `evlog diagnose --output` (no plan to
/// splice steps into). `nil` for steps that are not commands (a notification is already the summary).
public enum PersonCommand {
    public static func render(_ step: Step) -> String? {
        let sudo = step.needsRoot ? "sudo " : ""
        switch step.action {
        case .postInstall(let parameters):
            return sudo + parameters.argv.map(quoted).joined(separator: " ")
        case .packages(let parameters):
            let names = parameters.packages.map(quoted).joined(separator: " ")
            return sudo + installCommand(parameters.manager) + " " + names
        case .tool(let parameters):
            guard let installer = parameters.installer, let package = parameters.package else { return nil }
            return installCommand(installer) + " " + quoted(package)
        case .cleanup(let parameters):
            return sudo + "rm -rf " + parameters.paths.map(quoted).joined(separator: " ")
        default:
            return nil
        }
    }

    static func installCommand(_ manager: PackageManager) -> String {
        switch manager {
        case .apt: "apt-get install -y"
        case .dnf: "dnf install -y"
        case .yum: "yum install -y"
        case .zypper: "zypper --non-interactive install"
        case .apk: "apk add"
        case .pacman: "pacman -S --noconfirm"
        case .brew: "brew install"
        case .snap: "snap install"
        case .pip: "pip install"
        case .pipx: "pipx install"
        case .cargo: "cargo install"
        case .npm: "npm install -g"
        case .go: "go install"
        case .gem: "gem install"
        }
    }

    /// Single-quotes a word when the shell would otherwise split or expand it.
    static func quoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@+,%".contains($0) }
        if plain, !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
