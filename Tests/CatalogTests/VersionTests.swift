import Testing

@testable import Catalog

@Test func versionsCompareComponentByComponent() {
    #expect(Version("0.10.4")! > Version("0.9.5")!)
    #expect(Version("v1.2")! == Version("1.2.0")!)
    #expect(Version("14.1.1-rc1")!.components == [14, 1, 1])
    #expect(Version("abc") == nil)
}

@Test func firstVersionIsFoundInToolOutput() {
    #expect(Version.first(in: "ripgrep 14.1.0 (rev e50df40a19)")?.description == "14.1.0")
    #expect(Version.first(in: "git version 2.43.0.")?.description == "2.43.0")
    #expect(Version.first(in: "no version here") == nil)
}
