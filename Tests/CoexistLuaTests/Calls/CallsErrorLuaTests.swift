import Testing
import CoexistKit
@testable import CoexistLua

/// Mistakes a person makes at the prompt: each error names the field and suggests the closest name.
@Suite("calls errors from Lua") struct CallsErrorLuaTests {
    @Test("an unknown field in where names it and suggests the nearest")
    func unknownWhereField() throws {
        let lua = try CallsLua(streams: 10)
        let e = lua.error("calls:where{jitter_mss={'>', 3}}")
        #expect(e?.contains("unknown field 'jitter_mss'") == true)
        #expect(e?.contains("did you mean 'jitter_ms'") == true)
    }

    @Test("a bad enum value names the field and the closest value")
    func badValue() throws {
        let lua = try CallsLua(streams: 10)
        let e = lua.error("calls:where{modality='audoi'}")
        #expect(e?.contains("for modality") == true)
        #expect(e?.contains("did you mean 'audio'") == true)
        #expect(lua.error("calls:where{jitter_ms='high'}")?.contains("jitter_ms") == true)
        #expect(lua.error("calls:where{modality={'>', 'audio'}}")?.contains("modality") == true)
    }

    @Test("unknown dimensions and measures suggest the nearest")
    func dimensionsAndMeasures() throws {
        let lua = try CallsLua(streams: 10)
        #expect(lua.error("calls:by('buildng')")?.contains("did you mean 'building'") == true)
        #expect(lua.error("calls:top('cohrt', 3)")?.contains("did you mean 'cohort'") == true)
        #expect(lua.error("calls:summary{'audio_pooor_pct'}")?.contains("did you mean 'audio_poor_pct'") == true)
        // One letter too many: the prefix 'audio_poor' must not win over the one-edit 'audio_poor_pct'.
        #expect(lua.error("calls:summary{'audio_poor_pctt'}")?.contains("did you mean 'audio_poor_pct'") == true)
    }

    @Test("a row view refuses unknown fields and writes")
    func rowViewErrors() throws {
        let lua = try CallsLua(streams: 10)
        let e = lua.error("calls:where(function(r) return r.jiter_ms end):count()")
        #expect(e?.contains("unknown field 'jiter_ms'") == true)
        #expect(e?.contains("did you mean 'jitter_ms'") == true)
        #expect(lua.error("for r in calls:rows() do r.jitter_ms = 1 end")?.contains("read-only") == true)
    }

    @Test("comparing a missing metric says why, and which row")
    func missingMetric() throws {
        let lua = try CallsLua(streams: 200)
        let e = lua.error("calls:where(function(r) return r.jitter_ms > 20 end):count()")
        #expect(e?.contains("failed on row") == true)
        #expect(e?.contains("row.jitter_ms and row.jitter_ms > 20") == true)
    }

    @Test("where needs pairs or a function")
    func whereShape() throws {
        let lua = try CallsLua(streams: 10)
        #expect(lua.error("calls:where{'audio'}")?.contains("field = value") == true)
        #expect(lua.error("calls:where{modality={'>', 1, 2}}")?.contains("one value") == true)
    }
}
