import EventLog
import Foundation
import InstallModel
import Orchestrator
import Sealing

/// One plan as `list` and `status` report it.
public struct PlanRow: Sendable {
    public var id: PlanID
    public var state: PlanState
    /// A writer holds the log's lock (or, for a point in the past, the plan was still going then).
    public var live: Bool
    /// Where reading the log stopped at damage (nil for a live log, whose tail may be a block in the making).
    public var damage: LogDamage? = nil
    /// For a reproduction (`list --all`): the plan it reproduced.
    public var reproductionOf: PlanID? = nil
    /// A reproduction that stopped before its end (killed, or cut short by an older evlog that named its log as it
    /// went): its plan's state says nothing of where the original's stopped (`markReproduction`).
    public var cutShort = false
    /// The plan the log's header names when its file is named for another (`PlanLog.mislabel`).
    public var headerLabel: String? = nil
    /// Who writes the plan, when it is known from the log's lock (a point in the past has none).
    public var writer: WriterStatus = .none
    /// What follows the log's last seal, when nothing writes it (a live writer's tail is being sealed).
    public var unsealed: PlanLog.UnsealedTail? = nil
    /// Where the plan ran when not in this home alone (imported, another home's), as the commands that list it found.
    public var elsewhere: PlanLog.Origin? = nil
    /// The line saying that a seal of the log is broken (an edit, an inserted record): its state is shown as the file
    /// holds it, not as evlog recorded it (`PlanLog.sealNote`, integrity20 #2).
    public var sealNote: String? = nil
    /// The fold's `rolledBack` (`HomeVouching`): the log ends before a seal of it this home saw. For a damaged log,
    /// continuing it would run again steps whose seal this home already saw, so `resume` refuses it and only a copy of
    /// the log restores it.
    public var rolledBack: String? = nil

    /// Where the plan's steps ran, as `--json` says it: `reproduction`, `simulated` (nothing happened on a machine),
    /// `imported`, `another-home`, or `home`.
    public var origin: String {
        if reproductionOf != nil { return "reproduction" }
        if state.plan?.simulation != nil { return "simulated" }
        return elsewhere?.rawValue ?? "home"
    }

    /// The fold's status, except that a plan left `running` by a writer that is gone was interrupted, and a reproduction
    /// that never reached its end is `cut short`.
    public var status: String {
        if cutShort { return "cut short" }
        return state.status == .running && !live ? "interrupted" : state.status.rawValue
    }

    /// For a plan whose writer stopped without ending it (a kill, a crash): when it was last heard of, its last
    /// event, since the time it stopped is not known (nil otherwise).
    public var interruptedSince: Timestamp? {
        state.status == .running && !live && !cutShort ? state.lastEventAt ?? state.startedAt : nil
    }

    /// Marks the row as the reproduction in `log` of the plan it holds: cut short when its plan did not end and the log is
    /// no whole reproduction (`PlanLog.isWholeReproduction`; only an older evlog named a reproduction's log before its end).
    public mutating func markReproduction(in log: PlanLog) {
        reproductionOf = state.plan?.id
        cutShort = !state.status.isTerminal && !live && !log.isWholeReproduction
    }

    public init(id: PlanID, state: PlanState, live: Bool, damage: LogDamage? = nil) {
        self.id = id
        self.state = state
        self.live = live
        self.damage = live ? nil : damage
    }

    public init(id: PlanID, state: PlanState, writer: WriterStatus, damage: LogDamage? = nil) {
        self.init(id: id, state: state, live: writer.isRunning, damage: damage)
        self.writer = writer
    }

    /// How long ago the plan was made, in microseconds; nil for a simulated plan, whose times are the simulator's clock
    /// (a plan made a second ago would be months old, truth20 #18).
    public func age(nowMicros: Int64) -> Int64? {
        state.plan?.simulation != nil ? nil : nowMicros.minusSaturating(state.createdAt?.microseconds ?? nowMicros)
    }

    /// `damaged_at_byte` and `bytes_after_damage` when the log is damaged.
    public var damageJSON: [String: JSONValue] {
        guard let damage else { return [:] }
        return ["damaged_at_byte": .number(Double(damage.offset)), "bytes_after_damage": .number(Double(damage.bytesAfter))]
    }

    public func json(nowMicros: Int64) -> [String: JSONValue] {
        [
            "plan": .string(id.rawValue), "status": .string(status), "tools": .array((state.plan?.tools ?? []).map(JSONValue.string)),
            "kind": .string(state.plan?.purpose.rawValue ?? PlanKind.install.rawValue),
            "steps": .number(Double(state.steps.count)), "done": .number(Double(state.count(.done))),
            "failed": .number(Double(state.count(.failed))),
            "age_seconds": age(nowMicros: nowMicros).map { .number(Double($0 / 1_000_000)) } ?? .null,
            "evlog_version": .string(EvlogVersion.current), "origin": .string(origin),
        ].merging(damageJSON) { $1 }.merging(unsealedJSON) { $1 }.merging(sealJSON) { $1 }.merging(reproductionOf.map { ["reproduction_of": .string($0.rawValue)] } ?? [:]) { $1 }
            .merging(headerLabel.map { ["header_label": .string($0)] } ?? [:]) { $1 }
    }

