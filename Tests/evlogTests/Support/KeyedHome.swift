import Foundation

/// A test home with a config directory of its own (where `evlog key generate` puts the host key), so no
/// key of the machine's user is used or made.
struct KeyedHome {
    let home: EvlogHome
    let environment: [String: String]
    /// Whether `evlog(_:)` hands back stderr within stdout.
    let mergeStandardError: Bool
    /// Whether `evlog(_:)` adds `--no-color` (not to `key`, which takes no such option).
    let noColor: Bool
    var config: String { home.path + "/config" }
    var publicKey: String { config + "/evlog/host.pub" }

    static func make(mergeStandardError: Bool = true, noColor: Bool = false) throws -> KeyedHome {
        let home = try EvlogHome.make()
        var environment = Evlog.testEnvironment()
        environment["XDG_CONFIG_HOME"] = home.path + "/config"
        // The default home (where `verify --key` keeps the seals it has seen) is the test's too.
        environment["XDG_STATE_HOME"] = home.path + "/state"
        return KeyedHome(home: home, environment: environment, mergeStandardError: mergeStandardError, noColor: noColor)
    }

    func evlog(_ arguments: [String]) async throws -> ChildOutcome {
        let colour = noColor && arguments.first != "key" ? ["--no-color"] : []
        return try await Evlog.run(arguments + colour, environment: environment, mergeStandardError: mergeStandardError)
    }
}
