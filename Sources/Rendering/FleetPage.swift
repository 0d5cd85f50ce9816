import InstallModel

/// One host on the fleet page: the plan its bundle (or log) holds, how it ended, why it failed.
public struct FleetHost: Sendable, Equatable {
    /// The bundle's file name without its extension (the host name when the role fetched it).
    public var name: String
    public var plan: String
    /// The plan's status (`done`, `failed`, …).
    public var status: String
    public var tools: [String]
    /// The failure kind of the first failed step, when one failed.
    public var failureKind: String?
    public var failedStep: String?
    /// What the seals prove (`sealed by …`, `not sealed: integrity only`, `seal broken: …`).
    public var seal: String
    /// The link to this host's own report, relative to the page.
    public var report: String
    /// The tools of `tools` this host's plan installed (or upgraded): all of them once it is done, each of them
    /// before that once its install steps are (`PlanState.hasInstalled`).
    public var installed: [String]
    /// Why the file is not this host's whole, current bundle (`unverified: …`, `not this host's key: …`, `rolled
    /// back: …`), or nil: it is, or no keyring was there to check it against (`keyring` nil) and nothing in it fails.
    /// Such a host is shown apart and counted neither done nor failed.
    public var distrust: String?
    /// The keyring the seals were checked against, nil when there was none (the keys were not checked).
    public var keyring: String?
    /// The bundle's or log's file name (`web1.evb`); empty for a keyring's host without one.
    public var file: String
    /// When the file's plan was created (microseconds since the epoch, by that host's clock), nil when it holds none.
    public var createdMicros: Int64?
    /// What the plan played instead of running on its host (`install --simulate`, or `reproduce`: `Plan.simulation`),
    /// nil for a plan whose steps ran there. Such a plan changed nothing on the host (integrity20 #6): shown apart,
    /// counted neither done nor failed, and none of its tools as installed.
    public var simulation: Simulation?

    /// The status of a file among the bundles that is no evlog log or bundle (shown by its name only).
    public static let notEvlog = "not-evlog"
    /// The status of a keyring's host without a file among the bundles: shown apart, counted as missing.
    public static let missing = "missing"
    /// The status of a keyring entry that was left out (a file that holds no public key, a bad name, a key under two
    /// names): no host, listed apart with `distrust` saying what is wrong with it.
    public static let unusableKey = "unusable-key"

    public init(
        name: String, plan: String, status: String, tools: [String], failureKind: String?, failedStep: String?, seal: String,
        report: String, installed: [String] = [], distrust: String? = nil, keyring: String? = nil, file: String = "", createdMicros: Int64? = nil,
        simulation: Simulation? = nil
    ) {
        self.name = name
        self.plan = plan
        self.status = status
        self.tools = tools
        self.failureKind = failureKind
        self.failedStep = failedStep
        self.seal = seal
        self.report = report
        self.installed = installed
        self.distrust = distrust
        self.keyring = keyring
        self.file = file
        self.createdMicros = createdMicros
        self.simulation = simulation
    }
}

