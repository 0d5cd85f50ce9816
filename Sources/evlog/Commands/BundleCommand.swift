import EvlogKit
import ArgumentParser
import EventLog
import Catalog
import Foundation
import Orchestrator
import Sealing

/// `evlog bundle <plan> -o host.evb`: one file that proves what happened on this host and replays anywhere.
struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Write a plan's log and this host's profile into one sealed file (.evb).",
        discussion: """
            The bundle is an evlog log (Docs/FORMAT.md §9.4): `evlog verify`, `replay`, `diagnose` and `reproduce`
            read it on any machine. With a host key (`evlog key generate`) it is sealed.

            Examples:
              evlog bundle p-3f2a9c01b7de -o $(hostname).evb
              evlog verify web1.evb --key fleet.pub
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A plan id or a path to an .evlog file.", completion: .custom(PlanCompletion.planIDs))
    var plan: String

    @Option(name: .shortAndLong, help: "The bundle file to write (a regular file there is replaced; anything else is refused).")
    var output: String

    /// Why the bundle could not be written, without the paths of the log it copies or of its temporary copy
    /// (which is removed): the system's reason (`No space left on device`), or the error itself.
    static func reason(_ error: any Error) -> String {
        if case .io(_, let operation, let errno)? = error as? EventLogError { return "\(operation) failed: \(errno)" }
        return FoundationErrorText.reason(for: error) ?? "\(error)"
    }

    func run() throws {
        let log = try global.planLog(plan)
        let path = log.path
        if (try? log.stateFromLastCheckpoint())?.plan?.simulation?.isReproduction == true {
            // A check of another log, not a run of this host: bundled, its seal would vouch for it as this host's plan (integrity18 #10).
            throw UserFacingError("\(path) is a reproduction (`evlog reproduce`), a check of another log, not a run on this host: it is not bundled; bundle the original plan")
        }
        if let mislabel = log.mislabelNote { Terminal.print("evlog: note: " + mislabel, to: STDERR_FILENO) }
        let protectedFiles = [path, LogWriter.lockFilePath(for: path)]
        // The home and the key directory hold evlog's own files (records, their locks, the key): none is replaced, empty
        // or not, and a bundle goes there only under a bundle's name (integrity18 #3: `-o <home>/last-seen-seals.jsonl.lock`
        // swapped a lock for a bundle).
        let own = [global.plansDirectory, global.homeDirectory, HostKey.directory()]
        let place = FileIdentity(following: OutputTarget.directory(of: output))
        // plans/ and reproductions/ hold logs only: a bundle there is listed as a second log of its plan (integrity20 #9).
        let logDirectories = [global.plansDirectory, PlanArchive(home: global.homeDirectory).reproductionsDirectory]
        if place != nil, let directory = logDirectories.first(where: { FileIdentity(following: $0) == place }) {
            throw UserFacingError("no bundle written: \(output) is in \(directory), which holds plan logs only: give a file elsewhere")
        }
        if !output.hasSuffix(PlanLog.bundleExtension), let directory = own.dropFirst().first(where: { FileIdentity(following: $0) == place && place != nil }) {
            throw UserFacingError("no bundle written: \(output) is in \(directory), where evlog keeps its own files: name it NAME\(PlanLog.bundleExtension), or give a file elsewhere")
        }
        if let problem = OutputTarget.problem(output, protectedDirectories: own, protectedFiles: protectedFiles) {
            throw UserFacingError("no bundle written: \(problem)")
        }
        let key = try KeyCommand.hostKey()
        let archive = PlanArchive(home: global.homeDirectory)
        do {
            var bundled: SealReport?
            try PlanBundle.write(log: path, to: output, profile: ProfileDetector.detect(), bundledAt: SystemClock().now(), key: key,
                                 homes: [global.homeDirectory]) {
                if let refusal = try archive.rolledBack(path, report: $0, undone: "no bundle written") { throw refusal }
                bundled = $0
            }
            // How far the log went, as this home's writer saw it: a copy cut back before it is told apart later.
            if key != nil { archive.noteSeal(bundled?.endPoint) }
        } catch let error as UserFacingError {
            throw error
        } catch let refusal as PlanBundleRefusal {
            throw UserFacingError("\(refusal)")
        } catch let error as SealTrustError {
            throw UserFacingError("no bundle written: \(error)")
        } catch {
            throw UserFacingError("cannot write the bundle \(output): \(BundleCommand.reason(error)); nothing was written")
        }
        // Written all the same (a bundle replays anywhere), but `verify --key` will say it is unsealed.
        if key == nil { Terminal.print(BundleCommand.unsealedNote, to: STDERR_FILENO) }
        print(output)
    }

    /// What `bundle` says on a host without a key.
    static let unsealedNote = "evlog: no host key: the bundle is unsealed; run `evlog key generate`"
}
