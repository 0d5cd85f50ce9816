import Rendering

/// The frame of every page: the stylesheet and script served by this server (nothing from the
/// network), a bar linking the pages, and `body` (already HTML, everything from a log escaped).
enum PageLayout {
    static func page(title: String, body: String, bodyAttributes: [String: String] = [:], fleet: Bool = false) -> String {
        let attributes = bodyAttributes.sorted { $0.key < $1.key }.map { " data-\($0.key)=\"\(HTMLText.escape($0.value))\"" }.joined()
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(title))</title><link rel="stylesheet" href="/static/style.css"></head>
            <body\(attributes)>
            <header class="top"><a href="/">evlog plans</a><a href="/install">install</a>\(fleet ? "<a href=\"/fleet\">fleet</a>" : "")</header>
            \(body)
            <script src="/static/app.js"></script>
            </body></html>

            """
    }
}
