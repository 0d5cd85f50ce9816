import InstallModel

/// One-shot analysis of a whole output already in memory; the orchestrator streams with `AnalysisSession`.
public enum Analyser {
    public static func analyse(
        output: some Collection<UInt8>, stream: OutputChannel = .stderr, exitCode: Int32?, context: AnalysisContext,
        catalog: RuleCatalog, timedOut: Bool = false, interrupted: Bool = false
    ) -> Diagnosis {
        var session = AnalysisSession(context: context, catalog: catalog)
        session.feed(output, stream: stream)
        return session.finish(exitCode: exitCode, timedOut: timedOut, interrupted: interrupted)
    }

    public static func analyse(
        output: String, exitCode: Int32?, context: AnalysisContext, catalog: RuleCatalog, timedOut: Bool = false,
        interrupted: Bool = false
    ) -> Diagnosis {
        analyse(
            output: Array(output.utf8), exitCode: exitCode, context: context, catalog: catalog, timedOut: timedOut,
            interrupted: interrupted)
    }

    /// With the bundled catalog.
    public static func analyse(
        output: String, exitCode: Int32?, context: AnalysisContext = AnalysisContext(), timedOut: Bool = false,
        interrupted: Bool = false
    ) throws(RuleCatalogError) -> Diagnosis {
        analyse(
            output: output, exitCode: exitCode, context: context, catalog: try RuleCatalog.bundled(), timedOut: timedOut,
            interrupted: interrupted)
    }
}
