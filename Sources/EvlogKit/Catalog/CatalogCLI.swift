import Catalog
import Diagnosis
import Foundation
import InstallModel

/// What the plan and profile commands share: turning catalog errors into exit codes, picking the profile.
public enum CatalogCLI {
    /// Runs `body`, mapping a `CatalogError` to the user-facing message and exit code evlog promises.
    public static func `catch`<T>(_ body: () throws(CatalogError) -> T) throws(UserFacingError) -> T {
        do {
            return try body()
        } catch {
            throw UserFacingError(error.description, code: exitCode(for: error))
        }
    }

    /// A named profile or a profile file; a file that is not a regular, readable profile is bad input (exit 2).
    public static func loadProfile(_ nameOrPath: String) throws(UserFacingError) -> SystemProfile {
        if NamedProfiles.named(nameOrPath) == nil, FileManager.default.fileExists(atPath: nameOrPath) {
            try InputFile.requireRegularFile(nameOrPath)
        }
        do {
            return try SystemProfile.load(nameOrPath: nameOrPath)
        } catch {
            throw UserFacingError(error.description, code: .usage)
        }
    }

    /// Usage mistakes exit 2; a tool that cannot be installed here, or broken data, exits 1.
    public static func exitCode(for error: CatalogError) -> ExitStatus {
        switch error {
        case .unknownTool, .profileNotFound, .badVersionRequest, .versionNotCheckable: .usage
        default: .planFailed
        }
    }

    /// Who runs the plan: `$USER`, else `$LOGNAME`, else the login of this process's user.
    public static func loginName(_ environment: [String: String]) -> String {
        [environment["USER"], environment["LOGNAME"]].compactMap { $0 }.first { !$0.isEmpty } ?? NSUserName()
    }

    /// The named or file profile, or this machine's, with the options that fit it (the user is this run's).
    /// `method` (`--method`) naming a package manager of another system lets this machine's profile count it.
    public static func target(profile: String?, reinstall: Bool, method: String? = nil) throws(UserFacingError) -> (SystemProfile, ResolveOptions) {
        if let profile {
            let loaded = try loadProfile(profile)
            return (loaded, ResolveOptions(reinstall: reinstall, userName: loginName(ProcessInfo.processInfo.environment)))
        }
        let environment = ProcessInfo.processInfo.environment
        let home = StateHome.userHome(environment: environment)
        let path = (environment["PATH"] ?? "").split(separator: ":").map { entry in
            entry.hasPrefix(home) ? "~" + entry.dropFirst(home.count) : String(entry)
        }
        let shell = environment["SHELL"].flatMap { Shell(rawValue: URL(fileURLWithPath: $0).lastPathComponent) }
        var options = ResolveOptions(
            reinstall: reinstall, installedProbe: PathInstalledProbe(), userName: loginName(environment),
            shell: shell, pathDirectories: path, packageVersions: AptVersionProbe())
        options.installedCopies = SystemInstallFinder()
        options.groupMembership = SystemGroupMembership()
        return (ProfileDetector.detect(allowingForeign: Set([method].compactMap { $0.flatMap(PackageManager.init(rawValue:)) })), options)
    }
}
