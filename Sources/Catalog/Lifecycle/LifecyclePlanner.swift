import InstallModel

/// Builds the plans that undo or upgrade installs: one command step per tool, run and recorded like an install.
///
/// Pure: the records say how each tool is installed; the CLI finds them (past plan logs first, then the system).
public struct LifecyclePlanner: Sendable {
    public let profile: SystemProfile

    public init(profile: SystemProfile) { self.profile = profile }

    /// How long apt and apk wait for another process's lock, as installs do (the orchestrator's
    /// `PackageManagerCommands.lockWaitSeconds`): a removal on a busy machine waits instead of failing.
    public static let lockWaitSeconds = 600

    /// A plan removing each tool the way it was installed (`remove-<tool>`), then checking it is gone; then the
    /// repositories and shell-profile blocks those installs added that no tool in `kept` (the installed tools
    /// that stay) still needs, each file backed up first (`backupBefore`) as install does.
    ///
    /// A tool in `gone` (removed outside evlog since: `pipx uninstall` by hand) has nothing to remove: its
    /// `remove-<tool>` step only checks it is still gone, and the rest of what its install added goes as for any other.
    ///
    /// A tool in `stray` is not evlog's (the user's own, or one an interrupted plan never installed): only the
    /// shell-profile block evlog wrote for it goes, and the tool stays as it is.
    ///
    /// A tool in `removedByHand` is a system package removed outside evlog since (`apt-get purge` by hand): its removal
    /// still runs, for what is left of it and of what its install added, and its note says it was removed.
    public func removal(
        _ records: [InstallRecord], keeping kept: [InstallRecord] = [], gone: Set<String> = [], removedByHand: Set<String> = [],
        stray: [(tool: String, block: AddedShellBlock, why: String)] = [], catalog: Catalog, planID: PlanID
    ) -> Plan {
        var steps: [Step] = []
        var notes: [String] = []
        for record in records {
            let id = StepID("remove-\(record.tool)")
            let (argv, manager) = Self.removeCommand(record.how, keepingConfigOf: record.keepConfig, fileSHA256: record.fileSHA256)
            let binary = catalog.recipe(named: record.tool)?.binary ?? record.tool
            let command = Self.installedCommand(record.how, binary: binary) ?? binary
            // The usual-name links go first, while they still point at something (a dangling link looks absent);
            // each only while it is still a link to the command (the user may have put their own file there since).
            let unlink = StepID("unlink-\(record.tool)")
            let usualNames = record.links.compactMap(CommandNameLink.usualName(ofLinkPath:))
            if let usual = usualNames.first {
                steps.append(
                    Step(
                        id: unlink, label: "Remove the link ~/.local/bin/\(usual) the install made, if it is still that link",
                        action: .postInstall(CommandParameters(argv: CommandNameLink.removeArgv(usual: usual, installed: record.linkedCommand))),
                        needsRoot: false, idempotent: true, risk: .low, timeoutSeconds: 30, tool: record.tool))
            }
            if gone.contains(record.tool) {
                let check = CommandParameters(argv: Self.goneCheck(record.how, binary: binary))
                // The step keeps its manager (`lock`): the history reads which install a removal undid from it.
                steps.append(
                    Step(
                        id: id, label: "Check that \(command) is still gone (\(record.how) was removed outside evlog)",
                        action: .postInstall(check), dependsOn: usualNames.isEmpty ? [] : [unlink], needsRoot: false,
                        idempotent: true, lock: manager, risk: .low, timeoutSeconds: 30, tool: record.tool))
                notes.append(
                    "\(record.tool): \(record.how) (from \(record.source)) was already removed outside evlog: nothing to remove for it; "
                        + "what its install added beside it still goes")
                continue
            }
            // The inverses of what its post-install commands changed (`git lfs uninstall`) run while the tool is there.
            var undoIDs: [StepID] = []
            for (index, undo) in record.undoCommands.enumerated() {
                let undoID = StepID(index == 0 ? "undo-\(record.tool)" : "undo-\(record.tool)-\(index + 1)")
                undoIDs.append(undoID)
                steps.append(
                    Step(
                        id: undoID, label: "Run \(undo.joined(separator: " ")) (undoes what the install's post-install command changed)",
                        action: .postInstall(CommandParameters(argv: undo)), dependsOn: usualNames.isEmpty ? [] : [unlink],
                        needsRoot: false, idempotent: true, risk: .low, timeoutSeconds: 300, tool: record.tool))
                notes.append("\(record.tool): runs `\(undo.joined(separator: " "))` first, the inverse of what its install ran after installing it")
            }
            // The group memberships its install added go with it, unless a tool that stays joined the same group.
            for join in record.joinedGroups {
                if let other = kept.first(where: { $0.joinedGroups.contains(join) }) {
                    notes.append("\(record.tool): \(join.user) stays in the \(join.group) group, which \(other.tool)'s install joined too")
                    continue
                }
                let leaveID = StepID("leave-\(join.group)-\(record.tool)")
                undoIDs.append(leaveID)
                steps.append(
                    Step(
                        id: leaveID, label: "Take \(join.user) out of the \(join.group) group its install added (log out and in to apply)",
                        action: .postInstall(CommandParameters(argv: ["gpasswd", "-d", join.user, join.group])),
                        dependsOn: usualNames.isEmpty ? [] : [unlink], needsRoot: true, idempotent: true, risk: .medium,
                        restartRequired: .session, timeoutSeconds: 60, tool: record.tool))
                notes.append("\(record.tool): takes \(join.user) out of the \(join.group) group, which its install added")
            }
            steps.append(
                Step(
                    id: id, label: "Remove \(record.tool) (\(record.how))", action: .postInstall(CommandParameters(argv: argv)),
                    dependsOn: (usualNames.isEmpty ? [] : [unlink]) + undoIDs,
                    needsRoot: manager?.isSystem == true && manager != .brew, idempotent: true, lock: manager, risk: .medium,
                    timeoutSeconds: 900, tool: record.tool))
            notes.append(
                removedByHand.contains(record.tool)
                    ? "\(record.tool): \(record.how) (from \(record.source)) was already removed outside evlog; what is left of it and "
                        + "of what its install added goes the same way"
                    : "\(record.tool): installed as \(record.how) (from \(record.source)); removing it the same way")
            let check = CommandParameters(argv: Self.removalCheck(record, binary: binary))
            steps.append(
                Step(
                    id: StepID("check-\(record.tool)-removed"), label: "Check that \(command) is gone", action: .postInstall(check),
                    dependsOn: [id], needsRoot: false, idempotent: true, risk: .low, timeoutSeconds: 30, tool: record.tool))
        }
        for (tool, block, why) in stray {
            notes.append("\(tool): \(why), so it stays as it is; only the lines plan \(block.plan) added to ~/\(block.shell.profileFileName) for it go")
        }
        let cleanup = AddedConfigCleanup(removed: records, kept: kept, stray: stray.map(\.block))
        steps += cleanup.steps
        notes += cleanup.notes
        return Plan(id: planID, tools: records.map(\.tool) + stray.map(\.tool), profile: profile, steps: steps, notes: notes, kind: .uninstall)
    }

