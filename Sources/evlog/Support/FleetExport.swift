import Diagnosis
import Foundation
import InstallModel
import Orchestrator
import Rendering
import Sealing

/// `evlog export --fleet-html DIR`: reads every bundle and log in DIR, writes each one's HTML report
/// next to it (`NAME.html`) and returns the fleet page that links to them.
enum FleetExport {
    static func page(directory: String) throws -> String {
        let catalog: RuleCatalog
        do {
            catalog = try RuleCatalog.bundled()
        } catch {
            throw UserFacingError("the bundled rule catalog is broken: \(error)", code: .planFailed)
        }
        var hosts: [FleetHost] = []
        for path in try listPlanLogs(directory: directory) {
            hosts.append(try host(path, catalog: catalog))
        }
        return FleetPage.html(hosts)
    }

    private static func host(_ path: String, catalog: RuleCatalog) throws -> FleetHost {
        let file = (path as NSString).lastPathComponent
        let name = (file as NSString).deletingPathExtension
        let contents: LogContents
        do {
            contents = try PlanArchive.readEvents(path)
        } catch {
            return FleetHost(name: name, plan: "", status: "unreadable", tools: [], failureKind: nil, failedStep: nil,
                             seal: "\(error)", report: file)
        }
        let state = contents.state
        let failure = LogDiagnosis.rediagnose(events: contents.events, catalog: catalog).first
        let seal = (try? SealVerifier.verify(path: path).summary) ?? "unreadable"
        let report = ((path as NSString).deletingPathExtension) + ".html"
        do {
            try HTMLReport.html(RunTimeline(events: contents.events)).write(toFile: report, atomically: true, encoding: .utf8)
        } catch {
            throw UserFacingError("cannot write \(report): \(error.localizedDescription)")
        }
        return FleetHost(
            name: name, plan: state.plan?.id.rawValue ?? "", status: state.status.rawValue, tools: state.plan?.tools ?? [],
            failureKind: failure.map { $0.current.kind.rawValue }, failedStep: failure?.step.rawValue, seal: seal,
            report: name + ".html")
    }
}
