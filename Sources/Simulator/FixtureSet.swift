import Foundation
import InstallModel

/// A named set of fixtures (`Fixtures/sim/<name>/*.json`); exact commands win over patterns.
public struct FixtureSet: Sendable {
    public var name: String
    public var fixtures: [Fixture]

    public init(name: String, fixtures: [Fixture]) {
        self.name = name
        self.fixtures = fixtures
    }

    /// The fixture for a command line: an exact match first, then the first pattern (files in name order).
    public func fixture(for commandLine: String) -> Fixture? {
        fixtures.first { !$0.command.contains("*") && $0.command == commandLine }
            ?? fixtures.first { $0.command.contains("*") && $0.matches(commandLine) }
    }

    /// Loads every `*.json` in `directory` (each holds one fixture or an array of them). A set whose
    /// folder has an `EXTENDS` file (a sibling set's name) adds its fixtures in front of that set's:
    /// a variant records only the commands that differ.
    public static func load(directory: String) throws -> FixtureSet {
        let own = try loadOwn(directory: directory)
        let extendsPath = directory + "/EXTENDS"
        guard let base = try? String(contentsOfFile: extendsPath, encoding: .utf8) else { return own }
        let parent = (directory as NSString).deletingLastPathComponent + "/" + base.trimmingCharacters(in: .whitespacesAndNewlines)
        guard parent != directory else { throw SimulatorError.badFixture(file: extendsPath, detail: "a set cannot extend itself") }
        return FixtureSet(name: own.name, fixtures: own.fixtures + (try load(directory: parent)).fixtures)
    }

    private static func loadOwn(directory: String) throws -> FixtureSet {
        let url = URL(fileURLWithPath: directory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw SimulatorError.fixtureSetMissing(directory)
        }
        var fixtures: [Fixture] = []
        for name in names {
            let data = try Data(contentsOf: url.appendingPathComponent(name))
            do {
                if let many = try? JSONDecoder().decode([Fixture].self, from: data) {
                    fixtures += many
                } else {
                    fixtures.append(try JSONDecoder().decode(Fixture.self, from: data))
                }
            } catch {
                throw SimulatorError.badFixture(file: directory + "/" + name, detail: String(describing: error))
            }
        }
        return FixtureSet(name: url.lastPathComponent, fixtures: fixtures)
    }

    /// Finds a set by name or path: a directory path is taken as is; a name is looked up under
    /// `$EVLOG_FIXTURES`, then `Fixtures/sim/` in the working directory, the executable's directory or
    /// any of their parents (so a build tree's binary finds the repository's fixtures), last in the
    /// sets bundled with the binary (`FixtureBundle`).
    public static func locate(_ nameOrPath: String, executablePath: String, workingDirectory: String, environment: [String: String]) throws -> FixtureSet {
        var isDirectory: ObjCBool = false
        if nameOrPath.contains("/"), FileManager.default.fileExists(atPath: nameOrPath, isDirectory: &isDirectory), isDirectory.boolValue {
            return try load(directory: nameOrPath)
        }
        let roots = FixtureRoots.directories(named: "sim", executablePath: executablePath, workingDirectory: workingDirectory, environment: environment)
        for root in roots {
            let candidate = root + "/" + nameOrPath
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                return try load(directory: candidate)
            }
        }
        throw SimulatorError.fixtureSetNotFound(nameOrPath)
    }
}

/// What can go wrong setting up a simulation.
public enum SimulatorError: Error, Equatable, CustomStringConvertible {
    case fixtureSetNotFound(String)
    case fixtureSetMissing(String)
    case badFixture(file: String, detail: String)
    case notSimulated
    case faultStepUnknown(fault: String, steps: [String])
    case faultKindWithoutSample(fault: String)

    public var description: String {
        switch self {
        case .fixtureSetNotFound(let name):
            "no fixture set '\(name)': looked in $EVLOG_FIXTURES, Fixtures/sim/ above the working directory and the evlog binary, and the sets bundled with evlog; pass --simulate=/path/to/set"
        case .fixtureSetMissing(let path): "fixture directory \(path) cannot be read"
        case .badFixture(let file, let detail): "fixture \(file) is malformed: \(detail)"
        case .notSimulated: "the plan is not a simulation"
        case .faultStepUnknown(let fault, let steps):
            "--fault \(fault): the plan has no such step (its steps: \(steps.joined(separator: ", ")))"
        case .faultKindWithoutSample(let fault):
            "--fault \(fault): no recorded output under Fixtures/failures is diagnosed as that kind for this step; use STEP=fail without a kind"
        }
    }
}