    /// A plan upgrading each tool in place with its own installer (`upgrade-<tool>`); the tools whose method cannot
    /// upgrade in place (a release file, a `go install`) are installed again by `reinstall`'s steps (an install plan
    /// of those tools from the recipes they were installed from); a tool in neither is left out (the caller says why).
    public func upgrade(_ records: [InstallRecord], reinstall: Plan? = nil, planID: PlanID) -> Plan {
        var steps: [Step] = []
        var notes: [String] = []
        var tools: [String] = []
        for record in records {
            guard let (argv, manager) = Self.upgradeCommand(record.how) else { continue }
            tools.append(record.tool)
            steps.append(
                Step(
                    id: StepID("upgrade-\(record.tool)"), label: "Upgrade \(record.tool) (\(record.how))",
                    action: .postInstall(CommandParameters(argv: argv)),
                    needsRoot: manager?.isSystem == true && manager != .brew, idempotent: true, lock: manager, risk: .medium,
                    timeoutSeconds: 1800, tool: record.tool))
        }
        if let reinstall {
            tools += reinstall.tools
            steps += reinstall.steps
            notes += reinstall.notes
        }
        return Plan(id: planID, tools: tools, profile: profile, steps: steps, notes: notes, kind: .upgrade)
    }

    /// The argv checking that a removal this plan runs did its work: for apt, dpkg holds none of the packages installed,
    /// nor with configuration left when they were purged (repro13 F8); for the other methods, `goneCheck`.
    static func removalCheck(_ record: InstallRecord, binary: String) -> [String] {
        guard case .packages(.apt, let names) = record.how else { return goneCheck(record.how, binary: binary) }
        return AptRemoval.checkArgv(binary: binary, names: names, purged: purges(names, keepingConfigOf: record.keepConfig))
    }

