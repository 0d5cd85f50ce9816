import EvlogKit
import ArgumentParser
import Foundation
import InstallModel
import Orchestrator
import Rendering

/// `evlog prune`: removes old plan logs; a log a process is writing is never removed.
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune", abstract: "Remove old plan logs (never one that is running).",
        discussion: """
            A log goes when it is older than --older-than (by its last write) and not among the --keep newest.
            With both, both must allow it. The log of a plan that installed a tool still installed is kept (it is
            the record uninstall, upgrade and outdated read), and prune says so. Reproductions (<home>/reproductions/) go by the same rules, their
            --keep newest counted apart.

            Examples:
              evlog prune --older-than 30d
              evlog prune --keep 20
              evlog prune --older-than 7d --keep 5 --dry-run
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Remove logs last written longer ago than this: 30d, 12h, 15m or 90s.")
    var olderThan: String?

    @Option(help: "Keep the newest N logs whatever their age.")
    var keep: Int?

    @Flag(help: "Print what would be removed, remove nothing.")
    var dryRun = false

    func validate() throws {
        if olderThan == nil && keep == nil { throw ValidationError("give --older-than AGE, --keep N or both") }
        if let keep, keep < 0 { throw ValidationError("--keep must be 0 or more, got \(keep)") }
        if let olderThan, PruneCommand.seconds(olderThan) == nil {
            throw ValidationError("--older-than takes a number with a unit (d, h, m or s), e.g. 30d; got '\(olderThan)'")
        }
    }

    func run() throws {
        let archive = PlanArchive(home: global.homeDirectory)
        // Reproductions (`evlog reproduce`) age by the same rules, counted apart from the plans.
        let logs = PlanLog.all(home: global.homeDirectory)
        let reproductions = PlanLog.all(inDirectory: archive.reproductionsDirectory)
        let records = InstallRecords(home: global.homeDirectory)
        let removedPlans = prune(logs, archive: archive, records: records)
        let removedReproductions = prune(reproductions, archive: archive, records: nil)
        let removed = removedPlans + removedReproductions
        for path in PlanLog.notLogs(inDirectory: archive.plansDirectory) + PlanLog.notLogs(inDirectory: archive.reproductionsDirectory) {
            Terminal.print("evlog: left alone \(shown: path): not a regular file, so no log evlog wrote; remove it by hand if it should go", to: STDERR_FILENO)
        }
        let total = logs.count + reproductions.count
        if global.json {
            let kept = logs.map(\.id).filter { records.tools[$0] != nil }.map { JSONValue.string($0.rawValue) }
            Terminal.print(try JSONText.encode(JSONValue.object([
                "removed": .number(Double(removed)), "kept": .number(Double(total - removed)), "dry_run": .bool(dryRun),
                "kept_as_install_record": .array(kept),
            ])))
        } else {
            // Counted apart (truth10 F10): a reproduction is not one of the user's plans.
            let apart = reproductions.isEmpty ? "" : " and \(removedReproductions) of \(reproductions.count) reproductions"
            Terminal.print("\(dryRun ? "would remove" : "removed") \(removedPlans) of \(logs.count) logs" + apart)
        }
    }

    /// Removes those of `logs` (oldest first) the options let go, except the install `records`; returns how many.
    private func prune(_ logs: [PlanLog], archive: PlanArchive, records: InstallRecords?) -> Int {
        var candidates = Array(logs.dropLast(keep ?? 0))
        if let age = olderThan.flatMap(PruneCommand.seconds) {
            let cutoff = Date().addingTimeInterval(-age)
            candidates = candidates.filter { ($0.modifiedAt ?? .distantFuture) < cutoff }
        }
        var removed = 0
        for log in candidates {
            if let reason = records?.keeping(log.id) {
                Terminal.print("evlog: keeping \(shown: log.id): \(reason)", to: STDERR_FILENO)
                continue
            }
            if let pid = log.writer.pid {
                Terminal.print("evlog: keeping \(shown: log.id): process \(pid) is writing it", to: STDERR_FILENO)
                continue
            }
            // A plan's downloads, backups, reproduce fixtures and `evlog serve` error files go with its log.
            let leftovers = archive.leftovers(of: log.id)
            if !dryRun {
                // Its lines in the record of seals seen stay: its bundles outlive it, and are checked against them
                // (an older copy is still told apart from the newest, integrity13 #1).
                do {
                    try log.remove()
                } catch {
                    Terminal.print("evlog: \(error.description)", to: STDERR_FILENO)
                    continue
                }
                for leftover in leftovers where (try? FileManager.default.removeItem(atPath: leftover)) == nil {
                    Terminal.print("evlog: could not remove \(leftover); remove it by hand", to: STDERR_FILENO)
                }
            }
            removed += 1
            let also = leftovers.isEmpty ? "" : " (and " + leftovers.shown(joinedBy: ", ") + ")"
            if !global.json { Terminal.print((dryRun ? "would remove " : "removed ") + "\(shown: log.id)" + also) }
        }
        return removed
    }

    /// Seconds in `30d`, `12h`, `15m` or `90s`; nil when it is none of these.
    static func seconds(_ age: String) -> TimeInterval? {
        guard let unit = age.last, let count = Double(age.dropLast()), count >= 0 else { return nil }
        switch unit {
        case "d": return count * 86400
        case "h": return count * 3600
        case "m": return count * 60
        case "s": return count
        default: return nil
        }
    }
}
