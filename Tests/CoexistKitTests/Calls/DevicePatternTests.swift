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

    /// The plain-pattern warning counts the names a pattern occurs in as `matches(name, "*pattern*")` does,
    /// character by character (a CRLF is one character): checked against that
    /// oracle on random patterns and names over a small alphabet, so that containment is common.
    @Test("plain-pattern warnings count what the * matcher would, on random patterns and names")
    func plainPatternWarningsAgreeWithTheMatcher() throws {
        // No lone combining mark: glued to the oracle's "*" it would make "*" + p + "*" a different pattern.
        let alphabet: [String] = ["a", "b", "e", "é", "\r", "\n", " ", "\u{0}", "\u{FFFD}"]
        var rng = SystemRandomNumberGenerator()
        func word(_ n: Int) -> String { (0..<Int.random(in: 1...n, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined() }
        for _ in 0..<200 {
            let names = (0..<8).map { _ in word(12) }.map { $0.lowercased() }
            let patterns = (0..<6).map { _ in word(3) }.filter { !$0.contains(where: \.isNewline) }
            let catalogue = DeviceCatalogue(certified: patterns.map { $0.lowercased() }, excluded: [])
            let expected = catalogue.certified.filter { p in !names.contains(p) && names.contains { DeviceCatalogue.matches($0, "*" + p + "*") } }
            let warnings = catalogue.plainPatternWarnings(devices: names)
            #expect(warnings.count == expected.count, "\(names.map(\.debugDescription)) \(patterns.map(\.debugDescription))")
            for (w, p) in zip(warnings, expected) {
                let n = names.filter { DeviceCatalogue.matches($0, "*" + p + "*") }.count
                #expect(w.contains("but \(n) device name(s) contain it"), "\(w)")
            }
        }
    }
}