/// `evlog export --fleet-html`: one self-contained page for a fleet — how many hosts are done, the
/// failed ones grouped by failure kind, the rest, the simulated ones apart (nothing installed), each heading with its
/// denominator ("3 of 40 hosts"), then each tool and how many hosts it is really installed on — each host linking to
/// its own report.
public enum FleetPage {
    public static func html(_ rows: [FleetHost]) -> String {
        // A keyring entry left out is no file of a host: it is listed apart (`unusedEntries`).
        let census = FleetCensus(rows.filter { $0.status != FleetHost.unusableKey })
        let hosts = census.hosts
        let distrusted = hosts.filter { $0.distrust != nil }
        let missing = distrusted.filter { $0.status == FleetHost.missing }
        let verified = hosts.filter { $0.distrust == nil }
        // A simulated or reproduced plan is no history of its host (integrity20 #6): it is neither done nor failed there.
        let simulated = verified.filter { $0.simulation != nil }
        let trusted = verified.filter { $0.simulation == nil }
        let failed = trusted.filter { $0.status == "failed" }
        let done = trusted.filter { $0.status == "done" }
        let other = trusted.filter { $0.status != "failed" && $0.status != "done" }
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>evlog fleet</title>\n"
        out += "<style>\n\(HTMLStyle.css)\n</style>\n</head>\n<body>\n<h1>Fleet: \(hosts.count) hosts</h1>\n"
        out += "<p class=\"meta\">\(census.logCount) of \(census.fileCount) bundles · \(done.count) done · \(failed.count) failed · \(other.count) other"
            + (simulated.isEmpty ? "" : " · \(simulated.count) simulated") + " · \(distrusted.count - missing.count) not verified" + (missing.isEmpty ? "" : " · \(missing.count) missing")
            + (census.older.isEmpty ? "" : " · \(census.older.count) older file\(census.older.count == 1 ? "" : "s") of a host, not counted")
            + "</p>\n<p class=\"meta\">\(HTMLText.escape(keysNote(hosts)))</p>\n"
        out += unusedEntries(rows.filter { $0.status == FleetHost.unusableKey })
        if !distrusted.isEmpty { out += unverified(distrusted, of: hosts.count) }
        let kinds = Dictionary(grouping: failed) { $0.failureKind ?? "unknown" }
        // Most hosts first, then by kind.
        for (kind, members) in kinds.sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) }) {
            out += section("Failed: \(kind) (\(of(members.count, hosts.count)))", members)
        }
        if !other.isEmpty { out += section("Not finished (\(of(other.count, hosts.count)))", other) }
        out += section("Done (\(of(done.count, hosts.count)))", done)
        if !simulated.isEmpty { out += section("Simulated (\(of(simulated.count, hosts.count))): nothing installed", simulated) }
        if !census.older.isEmpty { out += older(census.older) }
        out += tools(hosts, installedOn: trusted)
        if !census.strangers.isEmpty {
            out += "<h2>Not evlog bundles (\(census.strangers.count))</h2>\n<ul>\n"
            out += census.strangers.map { "<li>not an evlog bundle: \(HTMLText.escape($0))</li>\n" }.joined()
            out += "</ul>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    /// The files of hosts that have a newer one here (or a real one beside a simulation): each its own row, linking to
    /// its own page, counted nowhere.
    private static func older(_ files: [FleetHost]) -> String {
        var out = "<h2>Older files (\(files.count), counted nowhere: each host is counted by its newest plan, a real one before a simulation)</h2>\n"
        out += "<table>\n<tr><th>host</th><th>file</th><th>status</th><th>plan</th><th>why not counted</th></tr>\n"
        for file in files {
            let why = file.simulation == nil
                ? "an older file of host \(file.name), whose newer plan is the one counted"
                : "a plan simulated for host \(file.name), which installed nothing there: its newest real plan is the one counted"
            out += "<tr><td>\(link(file))</td><td>\(HTMLText.escape(file.file))</td>"
            out += "\(statusCell(file))<td>\(HTMLText.escape(file.plan))</td><td>\(HTMLText.escape(why))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// Which keyring the seals were checked against, or that the keys were not checked.
    private static func keysNote(_ hosts: [FleetHost]) -> String {
        let rings = Set(hosts.compactMap(\.keyring)).sorted()
        guard !rings.isEmpty else {
            return "keys not checked: no keyring (keys/ beside the bundles, or --keyring DIR); a bundle counts as the host its file name says"
        }
        return "each bundle checked against its host's key in \(rings.joined(separator: ", "))"
    }

    /// The keyring entries that were left out, each with what is wrong with it (the bundles of their hosts are not
    /// verified); nothing when there are none.
    private static func unusedEntries(_ entries: [FleetHost]) -> String {
        guard !entries.isEmpty else { return "" }
        return "<h2>Keyring entries not used (\(entries.count))</h2>\n<ul>\n"
            + entries.map { "<li>\(HTMLText.escape($0.distrust ?? ""))</li>\n" }.joined() + "</ul>\n"
    }

    /// The hosts whose file is not their whole, current bundle, with why; counted neither done nor failed.
    private static func unverified(_ hosts: [FleetHost], of total: Int) -> String {
        var out = "<h2>Not verified (\(of(hosts.count, total)))</h2>\n<table>\n<tr><th>host</th><th>status it claims</th><th>plan</th><th>why</th></tr>\n"
        for host in hosts.sorted(by: { $0.name < $1.name }) {
            out += "<tr><td>\(link(host))</td>\(statusCell(host))<td>\(HTMLText.escape(host.plan))</td>"
            out += "<td>\(HTMLText.escape(host.distrust ?? ""))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// The host's name, linking to its report when it has one (a missing host, or one whose report could not be
    /// written, has none).
    private static func link(_ host: FleetHost) -> String {
        host.report.isEmpty ? HTMLText.escape(host.name) : "<a href=\"\(HTMLText.escape(host.report))\">\(HTMLText.escape(host.name))</a>"
    }

    /// A row's status cell: the plan's status, and for a plan that did not run on its host what it was instead
    /// (`done, simulated`; `failed, reproduction`).
    private static func statusCell(_ host: FleetHost) -> String {
        let played = host.simulation.map { $0.isReproduction ? ", reproduction" : ", simulated" } ?? ""
        return "<td class=\"status \(HTMLText.escape(host.status))\">\(HTMLText.escape(host.status + played))</td>"
    }

    /// "3 of 40 hosts".
    private static func of(_ count: Int, _ total: Int) -> String { "\(count) of \(total) host\(total == 1 ? "" : "s")" }

    /// Each tool a host's plan names, and on how many of all the hosts it is installed (counting only `counted`:
    /// a host whose bundle is not verified proves nothing installed, and a simulated plan installed nothing).
    private static func tools(_ hosts: [FleetHost], installedOn counted: [FleetHost]) -> String {
        let named = Set(hosts.flatMap(\.tools)).sorted()
        guard !named.isEmpty else { return "" }
        var out = "<h2>Tools (\(named.count))</h2>\n<ul class=\"tools\">\n"
        for tool in named {
            let installed = counted.filter { $0.installed.contains(tool) }.count
            out += "<li>\(HTMLText.escape(tool)): installed on \(of(installed, hosts.count))</li>\n"
        }
        return out + "</ul>\n"
    }

    private static func section(_ title: String, _ hosts: [FleetHost]) -> String {
        var out = "<h2>\(HTMLText.escape(title))</h2>\n"
        guard !hosts.isEmpty else { return out + "<p class=\"muted\">none</p>\n" }
        out += "<table>\n<tr><th>host</th><th>status</th><th>plan</th><th>tools</th><th>failed step</th><th>seal</th></tr>\n"
        for host in hosts.sorted(by: { $0.name < $1.name }) {
            out += "<tr><td>\(link(host))</td>\(statusCell(host))"
            out += "<td>\(HTMLText.escape(host.plan))</td><td>\(HTMLText.escape(host.tools.joined(separator: " ")))</td>"
            out += "<td>\(HTMLText.escape(host.failedStep ?? ""))</td><td>\(HTMLText.escape(host.seal))</td></tr>\n"
        }
        return out + "</table>\n"
    }
}