    /// Whether apt purges `names`: unless one of them had configuration of the user's before its install (`kept`).
    static func purges(_ names: [String], keepingConfigOf kept: [String]) -> Bool { !names.contains(where: kept.contains) }

    /// The argv checking that the removed install's command is gone: the file the install put the command in, when it
    /// has one of its own (a user-level installer's bin directory, a release file), so a copy the user had elsewhere on
    /// PATH (Debian's package of the same tool) stays and passes; else no such command on PATH at all. Values are
    /// positional parameters of a constant script.
    static func goneCheck(_ how: InstallKind, binary: String) -> [String] {
        guard let path = installedCommand(how, binary: binary) else {
            return ["sh", "-c", "! command -v \"$1\" >/dev/null 2>&1", "sh", binary]
        }
        return ["sh", "-c", "! { test -e \"$1\" || test -L \"$1\"; }", "sh", path]
    }

    /// Where an install put its command when that file is its own (`~/.local/bin/black` for pipx), or nil (a
    /// system package's command, or an installer whose bin directory evlog does not know).
    public static func installedCommand(_ how: InstallKind, binary: String) -> String? {
        switch how {
        case .file(let path): path
        case .language(.go, let module): userBinDirectory(of: .go).map { $0 + "/" + goBinaryName(module) }
        case .language(let installer, _): userBinDirectory(of: installer).map { $0 + "/" + binary }
        case .packages: nil
        }
    }

    /// The directory a user-level installer puts commands in, as evlog runs it, or nil.
    static func userBinDirectory(of installer: PackageManager) -> String? {
        switch installer {
        case .pipx, .pip, .npm: "~/.local/bin"
        case .cargo: "~/.cargo/bin"
        case .go: "~/go/bin"
        default: nil
        }
    }

    /// Whether `how` has no command upgrading it in place, so an upgrade installs it again.
    public static func upgradesByReinstalling(_ how: InstallKind) -> Bool { upgradeCommand(how) == nil }

