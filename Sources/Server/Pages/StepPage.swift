import InstallModel
import Rendering

/// Which of a plan's steps its page draws as groups, so a plan of 20,000 steps opens as fast as one of ten
/// (serve10 #13): one page of at most `stepsMax` steps in plan order (`?steps=N`, the first by default), and
/// always the steps that failed, are running or have output in the page's window, however far they lie.
/// Every step is looked up by index, never by a scan: the page costs time linear in what it draws.
struct StepPage {
    /// Step groups drawn per page of steps (besides the failing, running and tail ones).
    static let stepsMax = 500

    /// The steps to draw, in plan order (steps only the window knows, such as a remediation's, last).
    let ids: [StepID]
    /// The page drawn (0-based) and how many there are.
    let number: Int
    /// The page asked for (0-based, below `Int.max`), past the last when `number` is the last instead.
    let asked: Int
    let count: Int
    /// The plan's step count.
    let total: Int

    /// Page `asked` (0-based; past the last is the last) of `state`'s steps, with `windowSteps` (those the
    /// output window shows).
    init(_ state: PlanState, windowSteps: [StepID], asked: Int) {
        let planned = state.plan?.steps.map(\.id) ?? []
        total = planned.count
        count = max(1, (planned.count + Self.stepsMax - 1) / Self.stepsMax)
        self.asked = min(max(asked, 0), Int.max - 1)
        number = min(self.asked, count - 1)
        let slice = (number * Self.stepsMax)..<min(planned.count, (number + 1) * Self.stepsMax)
        var drawn = Set(slice)
        var extra: [StepID] = []
        var seen: Set<StepID> = []
        for step in windowSteps where seen.insert(step).inserted {
            if let index = state.graph?.index(of: step), index < planned.count { drawn.insert(index) } else { extra.append(step) }
        }
        // The failing and running steps, the first `stepsMax` of them (a page stays bounded whatever the plan).
        var urgent = 0
        for (index, step) in state.steps.enumerated() where urgent < Self.stepsMax && (step.status == .failed || step.status == .running) {
            if index < planned.count, drawn.insert(index).inserted { urgent += 1 }
        }
        ids = drawn.sorted().map { planned[$0] } + extra
    }

    /// Links to the other pages of steps (none when the plan fits on one), numbered from 1 as `?steps=` is;
    /// `query`, the page's other parameters (`at=SEQ`), which the links keep (serve14 #2). A page asked past
    /// the last is named (serve14 #1).
    func navigation(base: String, query: String = "") -> String {
        guard count > 1 else { return "" }
        let first = number * Self.stepsMax + 1
        let last = min(total, (number + 1) * Self.stepsMax)
        let link = { (page: Int) in HTMLText.escape("\(base)?\(query.isEmpty ? "" : query + "&")steps=\(page)") }
        var out = "<p class=\"meta\" id=\"step-pages\">steps \(first)–\(last) of \(total) (and every failed, running or recent one)"
        if asked > number { out += " · there is no page \(asked + 1) of steps: this is the last, page \(count)" }
        if number > 0 { out += " · <a href=\"\(link(number))\">← earlier steps</a>" }
        if number + 1 < count { out += " · <a href=\"\(link(number + 2))\">later steps →</a>" }
        return out + "</p>\n"
    }

    /// `?steps=N` for this page, for the links that leave its other parameters (the first page needs none).
    var query: String { number > 0 ? "?steps=\(number + 1)" : "" }
}
