import EvlogKit
import Catalog
import Foundation
import InstallModel

/// How each named tool is installed: past plan logs first, then what is on this system.
enum LifecycleTargets {
    /// The `source` of a record found on the system, when no plan log says how the tool was installed.
    static let systemSource = "system"

    /// A record per tool; a tool that is not installed is an error naming it (exit 1).
    static func records(for tools: [String], home: String, catalog: Catalog) throws -> [InstallRecord] {
        try records(for: tools, history: InstallHistory.load(home: home, catalog: catalog), catalog: catalog)
    }

    /// A record per tool from an already loaded history, to change (remove, upgrade) what evlog installed:
    /// a tool only a simulation installed is an error saying so (exit 1), whatever this system has.
    static func records(for tools: [String], history: InstallHistory, catalog: Catalog) throws -> [InstallRecord] {
        var records: [InstallRecord] = []
        for name in tools {
            guard let recipe = catalog.recipe(named: name.lowercased()) else {
                throw UserFacingError(CatalogError.unknownTool(name, suggestions: catalog.suggestions(for: name)).description)
            }
            if history.installed[recipe.name] == nil, let simulated = history.simulatedOnly[recipe.name] {
                // Said as it is: there may be no copy here at all (truth12 F18).
                let here = SystemInstallFinder().find(recipe) == nil && SystemInstallFinder().unmanagedPath(recipe) == nil
                    ? "and there is none on this machine" : "so it leaves this system's \(recipe.name) alone"
                throw UserFacingError(
                    "\(recipe.name) was installed only in a simulation (plan \(simulated)), which changed nothing on this machine; "
                        + "evlog installed no \(recipe.name) here, \(here)",
                    code: .planFailed)
            }
            records.append(try record(recipe, history: history))
        }
        return records
    }

    /// What a lifecycle command does to a tool, for refusals that name it: uninstall removes, upgrade upgrades.
    enum Change: String, Sendable {
        case remove, upgrade
    }

    /// Refuses (exit 1) when an evlog plan found one of `tools` already on this machine (and no evlog install added
    /// it since): it is the user's, so evlog leaves it and says how it is installed, for the user to change it.
    static func refuseTheUsersOwn(among tools: [String], history: InstallHistory, catalog: Catalog, change: Change) throws {
        let usersOwn = tools.compactMap { name -> String? in
            guard let recipe = catalog.recipe(named: name.lowercased()), let plan = history.foundPresent[recipe.name] else { return nil }
            let how = SystemInstallFinder().find(recipe).map { ", as the \($0)" } ?? ""
            // The profile lines that plan added are evlog's, though the tool is not: say how to take them out (truth11 F4).
            let block = history.strayBlocks[recipe.name].map { block in
                "; plan \(block.plan) added lines to ~/\(block.shell.profileFileName) for it (putting \(block.pathEntries.joined(separator: ", ")) "
                    + "on PATH): `evlog uninstall \(recipe.name)` removes them and leaves the tool"
            } ?? ""
            return "\(recipe.name) was on this machine before evlog (plan \(plan) found it\(how))\(block)"
        }
        guard !usersOwn.isEmpty else { return }
        throw UserFacingError(
            usersOwn.joined(separator: "; ") + ": evlog did not install it, so it does not \(change.rawValue) it; "
                + "\(change.rawValue) it with the tool that installed it, or leave it out", code: .planFailed)
    }

    /// Refuses (exit 1) a tool a plan was removing or installing when it was cut off mid-way: what it did is
    /// uncertain, and dpkg may be half-way; resuming that plan finishes it (and lets dpkg finish first), where a new
    /// plan would judge half-removed packages as the user's (truth12 F14), or the half-made install as not evlog's
    /// (F18: "not installed by evlog … or pass --force" while plan p-… was installing it).
    static func refuseWhileCutOff(among tools: [String], history: InstallHistory, catalog: Catalog, change: Change) throws {
        let cut = tools.compactMap { name -> String? in
            guard let recipe = catalog.recipe(named: name.lowercased()) else { return nil }
            let removal = history.unfinishedRemovals[recipe.name].flatMap { $0.cutOff ? $0 : nil }
            guard let unfinished = removal ?? history.cutOffInstalls[recipe.name] else { return nil }
            return "\(recipe.name): \(unfinished.sentence)"
        }
        guard !cut.isEmpty else { return }
        throw UserFacingError(cut.joined(separator: "; ") + "; evlog does not \(change.rawValue) it in a new plan meanwhile", code: .planFailed)
    }

    /// A tool whose only evlog part is a stray shell-profile block (`InstallHistory.strayBlocks`): the user's own tool
    /// an evlog plan found, or one no evlog install of it finished. `uninstall` removes the block and leaves the tool.
    struct StrayBlock {
        var tool: String
        var block: AddedShellBlock
        /// Why the tool itself stays, in a clause (`was on this machine before evlog (…)`).
        var why: String
    }

    /// The named tools that are not evlog's but have a stray block of evlog's lines; the others are left for the
    /// usual records and refusals.
    static func strayBlocks(among tools: [String], history: InstallHistory, catalog: Catalog) -> (stray: [StrayBlock], rest: [String]) {
        var stray: [StrayBlock] = []
        var rest: [String] = []
        for name in tools {
            guard let recipe = catalog.recipe(named: name.lowercased()), let block = history.strayBlocks[recipe.name] else {
                rest.append(name)
                continue
            }
            if let plan = history.foundPresent[recipe.name] {
                let how = SystemInstallFinder().find(recipe).map { ", as the \($0)" } ?? ""
                stray.append(StrayBlock(tool: recipe.name, block: block, why: "was on this machine before evlog (plan \(plan) found it\(how))"))
            } else if history.installed[recipe.name] == nil {
                stray.append(StrayBlock(tool: recipe.name, block: block, why: "was never installed by evlog (plan \(block.plan) stopped before its install finished)"))
            } else {
                rest.append(name)
            }
        }
        return (stray, rest)
    }

