import Rendering

/// The tools as `evlog plan --list` and `evlog catalog` print them, a line each. Names, categories, methods and
/// descriptions come from recipe files and overlays, so every cell goes through `NeutralColumns` (`NeutralText`).
public enum CatalogListing {
    /// `plan --list`: the name and the description.
    public static func line(_ entry: CatalogEntry) -> String {
        NeutralColumns.line([entry.name, entry.description], widths: [20])
    }

    /// `catalog`: the name, the category, the methods that work here (`-` when none) and the description.
    public static func lineWithMethods(_ entry: CatalogEntry) -> String {
        let here = (entry.methods ?? []).filter(\.available).map(\.method)
        return NeutralColumns.line(
            [entry.name, entry.category, here.isEmpty ? "-" : here.joined(separator: ","), entry.description], widths: [22, 14, 20])
    }
}
