@preconcurrency import Glibc
import Testing
import CoexistKit
@testable import CoexistLua

/// import_calls, to_csv and the building file, through Lua.
@Suite("calls import and export from Lua") struct CallsImportLuaTests {
    static func write(_ text: String, _ name: String) -> String {
        let path = CallsLua.temporaryPath(name)
        try! TestFiles.write(Array(text.utf8), to: path)
        return path
    }

    static let header = "call_id,start,modality,jitter_ms,subnet\n"

    @Test("a failed strict import names file, line and value, and leaves the store unchanged")
    func strictImport() throws {
        let lua = try CallsLua(streams: 50)
        let path = Self.write(Self.header + "c1,2026-10-01T10:00:00Z,audio,12,10.1.1.0\nc2,2026-10-01T10:00:00Z,audio,abc,10.1.1.0\n", "strict.csv")
        let e = lua.error("import_calls('\(path)')")
        #expect(e?.contains("strict.csv:3") == true)
        #expect(e?.contains("abc") == true)
        #expect(try lua.integer("calls:count()") == 50)
    }

    @Test("skip mode imports the good rows and reports the rest")
    func skipImport() throws {
        let lua = try CallsLua(streams: 50)
        let path = Self.write(Self.header + "c1,2026-10-01T10:00:00Z,audio,12,10.1.1.0\nc2,2026-10-01T10:00:00Z,audio,abc,10.1.1.0\n", "skip.csv")
        try lua.run("_r = import_calls('\(path)', {on_error='skip'})")
        #expect(try lua.integer("_r.imported") == 1)
        #expect(try lua.integer("_r.skipped") == 1)
        #expect(try lua.value("_r.reasons[1]").stringValue?.contains("skip.csv:3") == true)
        #expect(try lua.integer("calls:count()") == 51)
        #expect(lua.error("import_calls('\(path)', {on_eror='skip'})")?.contains("did you mean 'on_error'") == true)
    }

    @Test("to_csv writes what import_calls reads back, field for field")
    func roundTrip() throws {
        let lua = try CallsLua(streams: 400)
        let path = CallsLua.temporaryPath("round.csv")
        let n = try lua.integer("calls:where{modality='audio'}:to_csv('\(path)')")
        let original = lua.store
        let rows = lua.naive(.modality) { $0 == .string("audio") }.sorted()
        #expect(n == rows.count)
        try lua.run("import_calls('\(path)', {replace=true})")
        #expect(try lua.integer("calls:count()") == n)
        let back = lua.store
        for (k, i) in rows.enumerated() {
            for f in CallField.allCases where f != .certified {
                #expect(back.value(f, at: k) == original.value(f, at: i), "row \(k) \(f.rawValue)")
            }
        }
    }

    @Test("the sandbox refuses to_csv")
    func sandbox() throws {
        let lua = try CallsLua(streams: 10, sandbox: true)
        #expect(lua.error("calls:to_csv('/tmp/x.csv')")?.contains("sandbox") == true)
    }

    @Test("import_buildings maps subnets; missing_subnets lists the rest")
    func buildings() throws {
        let lua = try CallsLua(streams: 300)
        let path = Self.write("10.1.1.0,Only,24,Only Building,Owner,Office,Main,Seattle,98101,US,WA,NA,1,0,0\n", "b.csv")
        try lua.run("_b = import_buildings('\(path)')")
        #expect(try lua.integer("_b.buildings") == 1)
        let expected = lua.naive(.subnet) { $0 == .string("10.1.1.0") }.count
        #expect(try lua.integer("calls:where{building='Only Building'}:count()") == expected)
        let missing = try lua.resultSet("missing_subnets(1)")
        #expect(!missing.rows.contains { $0[0] == .string("10.1.1.0") })
        #expect(missing.rows.contains { $0[0] == .string("10.2.1.0") })
    }
}