    /// Refuses (exit 1) a tool no plan in this home installed (found on the system, `systemSource`): evlog changes
    /// what its installs added; `--force` changes exactly the package the system says holds it.
    static func refuseNotInstalledByEvlog(_ records: [InstallRecord], change: Change) throws {
        let found = records.filter { $0.source == systemSource }
        guard !found.isEmpty else { return }
        let named = found.map { "\($0.tool) (\($0.how))" }.joined(separator: ", ")
        throw UserFacingError(
            "\(named): not installed by evlog (no plan in this home installed it); evlog changes only what its installs added: "
                + "\(change.rawValue) it with the tool that installed it, or pass --force to have evlog \(change.rawValue) exactly that",
            code: .planFailed)
    }

    /// The history's record of `recipe` when it has one, else the system's answer. A recorded install removed by hand
    /// since (a release file deleted, `pipx uninstall`) is still the record: uninstall removes what else it added and
    /// says the rest was gone, upgrade leaves it out, outdated calls it missing (`InstallPresence` asks).
    static func record(_ recipe: Recipe, history: InstallHistory) throws -> InstallRecord {
        if case .some(.some(let recorded)) = history.installed[recipe.name] { return recorded }
        if let replaced = history.replacedFiles[recipe.name] {
            throw UserFacingError(
                "\(recipe.name) is \(replaced.path), which was there before plan \(replaced.plan) installed over it: evlog did not put it "
                    + "there, so it leaves it alone; remove it yourself if it should go", code: .planFailed)
        }
        let finder = SystemInstallFinder()
        guard let found = finder.find(recipe) else {
            if let other = finder.otherProgram(recipe) {
                throw UserFacingError(Self.otherProgramSentence(recipe, other) + "; evlog leaves it alone", code: .planFailed)
            }
            if let path = finder.unmanagedPath(recipe) {
                throw UserFacingError(
                    "\(recipe.name) is \(path), which neither evlog nor a package manager it knows put there (a version manager's shim?); "
                        + "evlog leaves it alone: remove it with the tool that installed it", code: .planFailed)
            }
            throw UserFacingError("\(recipe.name) is not installed (not on PATH, and no plan log says how it was installed)", code: .planFailed)
        }
        return InstallRecord(tool: recipe.name, how: found, source: systemSource)
    }

    /// `yq is not installed: /usr/bin/yq (apt package yq) is another program (…)`: a command of the tool's name that
    /// its verify pattern does not recognise (truth20 #1).
    static func otherProgramSentence(_ recipe: Recipe, _ other: (path: String, how: InstallKind?, printed: String)) -> String {
        "\(recipe.name) is not installed: \(other.path)\(other.how.map { " (\($0))" } ?? "") is another program (its version output "
            + "\"\(other.printed)\" does not match \(recipe.name)'s verify pattern)"
    }

    /// For a tool evlog installed by two methods (apt, then pipx): the install `method` names, else (with no
    /// `method`) the newest, with a note naming the other installs when `doing` may go on with the newest
    /// (`upgrade`), or a refusal (exit 2) naming them when it may not (`remove`: either would leave the other).
    ///
    /// `isGone` says which installs were removed outside evlog since (truth12 F12: with the pipx copy removed by hand,
    /// a bare upgrade upgrades the apt one that is still there, and a refusal says which copy is gone).
    static func choosingMethod(
        _ method: String?, among records: [InstallRecord], history: InstallHistory, doing verb: String,
        isGone: (InstallRecord) -> Bool = { _ in false }
    ) throws -> (records: [InstallRecord], notes: [String]) {
        var notes: [String] = []
        let chosen = try records.map { record -> InstallRecord in
            let installs = history.installs(of: record.tool)
            let described = installs.map { "\($0.how) (\($0.source)\(isGone($0) ? ", removed outside evlog since" : ""))" }.joined(separator: " and ")
            let choices = installs.map { "--method \($0.how.methodName)" }.joined(separator: " or ")
            guard let method else {
                guard installs.count > 1 else { return record }
                guard verb != "remove" else {
                    throw UserFacingError("\(record.tool) is installed twice by evlog: \(described); say which to \(verb) with \(choices)")
                }
                let newest = installs.first { !isGone($0) } ?? record
                notes.append("\(record.tool) is installed twice by evlog: \(described); this \(verb)s the newest still here, \(newest.how); \(choices) picks one")
                return newest
            }
            if let chosen = installs.first(where: { $0.how.methodName == method }) { return chosen }
            if record.how.methodName == method { return record }
            throw UserFacingError(
                "\(record.tool) is not installed by \(method): it is \(installs.isEmpty ? "\(record.how)" : described); "
                    + "leave out --method, or name the method it is installed by")
        }
        return (chosen, notes)
    }

    /// This machine's profile, as `install` uses it.
    static func profile() throws -> SystemProfile {
        try CatalogCLI.target(profile: nil, reinstall: false).0
    }
}
