import Catalog
import InstallModel
import Testing

/// trust20 #9, #10: a recipe's services and groups are those its own system packages bring (`OwnSystemNames`): named
/// for the recipe or one of its packages, carried by every package set of the method, never by a language installer,
/// a release or a script, and a service only enabled and started. Cases drawn from a seed, each built so that whether
/// the name is the method's own is known by construction, not by the rule under test.
struct OwnSystemNamesTests {
    static let systemGroups = ["sudo", "wheel", "root", "shadow", "disk", "adm", "staff", "kvm", "input", "tty", "video",
                               "systemd-journal", "lxd", "dialout", "plugdev"]
    /// Services and groups other programs bring: never a recipe's own unless it installs them by that name.
    static let others = ["debug-shell", "ufw", "apparmor", "systemd-journald", "ssh", "getty", "incus-admin", "microk8s", "lpadmin",
                         "libvirt-qemu", "sambashare", "fuse"]
    static let userScopeMethods = ["npm: acme-fmt", "pipx: acme-fmt", "cargo: acme-fmt", "go: example.com/acme/fmt@latest", "gem: acme-fmt"]

    /// One drawn case: the recipe's name, its method, the name its post-install item gives, and whether that name is
    /// the method's own.
    struct Case {
        var tool: String
        var method: String
        var name: String
        var own: Bool
    }

    /// A package set of the method that brings `name`: the name itself or a package named for it.
    static func carrying(_ name: String, _ generator: inout SplitMix64) -> [String] {
        let named = [name, "\(name)-ce", "\(name).io", "\(name)-server"][Int(generator.next() % 4)]
        return generator.next() % 2 == 0 ? [named] : [named, "\(name)-cli", "libacme\(generator.next() % 9)"]
    }

    static func packages(_ sets: [[String]]) -> String {
        let keys = ["apt", "dnf", "pacman", "apk", "zypper"]
        return "packages: {" + sets.enumerated().map { "\(keys[$0.offset]): [\($0.element.joined(separator: ", "))]" }.joined(separator: ", ") + "}"
    }

    static func drawn(_ generator: inout SplitMix64) -> Case {
        func pick(_ names: [String]) -> String { names[Int(generator.next() % UInt64(names.count))] }
        let own = "acme\(generator.next() % 50)d"
        switch generator.next() % 5 {
        case 0:
            // Carried by every set, and named for the recipe or found as a package of its own name.
            var sets = (0...(generator.next() % 3)).map { _ in carrying(own, &generator) }
            let namedForTool = generator.next() % 2 == 0
            if !namedForTool { sets[0][0] = own }
            return Case(tool: namedForTool ? own : "acme-tool", method: packages(sets), name: own, own: true)
        case 1:
            // One package set brings it, another does not (`{apt: htop, pacman: ufw}`).
            let sets = [carrying(own, &generator), ["htop", "libacme"]].shuffled(using: &generator)
            return Case(tool: own, method: packages(sets), name: own, own: false)
        case 2:
            // A language installer, named like the recipe: it brings no service and no group.
            return Case(tool: own, method: pick(userScopeMethods), name: own, own: false)
        case 3:
            // Another program's service or group, however the recipe is named; its packages are not named for it.
            let other = pick(others)
            return Case(tool: pick([other, "acme-tool"]), method: packages([["acme-tool", "libacme"]]), name: other, own: false)
        default:
            // Packages that only start with the name's letters are not named for it (`sshguard` is not `ssh`).
            return Case(tool: "acme-tool", method: packages([["\(own)x", "\(own)tools"]]), name: own, own: false)
        }
    }

    static func overlay(_ item: Case, post: String) -> OverlayCommandPolicyTests.Loaded {
        let text = OverlayCommandPolicyTests.recipe(method: item.method, post: "      post_install:\n\(post)")
            .replacingOccurrences(of: "hostile-tool:", with: "\(item.tool):")
        return OverlayCommandPolicyTests.overlaid(text)
    }

    /// 400 drawn cases (`vary` may change each) with the item `post` makes of each: loaded exactly when the name is the
    /// method's own, and refused with one line naming it and the item's kind otherwise. How many loaded and refused.
    static func judged(_ kind: String, seed: UInt64, post: (Case) -> String, vary: (inout Case, inout SplitMix64) -> Void) -> (loaded: Int, refused: Int) {
        var generator = SplitMix64(seed: seed)
        var (loaded, refused) = (0, 0)
        for _ in 0..<400 {
            var item = drawn(&generator)
            vary(&item, &generator)
            switch overlay(item, post: post(item)) {
            case .loaded:
                loaded += 1
                #expect(item.own, "\(kind) \(item.name) of \(item.tool) by \(item.method) loaded")
            case .refused(let message):
                refused += 1
                #expect(!item.own, "\(item.tool) by \(item.method), \(kind) \(item.name): \(message)")
                #expect(message.contains(item.name) && message.contains(kind) && !message.contains("\n"), "\(message)")
            }
        }
        return (loaded, refused)
    }

    @Test func aServiceIsOneTheRecipesOwnPackagesBring() {
        let (loaded, refused) = Self.judged("service", seed: 10, post: { "        - service: {name: \($0.name), actions: [enable, start]}\n" }) { _, _ in }
        #expect(loaded > 50 && refused > 50)
    }

    @Test func aGroupIsOneTheRecipesOwnPackagesCreate() {
        let (loaded, refused) = Self.judged("group", seed: 9, post: { "        - group: \($0.name)\n" }) { item, generator in
            guard generator.next() % 6 == 0 else { return }
            // A group every system has, even when the recipe and its packages are named for it.
            let system = Self.systemGroups[Int(generator.next() % UInt64(Self.systemGroups.count))]
            item = Case(tool: system, method: Self.packages([[system]]), name: system, own: false)
        }
        #expect(loaded > 50 && refused > 50)
        let docker = Case(tool: "docker", method: Self.packages([["docker-ce", "docker-ce-cli"], ["docker"]]), name: "docker", own: true)
        if case .refused(let message) = Self.overlay(docker, post: "        - service: {name: docker}\n        - group: docker\n") {
            Issue.record("docker: \(message)")
        }
    }

    /// An install enables and starts its own service; it never stops, restarts or disables one, and never names a
    /// unit that is not a service (`reboot.target`), even one its packages are named for.
    @Test func aServiceIsOnlyEnabledAndStarted() {
        let own = Case(tool: "acmed", method: Self.packages([["acmed"]]), name: "acmed", own: true)
        for actions in ["[stop]", "[restart]", "[disable]", "[status]", "[enable, stop]", "[start, disable]"] {
            guard case .refused(let message) = Self.overlay(own, post: "        - service: {name: acmed, actions: \(actions)}\n") else {
                Issue.record("\(actions) loaded")
                continue
            }
            #expect(message.contains("only enable and start"), "\(message)")
        }
        for unit in ["reboot.target", "acmed.socket", "acmed.timer", "tmp.mount", "acmed.service"] {
            let named = Case(tool: "acme-tool", method: Self.packages([[unit]]), name: unit, own: false)
            if case .loaded = Self.overlay(named, post: "        - service: {name: \(unit)}\n") { Issue.record("\(unit) loaded") }
        }
        if case .refused(let message) = Self.overlay(own, post: "        - service: {name: acmed, actions: [enable, start]}\n") {
            Issue.record("acmed: \(message)")
        }
    }
}
