import InstallModel
import Rendering
import Testing

/// The HTML report names every step and escapes what came from the log.
struct HTMLReportTests {
    @Test(arguments: FixtureLogs.names)
    func reportContainsEveryStepIDAndLabel(_ name: String) throws {
        let timeline = RunTimeline(events: try FixtureLogs.events(name))
        let html = HTMLReport.html(timeline)
        let plan = try #require(timeline.state.plan)
        for step in plan.steps {
            #expect(html.contains(step.id.rawValue))
            #expect(html.contains(HTMLText.escape(step.label)))
        }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("http-equiv"))
        #expect(!html.contains("<link"), "self-contained: nothing loaded from elsewhere")
        #expect(!html.contains("src="), "self-contained: nothing loaded from elsewhere")
    }

    @Test func outputWithScriptTagsIsEscaped() throws {
        let html = HTMLReport.html(RunTimeline(events: try FixtureLogs.events("failed")))
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.components(separatedBy: "<script>").count == 2, "only the report's own script")
        #expect(html.contains("<details class=\"output\" open>"), "the failed step's output is open")
        #expect(html.contains("Unable to locate package tree"))
    }

    @Test func escapeCoversAllSpecialCharacters() {
        #expect(HTMLText.escape(#"<a href="x">&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
    }
}