    /// Whether records follow the last seal of a log nothing writes that no crash leaves there (appended later): none
    /// is taken as the plan's state, and `resume` refuses the log.
    public var hasForgedTail: Bool { !live && unsealed?.appendedLater == true }

    /// Whether the log is not as evlog recorded it: a `sealNote`, or a tail no crash leaves (`hasForgedTail`). `status`
    /// exits 1 then.
    public var notAsRecorded: Bool { sealNote != nil || hasForgedTail }

    /// The first clause of `sealNote` (`rolled back`, `not sealed, though this home seals every log it writes`, …): what
    /// `list` says of a log not as recorded.
    public var sealWord: String {
        guard let sealNote else { return "" }
        return String(sealNote.prefix { $0 != ":" && $0 != ";" && $0 != "(" }).trimmingCharacters(in: .whitespaces)
    }

    /// `sealed: false` and `seal_note` when a seal of the log is broken (`sealNote`).
    public var sealJSON: [String: JSONValue] {
        guard let sealNote else { return [:] }
        return ["sealed": .bool(false), "seal_note": .string(sealNote)]
    }

    /// `unsealed_events` and `unsealed_not_folded` when records follow the last seal of a log nothing writes.
    public var unsealedJSON: [String: JSONValue] {
        guard let unsealed, !live else { return [:] }
        return ["unsealed_events": .number(Double(unsealed.events)), "unsealed_not_folded": .number(Double(unsealed.notFolded))]
    }

    /// `writer_pid`, and `log_replaced` when the process writes another file than the one at the log's path.
    public var writerJSON: [String: JSONValue] {
        guard let pid = writer.pid, pid > 0 else { return [:] }
        let replaced: [String: JSONValue] = if case .replacedUnder = writer { ["log_replaced": .bool(true)] } else { [:] }
        return ["writer_pid": .number(Double(pid))].merging(replaced) { $1 }
    }

    /// The line that names the writer of a log replaced under it (nil otherwise): the plan is running, but not in
    /// this file.
    public var replacedLogNote: String? {
        guard case .replacedUnder(let pid) = writer else { return nil }
        return "its log was replaced while process \(pid) was writing it (a copy renamed over it): process \(pid) still runs "
            + "the plan in the file it opened, writes nothing to this one, and stops at its next sync"
    }
}

extension PlanRow {
    /// What a log's row is made of that its file alone decides (all but who writes it): a reader that keeps
    /// rows while their files do not change (`evlog serve`'s plan list) keeps these and asks for the writer each time.
    public struct Fold: Sendable {
        public var state: PlanState
        public var damage: LogDamage?
        public var headerLabel: String?
        /// What follows the log's last seal (`PlanLog.sealedFold`).
        public var unsealed: PlanLog.UnsealedTail?
        /// The line saying that a seal among the records the fold read is broken (`SealedFold.tailSealNote`), or what
        /// the home does not vouch for in the log (`SealedFold.distrust`, `rolledBack`).
        public var sealNote: String?

        /// The fold of `log`, records after its last seal deciding nothing (`PlanLog.sealedFold`); nil when it cannot
        /// be read (`evlog verify` looks at those). Like the fold, its seal check reads from the last checkpoint only
        /// (review15 R7: `list` and `/api/plans` cost one checkpoint's tail per log, not a hash of every byte): a seal
        /// broken there is marked; an edit before the first seal after the checkpoint is for `status` and `verify`.
        /// With `keys` (`list --key`), what they do not seal is marked first and not folded, as `status --key` does it
        /// (one more pass, with the key, per row: integrity26).
        public init?(of log: PlanLog, keys: TrustedKeys? = nil) {
            let reading = keys.map { log.sealReading(trusting: $0) }
            guard let fold = try? log.sealedFold(checkingSeals: true, reading: reading) else { return nil }
            state = fold.state
            damage = fold.damage
            unsealed = fold.unsealed
            headerLabel = log.mislabel
            // What the keys given do not seal, or what the home's vouching found (no seal in a home that seals, another
            // key's seals, rolled back) as `PlanLog.sealNote` says it, after a broken seal the tail's check found.
            sealNote = reading?.unkeyed?.note ?? fold.tailSealNote ?? fold.distrust?.note ?? fold.rolledBack
        }
    }

    /// The row of a log; nil when it cannot be read. `keys`: as `Fold(of:keys:)`.
    public init?(of log: PlanLog, keys: TrustedKeys? = nil) {
        guard let fold = Fold(of: log, keys: keys) else { return nil }
        self.init(of: log, fold: fold)
    }

    /// The row of `log` from its `fold`, with who writes it now; nil when what a writer killed as it created the log
    /// left holds no plan (`PlanLog.isStillborn`).
    public init?(of log: PlanLog, fold: Fold) {
        if fold.state.plan == nil, log.isStillborn { return nil }
        self.init(id: log.id, state: fold.state, writer: log.writer, damage: fold.damage)
        headerLabel = fold.headerLabel
        unsealed = fold.unsealed
        sealNote = fold.sealNote
    }
}
