import InstallModel
import Rendering

/// A system profile as aligned `key: value` lines for people; the values (from a profile file or the machine's
/// os-release) shown through `NeutralText`.
public enum ProfileText {
    public static func render(_ profile: SystemProfile) -> String {
        let managers = profile.packageManagers
        let system = managers.filter(\.isSystem).map(\.rawValue)
        let language = managers.filter { !$0.isSystem }.map(\.rawValue)
        let rows: [(String, String)] = [
            ("profile", profile.name),
            ("os", "\(profile.distribution) \(profile.version)" + (profile.codename.map { " (\($0))" } ?? "")),
            ("family", profile.osFamily),
            ("arch", "\(profile.arch) (\(profile.debianArch))"),
            ("init", profile.initSystem.rawValue),
            ("package managers", system.isEmpty ? "none found" : system.joined(separator: ", ")),
            ("language managers", language.isEmpty ? "none found" : language.joined(separator: ", ")),
            ("root", profile.isRoot ? "yes" : "no"),
            ("sudo", profile.hasSudo ? "yes" : "no"),
            ("privilege", profile.hasSudo && !profile.isRoot && profile.sudoNeedsPassword == nil ? "sudo (not probed)" : profile.privilege.summary),
            ("container", profile.inContainer ? "yes" : "no"),
            ("PEP 668 python", profile.externallyManagedPython ? "externally managed (pip install refused; pipx used)" : "no"),
            ("read-only root", profile.readOnlyRoot ? "yes" : "no"),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { key, value in
            key + ":" + String(repeating: " ", count: width - key.count + 1) + "\(shown: value)"
        }.joined(separator: "\n") + "\n"
    }
}
