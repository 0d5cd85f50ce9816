/// A line of columns whose cells are untrusted text — recipe names and descriptions, tools, versions and reasons
/// from a log or a registry: each cell shown through `NeutralText`, padded to its column's width (a wider cell
/// pushes the rest right, never cut), one space between cells, the last cell unpadded. The one way `plan --list`,
/// `catalog` and `outdated` make a row, so no cell can end the line, move the cursor or set a title.
public enum NeutralColumns {
    public static func line(_ cells: [String], widths: [Int]) -> String {
        cells.indices.map { index in
            let shown = NeutralText(cells[index]).description
            guard index < widths.count, index < cells.count - 1, shown.count < widths[index] else { return shown }
            return shown + String(repeating: " ", count: widths[index] - shown.count)
        }.joined(separator: " ")
    }
}