    /// The argv that undoes an install, and the package manager whose lock it holds. Names (from a recipe or a
    /// past plan's log) are arguments, never shell text, after `--` where the tool reads it as the end of options.
    /// apt purges (no `rc` lines stay, `AptRemoval`) unless a package's configuration was there before its install
    /// (`keepingConfigOf`): then the packages are removed and all configuration stays. A placed file with the digest
    /// its install recorded (`fileSHA256`) goes only while it holds those bytes (`InstalledFileRemoval`); without one
    /// (a removal forced past that check) it goes whatever it holds.
    static func removeCommand(
        _ how: InstallKind, keepingConfigOf kept: [String] = [], fileSHA256: String? = nil
    ) -> (argv: [String], lock: PackageManager?) {
        switch how {
        case .packages(let manager, let names):
            if manager == .apt {
                return (AptRemoval.argv(names: names, purging: purges(names, keepingConfigOf: kept), lockWaitSeconds: Self.lockWaitSeconds), .apt)
            }
            let argv: [String] =
                switch manager {
                case .dnf: ["dnf", "remove", "-y"]
                case .yum: ["yum", "remove", "-y"]
                case .zypper: ["zypper", "--non-interactive", "remove"]
                case .apk: ["apk", "del", "--wait", String(Self.lockWaitSeconds), "--"]
                case .pacman: ["pacman", "-R", "--noconfirm", "--"]
                case .brew: ["brew", "uninstall"]
                default: ["snap", "remove", "--"]
                }
            return (argv + names, manager)
        case .language(let installer, let package):
            let argv: [String] =
                switch installer {
                case .pipx: ["pipx", "uninstall", "--", package]
                case .pip: ["python3", "-m", "pip", "uninstall", "-y", "--", package]
                case .cargo: ["cargo", "uninstall", "--", package]
                case .npm: ["npm", "uninstall", "-g", "--prefix", "~/.local", "--", package]
                case .gem: ["gem", "uninstall", "-x", package]
                default: ["rm", "-f", "--", "~/go/bin/" + goBinaryName(package)]
                }
            return (argv, installer)
        case .file(let path):
            if let fileSHA256 { return (InstalledFileRemoval.removeArgv(path: path, sha256: fileSHA256), nil) }
            return (["rm", "-f", "--", path], nil)
        }
    }

    /// The argv that upgrades an install in place, or nil when the method has no such command. apt's two commands
    /// share one shell whose script is constant: the package names are its positional parameters (`"$@"`).
    static func upgradeCommand(_ how: InstallKind) -> (argv: [String], lock: PackageManager?)? {
        switch how {
        case .packages(let manager, let names):
            switch manager {
            case .apt:
                // The option is constant text, chosen by the names' shape; the names stay positional parameters.
                let exact = AptNameMatching.options(for: names).joined(separator: " ")
                let install = "apt-get install -y -o DPkg::Lock::Timeout=\(Self.lockWaitSeconds) \(exact.isEmpty ? "" : exact + " ")--only-upgrade -- \"$@\""
                return (["sh", "-c", "apt-get update && " + install, "sh"] + names, .apt)
            case .dnf, .yum: return ([manager.rawValue, "upgrade", "-y"] + names, manager)
            case .zypper: return (["zypper", "--non-interactive", "update"] + names, .zypper)
            case .apk: return (["apk", "add", "--upgrade", "--"] + names, .apk)
            case .pacman: return (["pacman", "-S", "--noconfirm", "--needed", "--"] + names, .pacman)
            case .brew: return (["brew", "upgrade"] + names, .brew)
            default: return (["snap", "refresh", "--"] + names, manager)
            }
        case .language(let installer, let package):
            switch installer {
            case .pipx: return (["pipx", "upgrade", "--", package], .pipx)
            case .cargo: return (["cargo", "install", "--locked", "--force", "--", package], .cargo)
            case .npm: return (["npm", "install", "-g", "--prefix", "~/.local", "--", package + "@latest"], .npm)
            case .gem: return (["gem", "update", package], .gem)
            default: return nil
            }
        case .file: return nil
        }
    }

    /// The file `go install` leaves in `~/go/bin` for a module path: its last element, skipping a major-version
    /// suffix (`example.com/tool/v2` → `tool`) and the version asked for (`…/cmd/task@latest` → `task`: a second
    /// copy's verify step runs that file, `Resolver.ownCommand`).
    static func goBinaryName(_ modulePath: String) -> String {
        let elements = modulePath.prefix { $0 != "@" }.split(separator: "/")
        let isMajorSuffix = { (element: Substring) in
            element.count > 1 && element.first == "v" && element.dropFirst().allSatisfy(\.isNumber)
        }
        let name = elements.count > 1 && elements.last.map(isMajorSuffix) == true ? elements[elements.count - 2] : elements.last
        return name.map(String.init) ?? modulePath
    }
}
