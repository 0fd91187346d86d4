import Testing
@testable import CoexistKit

/// Certified-device patterns: case ignored, `*` for any run, exact otherwise.
@Suite("certified-device patterns")
struct DevicePatternTests {
    @Test("* matches any run of characters; without it the whole name must match; case is ignored")
    func wildcards() throws {
        let c = try DeviceCatalogue.parse("\u{FEFF}# certified\r\n*Jabra*\r\nPoly*Sync*\r\nSurface Headphones\r\n!*Realtek*\r\n")
        #expect(c.isCertified("Headset Microphone (Jabra Evolve 75)"))
        #expect(c.isCertified("JABRA SPEAK 510"))
        #expect(c.isCertified("Poly Sync 20 Speakerphone"))
        #expect(!c.isCertified("Echo Cancelling Speakerphone (Poly Sync 20)"))
        #expect(c.isCertified("surface headphones"))
        #expect(!c.isCertified("Surface Headphones 2"))
        #expect(!c.isCertified("Jabra via Realtek(R) Audio"))
        #expect(!c.isCertified(""))
    }

    @Test("the default catalogue still finds vendors anywhere in the name and leaves built-ins out")
    func defaults() {
        let c = DeviceCatalogue.default
        #expect(c.isCertified("Headset Microphone (Jabra Evolve 75)"))
        #expect(c.isCertified("Echo Cancelling Speakerphone (Poly Sync 20)"))
        #expect(!c.isCertified("Microphone Array (Realtek(R) Audio)"))
        #expect(!c.isCertified("MacBook Pro Microphone"))
    }

    @Test("a store marks devices by the catalogue it is given")
    func store() throws {
        var s = CallStore()
        s.setDeviceCatalogue(try DeviceCatalogue.parse("Jabra Speak 510\n"))
        try s.importCSV(text: "call_id,start,modality,capture_device\nc1,2026-10-01,audio,jabra speak 510\nc2,2026-10-01,audio,Jabra Speak 510 MS\n")
        #expect(s.value(.certified, at: 0) == .bool(true))
        #expect(s.value(.certified, at: 1) == .bool(false))
    }
}
