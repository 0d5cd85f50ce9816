import InstallModel

/// Which system package provides a missing header, pkg-config module or linker library, per package manager.
public struct DevPackageMap: Sendable {
    /// Header path (`curl/curl.h`) or directory prefix ending in `/` (`libxml/`) → manager → package.
    public let headers: [String: [PackageManager: String]]
    /// pkg-config module name (`libgit2`) → manager → package.
    public let pkgConfig: [String: [PackageManager: String]]
    /// Library name as in `-lfoo` (`foo`) → manager → package.
    public let libraries: [String: [PackageManager: String]]

    /// Named bundles (`build-essential`, `pipx`) → manager → package, for `{dev:NAME}` holes.
    public let bundles: [String: [PackageManager: String]]

    public static let empty = DevPackageMap(headers: [:], pkgConfig: [:], libraries: [:], bundles: [:])

    public func package(forBundle name: String, manager: PackageManager) -> String? { bundles[name]?[manager] }

    /// The package for a header: exact path first, then the longest directory prefix.
    public func package(forHeader header: String, manager: PackageManager) -> String? {
        if let exact = headers[header]?[manager] { return exact }
        let prefixes = headers.keys.filter { $0.hasSuffix("/") && header.hasPrefix($0) }.sorted { $0.count > $1.count }
        return prefixes.lazy.compactMap { headers[$0]?[manager] }.first
    }

    public func package(forPkgConfig module: String, manager: PackageManager) -> String? {
        pkgConfig[module]?[manager] ?? pkgConfig[module.lowercased()]?[manager]
    }

    public func package(forLibrary library: String, manager: PackageManager) -> String? {
        libraries[library]?[manager]
    }

    static func parse(_ root: YAMLNode) throws(RuleCatalogError) -> DevPackageMap {
        let top = try root.mapping(allowedKeys: ["headers", "pkgconfig", "libraries", "bundles"])
        func table(_ key: String) throws(RuleCatalogError) -> [String: [PackageManager: String]] {
            guard let node = top[key] else { return [:] }
            var result: [String: [PackageManager: String]] = [:]
            for (name, perManager) in try node.mapping() {
                var row: [PackageManager: String] = [:]
                for (managerName, package) in try perManager.mapping() {
                    guard let manager = PackageManager(rawValue: managerName) else {
                        throw perManager.error("unknown package manager '\(managerName)'")
                    }
                    row[manager] = try package.string()
                }
                result[name] = row
            }
            return result
        }
        return DevPackageMap(
            headers: try table("headers"), pkgConfig: try table("pkgconfig"), libraries: try table("libraries"),
            bundles: try table("bundles"))
    }
}
