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

/// A foreign release pinned only by the digest its own log carries is high risk (trust13 #10); the asset evlog's catalog
/// names for the tool, pinned as the catalog pins it, keeps evlog's own risk.
struct ForeignReleaseRiskTests {
    static func release(url: String, sha256: String?, tool: String = "kubectl", binary: String = "kubectl") -> Step {
        Step(
            id: StepID("release-\(tool)"), label: "Download \(tool)",
            action: .githubRelease(GitHubReleaseParameters(
                repository: "acme/\(tool)", version: "1.0", assetURL: url, sha256: sha256, binaryInArchive: binary,
                installDirectory: "/usr/local/bin", installName: binary)),
            risk: .low, tool: tool)
    }

    @Test func aReleaseFromTheLogsOwnURLIsHighAndTheCatalogsIsNot() throws {
        var generator = SplitMix64(seed: 10)
        for _ in 0..<50 {
            let digest = (0..<32).map { _ in String(format: "%02x", generator.next() % 256) }.joined()
            let step = Self.release(url: "https://evil\(generator.next() % 100).example/kubectl", sha256: digest)
            let judged = try ForeignPlanPolicy.checked(ForeignPlanPolicyTests.plan([step]), runsAsRoot: false, catalog: TestSupport.catalog)
            #expect(judged.steps[0].risk == .high)
        }
        // The catalog's own pinned asset of some tool, by digest or checksum file (kubectl's is not pinned: high whoever names it).
        let pinned = TestSupport.catalog.toolNames.lazy.compactMap { name -> (String, ReleaseSpec, ReleaseAsset)? in
            guard let recipe = TestSupport.catalog.recipe(named: name) else { return nil }
            for method in recipe.methods {
                if case .release(let spec) = method.kind, let asset = spec.assets["linux-x86_64"], asset.sha256 != nil || spec.checksumFile != nil { return (name, spec, asset) }
            }
            return nil
        }.first
        let (tool, spec, asset) = try #require(pinned)
        let url = asset.url.replacingOccurrences(of: "{version}", with: spec.version)
        var step = Self.release(url: url, sha256: asset.sha256, tool: tool, binary: try #require(TestSupport.catalog.recipe(named: tool)).binary)
        if case .githubRelease(var parameters) = step.action, asset.sha256 == nil {
            parameters.checksumFileURL = spec.checksumFile?.replacingOccurrences(of: "{version}", with: spec.version)
                .replacingOccurrences(of: "{asset}", with: url.split(separator: "/").last.map(String.init) ?? url)
            step.action = .githubRelease(parameters)
        }
        let judged = try ForeignPlanPolicy.checked(ForeignPlanPolicyTests.plan([step]), runsAsRoot: false, catalog: TestSupport.catalog)
        #expect(judged.steps[0].risk < .high)
    }
}

/// A second copy's verify step runs the file its install put in the home (`~/.local/bin/yamllint`, truth11 F13): a log
/// evlog wrote so resumes elsewhere, for every tool a user-level installer installs; a path under the home that is
/// not one evlog writes (another directory, a subdirectory, `..`) is refused.
struct ForeignVerifyPathTests {
    @Test func theHomePathsEvlogWritesAreAcceptedAndNoOthers() throws {
        var accepted = 0
        for name in TestSupport.catalog.toolNames {
            let recipe = try #require(TestSupport.catalog.recipe(named: name))
            for method in recipe.methods {
                guard case .language(let package) = method.kind,
                    let command = LifecyclePlanner.installedCommand(.language(package.installer, package.package), binary: recipe.binary)
                else { continue }
                // The arguments PlanAssembler gives the recipe's binary; a verify command naming another program stays as it is.
                guard recipe.verify.command.map({ $0.first == recipe.binary }) ?? true else { continue }
                let own = recipe.verify.command.map { Array($0.dropFirst()) } ?? recipe.verify.arguments
                for arguments in [own, ["--version"]] {
                    var plan = ForeignPlanPolicyTests.plan([
                        Step(id: "verify-x", label: "Check", action: .verify(VerifyParameters(binary: command, arguments: arguments)), risk: .low, tool: name)
                    ])
                    plan.tools = [name]
                    #expect(throws: Never.self, "\(name): \(command) \(arguments)") {
                        try ForeignPlanPolicy.checked(plan, runsAsRoot: false, catalog: TestSupport.catalog)
                    }
                }
                accepted += 1
            }
        }
        #expect(accepted > 20, "only \(accepted) language-installed tools in the catalog")
        for binary in ["~/.ssh/jq", "~/.local/bin/../jq", "~/.local/bin/sub/jq", "~/jq", "~//jq", "~/.local/bin/", "~/.local/bin/.jq", "~/.cargo/bin/-jq"] {
            let plan = ForeignPlanPolicyTests.plan([Step(id: "verify-x", label: "Check", action: .verify(VerifyParameters(binary: binary, arguments: ["--version"])), risk: .low)])
            #expect(throws: ForeignPlanRefusal.self, "\(binary)") { try ForeignPlanPolicy.checked(plan, runsAsRoot: false, catalog: TestSupport.catalog) }
        }
    }
}

/// A foreign plan's cleanup removes only its own tools' programs and links and its own repositories' files; its
/// service steps only start or enable a service its tools' recipes name; each consent line is evlog's words for the
/// action, not the log's label (trust13 #5). Tools and paths are drawn from the catalog with a seed.
struct ForeignPlanScopeTests {
    @Test func cleanupOfAnotherToolsFileAndAForeignServiceAreRefused() throws {
        var generator = SplitMix64(seed: 5)
        let names = TestSupport.catalog.toolNames
        for _ in 0..<100 {
            let tool = names[Int(generator.next() % UInt64(names.count))]
            let other = names[Int(generator.next() % UInt64(names.count))]
            guard let own = TestSupport.catalog.recipe(named: tool)?.binary, let stranger = TestSupport.catalog.recipe(named: other)?.binary,
                !Resolver.binaries(of: try #require(TestSupport.catalog.recipe(named: tool))).contains(stranger)
            else { continue }
            let directory = generator.next() % 2 == 0 ? "/usr/local/bin/" : "~/.local/bin/"
            func plan(_ path: String) -> Plan {
                var plan = ForeignPlanPolicyTests.plan([Step(id: "x", label: "Check that it runs", action: .cleanup(CleanupParameters(paths: [path])), risk: .low, tool: tool)])
                plan.tools = [tool]
                return plan
            }
            #expect(throws: ForeignPlanRefusal.self) { try ForeignPlanPolicy.checked(plan(directory + stranger), runsAsRoot: false, catalog: TestSupport.catalog) }
            let judged = try ForeignPlanPolicy.checked(plan(directory + own), runsAsRoot: false, catalog: TestSupport.catalog)
            #expect(judged.steps[0].label.hasPrefix("cleanup: remove "), "\(judged.steps[0].label)")
        }
        var disable = ForeignPlanPolicyTests.plan([Step(id: "x", label: "Check", action: .service(ServiceParameters(name: "ssh", action: .disable)), risk: .high, tool: "jq")])
        disable.tools = ["jq"]
        #expect(throws: ForeignPlanRefusal.self) { try ForeignPlanPolicy.checked(disable, runsAsRoot: true, catalog: TestSupport.catalog) }
    }
}
