import Catalog
import InstallModel
import Testing

/// A plan read from another host's log (`resume`/`remedy` of a bundle): evlog gives each step at least its own risk,
/// computed from the step's argv and root, never the log's claim, and refuses a `verify` step that hands an
/// interpreter code (integrity10 finding 2, second half). Cases are generated from a seed.
struct ForeignPlanPolicyTests {
    static let interpreters = ["sh", "bash", "dash", "zsh", "python3", "perl", "ruby", "node", "env", "busybox", "xargs", "awk", "sudo", "find"]
    static let plainPrograms = ["jq", "rg", "true", "mkdir", "systemctl", "refresh", "publish"]

    static func plan(_ steps: [Step], root: Bool = false) -> Plan {
        let profile = SystemProfile(
            name: "test", osFamily: "debian", distribution: "debian", version: "12", arch: "x86_64", initSystem: .none,
            packageManagers: [.apt], isRoot: root, hasSudo: true, inContainer: true, externallyManagedPython: true)
        return Plan(id: PlanID("p-foreign"), tools: [], profile: profile, steps: steps)
    }

    @Test(arguments: 0..<200) func aPostInstallCommandsRiskIsEvlogsNotTheLogs(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let viaInterpreter = random.next() % 2 == 0
        let list = viaInterpreter ? Self.interpreters : Self.plainPrograms
        let program = list[Int(random.next() % UInt64(list.count))]
        let needsRoot = random.next() % 2 == 0
        let evlogAsRoot = random.next() % 3 == 0
        let claimed = Risk.allCases[Int(random.next() % 4)]
        let step = Step(
            id: "post", label: "innocent", action: .postInstall(CommandParameters(argv: [program, "-c", "touch /tmp/x"])),
            needsRoot: needsRoot, risk: claimed)
        let judged = try ForeignPlanPolicy.checked(Self.plan([step]), runsAsRoot: evlogAsRoot, catalog: TestSupport.catalog)
        let floor: Risk = viaInterpreter || needsRoot || evlogAsRoot ? .high : .low
        #expect(judged.steps[0].risk == max(claimed, floor), "\(program) root=\(needsRoot) asRoot=\(evlogAsRoot) claimed \(claimed)")
        #expect(judged.confirmationGate.contains("post") == (max(claimed, floor) >= .high))
    }

    @Test func aRootStepOfAnyKindIsAtLeastMediumAndARollbackIsJudgedToo() throws {
        let rollback = Step(id: "undo", label: "undo", action: .postInstall(CommandParameters(argv: ["bash", "-c", "id"])), risk: .low)
        let packages = Step(
            id: "apt", label: "apt", action: .packages(PackagesParameters(manager: .apt, packages: ["jq"])), needsRoot: true,
            risk: .low, rollback: [rollback])
        let judged = try ForeignPlanPolicy.checked(Self.plan([packages]), runsAsRoot: false, catalog: TestSupport.catalog)
        #expect(judged.steps[0].risk == .medium)
        #expect(judged.steps[0].rollback[0].risk == .high)
    }

    @Test(arguments: 0..<200) func aVerifyStepThatHandsAnInterpreterCodeIsRefused(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        let interpreter = Self.interpreters[Int(random.next() % UInt64(Self.interpreters.count))]
        let hostile: [[String]] = [["-c", "touch /tmp/x"], ["-e", "system('id')"], ["pwn", "--version"], ["version"], ["--version", "-c", "id"]]
        let arguments = hostile[Int(random.next() % UInt64(hostile.count))]
        let binary = random.next() % 2 == 0 ? interpreter : "/usr/bin/" + interpreter
        let step = Step(id: "verify-x", label: "Check", action: .verify(VerifyParameters(binary: binary, arguments: arguments)), risk: .low)
        #expect(throws: ForeignPlanRefusal.self, "\(binary) \(arguments)") { try ForeignPlanPolicy.checked(Self.plan([step]), runsAsRoot: false, catalog: TestSupport.catalog) }
        let versionOnly = Step(id: "verify-x", label: "Check", action: .verify(VerifyParameters(binary: binary, arguments: ["--version"])), risk: .low)
        #expect(throws: Never.self) { try ForeignPlanPolicy.checked(Self.plan([versionOnly]), runsAsRoot: false, catalog: TestSupport.catalog) }
    }

    /// A log evlog made is handed over whole: the catalog's own verify of a tool (`sh -c 'command -v "$1"' sh entr`)
    /// runs; the same script for another tool, or another script under the tool's name, does not.
    @Test func theCatalogsOwnVerifyOfItsToolIsRunAndAnyOtherScriptIsNot() {
        func verify(_ arguments: [String], tool: String) -> Plan {
            Self.plan([Step(id: "verify-x", label: "Check", action: .verify(VerifyParameters(binary: "sh", arguments: arguments)), risk: .low, tool: tool)])
        }
        let own = ["-c", #"command -v "$1""#, "sh", "entr"]
        #expect(throws: Never.self) { try ForeignPlanPolicy.checked(verify(own, tool: "entr"), runsAsRoot: false, catalog: TestSupport.catalog) }
        #expect(throws: ForeignPlanRefusal.self) { try ForeignPlanPolicy.checked(verify(own, tool: "jq"), runsAsRoot: false, catalog: TestSupport.catalog) }
        #expect(throws: ForeignPlanRefusal.self) {
            try ForeignPlanPolicy.checked(verify(["-c", "command -v entr; id", "sh", "entr"], tool: "entr"), runsAsRoot: false, catalog: TestSupport.catalog)
        }
    }
}
