import Testing
import CoexistKit
@testable import CoexistLua

/// What Tab offers while writing a calls query.
@Suite("calls completion") struct CallsCompletionTests {
    @Test("field names as where{ keys, not as values")
    func whereKeys() {
        let c = CallsCompletion.candidates(line: "calls:where{mod", word: "mod", inString: false, function: "calls:where", key: nil)
        #expect(c.contains("modality"))
        let after = CallsCompletion.candidates(line: "calls:where{modality=\"audio\", jit", word: "jit", inString: false, function: "calls:where", key: nil)
        #expect(after.contains("jitter_ms"))
        #expect(CallsCompletion.candidates(line: "calls:where{x=mod", word: "mod", inString: false, function: "calls:where", key: nil).isEmpty)
        #expect(CallsCompletion.candidates(line: "print(mod", word: "mod", inString: false, function: "print", key: nil).isEmpty)
    }

    @Test("values of closed fields inside where{field=\"")
    func values() {
        let c = CallsCompletion.candidates(line: "calls:where{modality=\"au", word: "au", inString: true, function: "calls:where", key: "modality")
        #expect(c.contains("audio"))
        #expect(c.contains("appsharing"))
        let b = CallsCompletion.candidates(line: "calls:where{building=\"", word: "", inString: true, function: "calls:where", key: "building",
                                           buildings: DemoBuildingFile.file())
        #expect(b.contains("NYC-1"))
    }

    @Test("dimensions in by(\" and top(\", measures in summary{\"")
    func dimensionsAndMeasures() {
        let by = CallsCompletion.candidates(line: "calls:by(\"bu", word: "bu", inString: true, function: "calls:by", key: nil)
        #expect(by.contains("building") && by.contains("cohort") && by.contains("week"))
        let top = CallsCompletion.candidates(line: "calls:poor():top(\"", word: "", inString: true, function: "calls:poor():top", key: nil)
        #expect(top.contains("subnet"))
        let m = CallsCompletion.candidates(line: "calls:summary{\"audio", word: "audio", inString: true, function: "calls:summary", key: nil)
        #expect(m.contains("audio_poor_pct"))
    }

    @Test("row fields after row.")
    func rowFields() {
        let c = CallsCompletion.candidates(line: "calls:where(function(r) return r.jit", word: "jit", inString: false, function: nil, key: nil, memberBase: "r")
        #expect(c.contains("jitter_ms"))
        #expect(CallsCompletion.candidates(line: "string.f", word: "f", inString: false, function: nil, key: nil, memberBase: "string").isEmpty)
    }
}
