import Catalog
import InstallModel
import Testing

/// Derivatives resolve through `ID_LIKE`: Mint and Pop!_OS use the Ubuntu entries, Rocky the RHEL ones.
struct DerivativeDistributionTests {
    @Test func mintSetsUpDockersUbuntuRepositoryWithUbuntuURLs() throws {
        var mint = TestSupport.profile("ubuntu-server")
        mint.distribution = "linuxmint"
        mint.distributionLike = ["ubuntu", "debian"]
        let plan = try Resolver(catalog: TestSupport.catalog).resolve(tools: ["docker"], profile: mint, planID: PlanID("p-test"))
        let repo = plan.steps.compactMap { step -> RepoSetupParameters? in
            if case .repoSetup(let p) = step.action { return p }
            return nil
        }.first
        #expect(repo?.sourceEntry?.contains("https://download.docker.com/linux/ubuntu ") == true, "\(repo?.sourceEntry ?? "no repo step")")
        #expect(repo?.keyFingerprints == ["9DC858229FC7DD38854AE2D88D81803C0EBFCD88"])
    }

    @Test func withoutIDLikeAnUnknownDerivativeFindsNoDistributionRepository() throws {
        var mint = TestSupport.profile("ubuntu-server")
        mint.distribution = "linuxmint"
        let plan = try? Resolver(catalog: TestSupport.catalog).resolve(tools: ["docker"], profile: mint, planID: PlanID("p-test"))
        let usesRepo = plan?.steps.contains { if case .repoSetup = $0.action { true } else { false } } ?? false
        #expect(!usesRepo)
    }
}
