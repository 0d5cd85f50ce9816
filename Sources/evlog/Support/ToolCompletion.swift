import Catalog

/// Shell completion of tool names: the built-in catalog's recipes starting with what is typed (`rip` → ripgrep).
enum ToolCompletion {
    @Sendable static func names(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let typed = prefix.lowercased()
        return ((try? Catalog.bundled())?.toolNames ?? []).filter { $0.hasPrefix(typed) }
    }
}
