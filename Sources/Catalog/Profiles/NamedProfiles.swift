import Foundation
import InstallModel
import Yams

/// The systems evlog can plan for without being on them (`--profile ubuntu-server`), from `profiles.yaml`.
public enum NamedProfiles {
    /// All named profiles in file order; empty only if the bundled data is broken (a test guards it).
    public static let all: [SystemProfile] = (try? load()) ?? []

    /// The profile called `name`, if there is one.
    public static func named(_ name: String) -> SystemProfile? { all.first { $0.name == name } }

    public static var names: [String] { all.map(\.name) }

    /// Reads the bundled `profiles.yaml`.
    public static func load() throws(CatalogError) -> [SystemProfile] {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw .resourcesMissing(path: Bundle.module.bundlePath + "/Resources")
        }
        let path = url.path + "/profiles.yaml"
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .resourcesMissing(path: path)
        }
        return try ProfileFile.decodeList(text, file: "profiles.yaml")
    }
}

/// Decodes profiles from YAML or JSON text in the shape `evlog profile --json` prints.
enum ProfileFile {
    static func decodeList(_ text: String, file: String) throws(CatalogError) -> [SystemProfile] {
        do {
            return try YAMLDecoder().decode([SystemProfile].self, from: text)
        } catch {
            throw .invalidData(file: file, line: nil, message: "not a list of profiles: \(describe(error))")
        }
    }

    /// JSON is valid YAML, so one decoder reads both.
    /// A profile file is checked where it is read: its words fill source lines and URLs (`ProfileValueGrammar`).
    static func decode(_ text: String, file: String) throws(CatalogError) -> SystemProfile {
        let profile: SystemProfile
        do {
            profile = try YAMLDecoder().decode(SystemProfile.self, from: text)
        } catch {
            throw .invalidData(file: file, line: nil, message: "not a system profile: \(describe(error))")
        }
        if let problem = ProfileValueGrammar.problem(with: profile) { throw .invalidData(file: file, line: nil, message: problem) }
        try checkKeys(text, of: profile, file: file)
        return profile
    }

    /// Refuses a key the profile does not read, like a recipe's (a typo such as `isroot` would otherwise be ignored
    /// and the profile's default used). The keys read are those `profile` encodes again: every key of the file with a
    /// value decoded into it; a key whose value is null says nothing.
    private static func checkKeys(_ text: String, of profile: SystemProfile, file: String) throws(CatalogError) {
        let reader = YAMLReader(file: file)
        guard case .mapping(let mapping) = try reader.root(text) else { return }
        let encoded = (try? JSONEncoder().encode(profile)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        let known = Set(encoded?.keys ?? [:].keys)
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else { throw reader.fail(keyNode, "a profile's keys are plain strings") }
            if known.contains(key.string) { continue }
            if case .scalar(let scalar) = value, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { continue }
            throw reader.fail(
                keyNode, "unknown profile key \(GrammarText.shown(key.string)) (a profile has the keys `evlog profile --json` prints)")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing key '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            context.codingPath.map(\.stringValue).joined(separator: ".") + ": " + context.debugDescription
        default: "\(error)"
        }
    }
}

extension SystemProfile {
    /// A named profile, or a YAML/JSON profile file at `nameOrPath`.
    public static func load(nameOrPath: String) throws(CatalogError) -> SystemProfile {
        if let named = NamedProfiles.named(nameOrPath) { return named }
        guard let data = FileManager.default.contents(atPath: nameOrPath) else {
            throw .profileNotFound(nameOrPath, known: NamedProfiles.names)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidData(file: nameOrPath, line: nil, message: "not UTF-8 text")
        }
        return try ProfileFile.decode(text, file: nameOrPath)
    }
}
