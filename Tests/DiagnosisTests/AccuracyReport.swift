import Foundation

/// Accuracy per labelled kind over the fixture set, as a printable table.
struct AccuracyReport {
    var rows: [(label: String, predicted: String, source: String)]

    var overall: Double {
        rows.isEmpty ? 0 : Double(rows.filter { $0.label == $0.predicted }.count) / Double(rows.count)
    }

    var table: String {
        var lines = ["kind                          fixtures  captured  documented  correct  accuracy"]
        for kind in Set(rows.map(\.label)).sorted() {
            let mine = rows.filter { $0.label == kind }
            let correct = mine.filter { $0.predicted == kind }.count
            let captured = mine.filter { $0.source == "captured" }.count
            let accuracy = Double(correct) / Double(mine.count) * 100
            lines.append(
                kind.padding(toLength: 30, withPad: " ", startingAt: 0)
                    + pad(mine.count, 8) + pad(captured, 10) + pad(mine.count - captured, 12) + pad(correct, 9)
                    + "  " + String(format: "%6.1f%%", accuracy))
        }
        let captured = rows.filter { $0.source == "captured" }.count
        lines.append(
            "total".padding(toLength: 30, withPad: " ", startingAt: 0) + pad(rows.count, 8) + pad(captured, 10)
                + pad(rows.count - captured, 12) + pad(rows.filter { $0.label == $0.predicted }.count, 9) + "  "
                + String(format: "%6.1f%%", overall * 100))
        for miss in rows where miss.label != miss.predicted {
            lines.append("  miss: labelled \(miss.label), got \(miss.predicted)")
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
