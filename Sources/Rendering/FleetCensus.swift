/// The fleet's files counted by host (serve20 #4): a host is a name (`web1` for `web1.evb` and `web1.evlog` alike),
/// and when a directory holds several files of one host, the one whose plan was created last is the host's (counted
/// and shown in its heading; a plan that ran there before any simulated for it), the others are rows of their own,
/// each linking to its file, counted nowhere. Every
/// denominator ("3 of 40 hosts") counts hosts, never files. `export --fleet-html` and `evlog serve`'s `/fleet` both
/// count through this, so the two pages of one directory say the same.
public struct FleetCensus: Sendable {
    /// Each host's file that is counted, and each keyring host without a file (`FleetHost.missing`), by name.
    public let hosts: [FleetHost]
    /// Files of a host that has a newer one here: shown, counted nowhere.
    public let older: [FleetHost]
    /// Files that are no evlog bundle or log, by name.
    public let strangers: [String]
    /// The evlog bundles and logs (`hosts` without the missing ones, and `older`).
    public let logCount: Int
    /// Every file there (the missing hosts have none).
    public let fileCount: Int

    public init(_ files: [FleetHost]) {
        strangers = files.filter { $0.status == FleetHost.notEvlog }.map(\.name).sorted()
        let missing = files.filter { $0.status == FleetHost.missing }
        let logs = files.filter { $0.status != FleetHost.notEvlog && $0.status != FleetHost.missing }
        var counted: [String: FleetHost] = [:]
        var older: [FleetHost] = []
        for file in logs {
            guard let kept = counted[file.name] else {
                counted[file.name] = file
                continue
            }
            let newer = Self.isNewer(file, than: kept)
            older.append(newer ? kept : file)
            if newer { counted[file.name] = file }
        }
        hosts = counted.values.sorted { $0.name < $1.name } + missing
        self.older = older.sorted { ($0.name, $0.file) < ($1.name, $1.file) }
        logCount = logs.count
        fileCount = files.count - missing.count
    }

    /// Whether `file` is a later file of its host than `kept`: a file its keyring does not vouch for (`distrust`) is
    /// older than one it does, whatever time it claims (review15 R5: a planted file saying it was made later hid the
    /// host's verified failure); then a file whose plan cannot be read is older than one whose can, and a plan simulated
    /// for the host older than one that ran there, whenever either was made (a simulation says nothing of the host,
    /// integrity20 #6, and its time is its virtual clock's, not the host's); then the plan created later (by the host's
    /// own clock) is newer; equal times go by file name, so the answer never depends on the order the directory lists
    /// them in.
    static func isNewer(_ file: FleetHost, than kept: FleetHost) -> Bool {
        (trust(file), rank(file), file.createdMicros ?? .min, file.file) > (trust(kept), rank(kept), kept.createdMicros ?? .min, kept.file)
    }

    /// 1 for a file nothing distrusts, 0 for one its keyring does not vouch for.
    private static func trust(_ file: FleetHost) -> Int { file.distrust == nil ? 1 : 0 }

    /// A file without a plan, then a simulated plan, then a plan that ran.
    private static func rank(_ file: FleetHost) -> Int {
        file.createdMicros == nil ? 0 : file.simulation == nil ? 2 : 1
    }
}
