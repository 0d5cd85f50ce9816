import ArgumentParser
import EvlogKit
import Foundation
import InstallModel
import Server
import Simulator

/// `evlog serve`: the browser view of this home's plans (and a fleet's bundles), on a local HTTP server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Review, run, watch and resume plans in a browser.",
        discussion: """
            Prints the URL to open first (it carries a random token), then serves until Ctrl-C.
            Plans started from the page run detached, like `evlog install --yes`: closing the browser or
            stopping the server does not stop them.

            Examples:
              evlog serve
              evlog serve --simulate                      every plan started from the page is simulated
              evlog serve --bundles fleet/ --listen 127.0.0.1:8080
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "A directory of bundles and logs from other hosts, shown at /fleet.")
    var bundles: String?

    @Option(help: "HOST:PORT to listen on (default 127.0.0.1:0: loopback, a free port). Another address than loopback is reachable from other machines.")
    var listen: String?

    @Flag(help: "Simulate every plan started from the page (--simulate=SET picks a fixture set).")
    var simulate = false

    @Option(name: .customLong("fixture-set"), help: .hidden)
    var fixtureSet: String?

    func validate() throws {
        if let listen, ListenAddress(parsing: listen) == nil {
            throw ValidationError("--listen takes HOST:PORT, \(ListenAddress.hint(for: listen)); got '\(listen)'")
        }
        if let bundles {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: bundles, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--bundles \(bundles) is not a directory")
            }
        }
    }

    func run() async throws {
        let simulated = simulate || fixtureSet != nil
        let configuration = ServeConfiguration(
            home: global.homeDirectory, bundles: bundles, simulationFixtureSet: simulated ? fixtureSet ?? "default" : nil,
            executable: ServeCommand.executablePath)
        try Self.checkFixtureSet(configuration)
        let address = listen.flatMap(ListenAddress.init(parsing:)) ?? .loopbackDefault
        try await Serve.run(configuration, listen: address, explicitListen: listen != nil)
    }

    /// The fixture set every plan started from the page simulates with is found now, as `evlog install
    /// --simulate=SET` finds it (the same one-line error, exit 2), not at each Run (serve16 #10).
    static func checkFixtureSet(_ configuration: ServeConfiguration) throws {
        guard let set = configuration.simulationFixtureSet, set != Simulation.syntheticSet else { return }
        do {
            _ = try FixtureSet.locate(
                set, executablePath: configuration.executable, workingDirectory: FileManager.default.currentDirectoryPath,
                environment: ProcessInfo.processInfo.environment)
        } catch let error as SimulatorError {
            throw UserFacingError(error.description)
        }
    }

    /// This evlog binary (what plans started from the page run), whatever directory it was started from.
    static var executablePath: String {
        Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
