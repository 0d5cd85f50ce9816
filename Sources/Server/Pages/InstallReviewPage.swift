import Rendering

/// `/install?tools=a,b`: the plan `evlog install --dry-run` resolves (steps, reasons, risks), and a Run
/// button that starts it (`POST /api/plans`) with the seed the review used, so the plan run has the id
/// shown; without tools, a form to name them.
enum InstallReviewPage {
    static func html(tools: [String], seed: UInt64, planText: String?, simulated: Bool, fleet: Bool) -> String {
        let joined = HTMLText.escape(tools.joined(separator: ","))
        var body = """
            <h1>Install</h1>
            <form action="/install" method="get"><input name="tools" value="\(joined)" placeholder="ripgrep,jq" size="40"> <button>review</button></form>
            """
        if let planText {
            body += "<h2>Plan</h2>\n<pre class=\"plan\">\(HTMLText.escape(planText))</pre>\n"
            body += simulated ? "<p class=\"meta\">This server simulates every plan it starts: nothing on this machine changes.</p>\n" : ""
            body += """
                <form action="/api/plans" method="post"><input type="hidden" name="tools" value="\(joined)"><input type="hidden" name="seed" value="\(seed)">
                <button type="submit">Run</button></form>
                """
        }
        return PageLayout.page(title: "evlog install", body: body, fleet: fleet)
    }
}
