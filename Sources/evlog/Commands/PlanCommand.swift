import EvlogKit
import ArgumentParser
import Catalog
import Foundation
import InstallModel

/// `evlog plan`: what evlog would do to install some tools on this (or another) system, and why.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the steps evlog would run to install tools, with the reasons and the risks.",
        discussion: """
            Examples:
              evlog plan ripgrep                      plan for this machine
              evlog plan docker kubectl --profile fedora
              evlog plan black --profile ./my-profile.json --json
              evlog plan --list                       the tools the catalog knows
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var choices: ResolutionChoices

    @Argument(help: "Tools to install (names or aliases, e.g. ripgrep rg docker; name@version for a version, e.g. jq@1.7).")
    var tools: [String] = []

    @Option(name: .long, help: "A named profile (evlog profile --list) or a profile file (YAML/JSON); default: this machine.")
    var profile: String?

    @Flag(name: .long, help: "Plan an install even for tools that are already installed.")
    var reinstall = false

    @Flag(name: .long, help: "List the tools the catalog knows and exit.")
    var list = false

    /// The id a previewed plan carries; `evlog install` assigns real ids.
    static let previewPlanID = PlanID("p-preview")

    func validate() throws {
        if tools.isEmpty && !list {
            throw ValidationError("name at least one tool, e.g. `evlog plan ripgrep` (or `evlog plan --list`)")
        }
    }

    func run() throws {
        let catalog = try catalogOptions.load()
        if list && global.json {
            let entries = catalog.toolNames.compactMap { catalog.recipes[$0] }.map { CatalogEntry(recipe: $0) }
            FileHandle.standardOutput.write(Data((try JSONText.encode(entries) + "\n").utf8))
            return
        }
        if list {
            for name in catalog.toolNames {
                let summary = catalog.recipes[name]?.summary ?? ""
                if global.json {
                    print(try JSONText.encode(JSONValue.object(["tool": .string(name), "summary": .string(summary)])))
                } else {
                    print(name.padding(toLength: 20, withPad: " ", startingAt: 0) + " " + summary)
                }
            }
            return
        }
        let (target, options) = try CatalogCLI.target(profile: profile, reinstall: reinstall, method: choices.method)
        let plan = try CatalogCLI.catch { () throws(CatalogError) in
            try Resolver(catalog: catalog).resolve(
                tools: tools, profile: target, planID: Self.previewPlanID, options: choices.apply(to: options))
        }
        if global.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(PlanReport(plan: plan))
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } else {
            print(PlanText.render(plan), terminator: "")
        }
    }
}

/// What the plan and profile commands share: turning catalog errors into exit codes, picking the profile.
enum CatalogCLI {
    /// Runs `body`, mapping a `CatalogError` to the user-facing message and exit code evlog promises.
    static func `catch`<T>(_ body: () throws(CatalogError) -> T) throws(UserFacingError) -> T {
        do {
            return try body()
        } catch {
            throw UserFacingError(error.description, code: exitCode(for: error))
        }
    }

    /// A named profile or a profile file; a file that is not a regular, readable profile is bad input (exit 2).
    static func loadProfile(_ nameOrPath: String) throws(UserFacingError) -> SystemProfile {
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
    static func exitCode(for error: CatalogError) -> ExitStatus {
        switch error {
        case .unknownTool, .profileNotFound, .badVersionRequest: .usage
        default: .planFailed
        }
    }

    /// Who runs the plan: `$USER`, else `$LOGNAME`, else the login of this process's user.
    static func loginName(_ environment: [String: String]) -> String {
        [environment["USER"], environment["LOGNAME"]].compactMap { $0 }.first { !$0.isEmpty } ?? NSUserName()
    }

    /// The named or file profile, or this machine's, with the options that fit it (the user is this run's).
    /// `method` (`--method`) naming a package manager of another system lets this machine's profile count it.
    static func target(profile: String?, reinstall: Bool, method: String? = nil) throws(UserFacingError) -> (SystemProfile, ResolveOptions) {
        if let profile {
            let loaded = try loadProfile(profile)
            return (loaded, ResolveOptions(reinstall: reinstall, userName: loginName(ProcessInfo.processInfo.environment)))
        }
        let environment = ProcessInfo.processInfo.environment
        let home = NSHomeDirectory()
        let path = (environment["PATH"] ?? "").split(separator: ":").map { entry in
            entry.hasPrefix(home) ? "~" + entry.dropFirst(home.count) : String(entry)
        }
        let shell = environment["SHELL"].flatMap { Shell(rawValue: URL(fileURLWithPath: $0).lastPathComponent) }
        let options = ResolveOptions(
            reinstall: reinstall, installedProbe: PathInstalledProbe(), userName: loginName(environment),
            shell: shell, pathDirectories: path, packageVersions: AptVersionProbe())
        return (ProfileDetector.detect(allowingForeign: Set([method].compactMap { $0.flatMap(PackageManager.init(rawValue:)) })), options)
    }
}
