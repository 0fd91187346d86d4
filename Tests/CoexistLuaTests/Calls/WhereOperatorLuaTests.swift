import Foundation
import Testing
import CoexistKit
@testable import CoexistLua

/// The operators of `calls:where{field={op, ...}}` as a user types them, against a naive scan of the
/// decoded rows; mistyped operators and values that name nothing.
@Suite("where operators from Lua")
struct WhereOperatorLuaTests {
    static func text(_ v: ResultValue) -> String? { if case .string(let s) = v { return s }; return nil }

    /// (Lua where table, the naive test on the decoded field, field)
    static let forms: [(String, CallField, @Sendable (ResultValue) -> Bool)] = [
        ("building={'not', 'SEA-1'}", .building, { text($0) != "SEA-1" }),
        ("building={'~=', 'SEA-1'}", .building, { text($0) != "SEA-1" }),
        ("building={'not', {'SEA-1', 'NYC-1'}}", .building, { !["SEA-1", "NYC-1"].contains(text($0)) }),
        ("building={'in', {'sea-1', 'NYC-1'}}", .building, { ["SEA-1", "NYC-1"].contains(text($0)) }),
        ("building={'SEA-1', 'nyc-1'}", .building, { ["SEA-1", "NYC-1"].contains(text($0)) }),
        ("building='sea-1'", .building, { text($0) == "SEA-1" }),
        ("building={'like', 'sea-_'}", .building, { text($0)?.hasPrefix("SEA-") == true && text($0)?.count == 5 }),
        ("building={'not like', 'SEA%'}", .building, { text($0)?.hasPrefix("SEA") == false }),
        ("building={'prefix', 'ny'}", .building, { text($0)?.hasPrefix("NY") == true }),
        ("subnet='10.4.0.0/16'", .subnet, { text($0)?.hasPrefix("10.4.") == true }),
        ("subnet={'in', {'10.4.0.0/16', '10.1.0.0/16'}}", .subnet, { v in ["10.4.", "10.1."].contains { text(v)?.hasPrefix($0) == true } }),
        ("subnet={'not', '10.0.0.0/8'}", .subnet, { text($0)?.hasPrefix("10.") == false }),
        ("jitter_ms={'>', 30}", .jitter, { (CallsLua.number($0) ?? 0) > 30 }),
        ("first_user={'like', '%@fabrikam.com'}", .firstUser, { text($0)?.hasSuffix("@fabrikam.com") == true }),
        ("capture_device={'like', '%realtek%'}", .captureDevice, { text($0)?.lowercased().contains("realtek") == true }),
    ]

    @Test("each operator form counts what a naive scan counts", arguments: 0..<forms.count)
    func form(_ k: Int) throws {
        let lua = try CallsLua()
        let (form, field, test) = Self.forms[k]
        let expected = lua.naive(field, test)
        #expect(!expected.isEmpty && expected.count < lua.store.count, "\(form) selects some rows")
        #expect(try lua.integer("calls:where{\(form)}:count()") == expected.count, "\(form)")
    }

    @Test("is null and not null on a building, a metric and a cohort")
    func nulls() throws {
        let lua = try CallsLua()
        let noBuilding = (0..<lua.store.count).filter { lua.store.value(.building, at: $0) == .null }.count
        #expect(noBuilding > 0)
        #expect(try lua.integer("calls:where{building={'is null'}}:count()") == noBuilding)
        #expect(try lua.integer("calls:where{building={'not null'}}:count()") == lua.store.count - noBuilding)
        #expect(try lua.integer("calls:where('building', 'is null'):count()") == noBuilding)
        #expect(try lua.integer("calls:where('building', 'not', 'SEA-1'):count()") == lua.naive(.building) { $0 != .string("SEA-1") }.count)
        let noJitter = (0..<lua.store.count).filter { lua.store.value(.jitter, at: $0) == .null }.count
        #expect(try lua.integer("calls:where{jitter_ms={'is null'}}:count()") == noJitter)
        let s = lua.store
        let noCohort = (0..<s.count).filter { s.value(derived: "cohort", at: $0) == .null }.count
        #expect(noCohort > 0 && noCohort < s.count)
        #expect(try lua.integer("calls:where{cohort={'is null'}}:count()") == noCohort)
        #expect(lua.error("calls:where{building={'is null', 'SEA-1'}}")?.contains("takes no value") == true)
    }

    @Test("an unknown operator is an error naming the closest, never a list of values")
    func unknownOperators() throws {
        let lua = try CallsLua(streams: 50)
        for (form, near) in [("building={'nto', 'SEA-1'}", "not"), ("building={'lik', 'SEA%'}", "like"),
                             ("building={'=>', 'SEA-1'}", nil), ("jitter_ms={'more', 30}", nil),
                             ("building={'among', {'SEA-1'}}", nil), ("subnet={'prefx', '10.'}", "prefix")] as [(String, String?)] {
            let e = lua.error("calls:where{\(form)}")
            #expect(e?.contains("unknown operator") == true, "\(form): \(e ?? "no error")")
            if let near { #expect(e?.contains("did you mean '\(near)'") == true, "\(form): \(e ?? "")") }
        }
        #expect(lua.error("calls:where{jitter_ms={'>', 30, 40}}")?.contains("one value") == true)
        #expect(lua.error("calls:where{subnet='10.4.1.0/16'}")?.contains("did you mean '10.4.0.0/16'") == true)
        #expect(lua.error("calls:where{jitter_ms={'like', '3%'}}")?.contains("compares text") == true)
    }

    @Test("a value that names no building, user, department or cohort warns with the closest; the query still runs")
    func unknownValuesWarn() throws {
        let lua = try CallsLua(streams: 200)
        _ = Warnings.take(lua.engine.L)
        #expect(try lua.integer("calls:where{building='SEA-9'}:count()") == 0)
        #expect(Warnings.take(lua.engine.L) == ["where: no building is 'SEA-9'; did you mean 'SEA-1'?"])
        _ = try lua.integer("calls:where{building='sea-1', cohort='Wave 2'}:count()")
        #expect(Warnings.take(lua.engine.L).isEmpty, "known names, in any case, do not warn")
        _ = try lua.integer("calls:where{cohort='Wave 22'}:count()")
        #expect(Warnings.take(lua.engine.L).first?.contains("did you mean 'Wave 2'") == true)
        let dept = lua.workspace.coexistence.directory[0].department
        _ = try lua.integer("calls:where{department='\(dept)x'}:count()")
        #expect(Warnings.take(lua.engine.L).first?.contains("did you mean '\(dept)'") == true)
    }

    @Test("a reversed date range is an error")
    func reversedBetween() throws {
        let lua = try CallsLua(streams: 20)
        #expect(lua.error("calls:between('2026-11-01', '2026-10-01')")?.contains("before the start") == true)
        #expect(try lua.integer("calls:between('2026-10-01', '2026-10-01'):count()") >= 0)
    }

    @Test("make_cohort with a selection that matches nobody warns, naming the closest value")
    func emptyCohortWarns() throws {
        let lua = try CallsLua(streams: 20)
        CoexistenceBindings.install(lua.workspace, in: lua.engine)
        TenantBinding.install(lua.workspace, in: lua.engine)
        _ = Warnings.take(lua.engine.L)
        try lua.run("make_cohort('Nobody', {department='Slaes'})")
        let w = Warnings.take(lua.engine.L)
        #expect(w.contains { $0.contains("no department is 'Slaes'; did you mean 'Sales'?") }, "\(w)")
        #expect(w.contains { $0.contains("matches no user") }, "\(w)")
        try lua.run("make_cohort('Sales people', {department='sales'})")
        #expect(Warnings.take(lua.engine.L).isEmpty)
        _ = try lua.value("users:where{mode='TeamOnly'}")
        #expect(Warnings.take(lua.engine.L).first?.contains("did you mean 'TeamsOnly'") == true)
    }

    @Test("help(calls.where) documents the operators")
    func helpText() throws {
        let lua = try CallsLua(streams: 10)
        let path = CallsLua.temporaryPath("where-help.txt")
        try lua.engine.redirectOutput(to: path)
        _ = lua.engine.evaluate("help(calls.where)")
        try lua.engine.redirectOutput(to: nil)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("Calls:where\n  q:where{"), "\(text)")
        for op in ["~=", "not", "in", "not in", "like", "not like", "prefix", "is null", "not null", "10.4.0.0/16", "%", "_"] {
            #expect(text.contains(op), "\(op)")
        }
    }

    /// README's calls section: its one line of operator examples, run as written.
    @Test("README's operator examples run")
    func readmeExamples() throws {
        let lua = try CallsLua()
        let readme = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../README.md").standardized.path, encoding: .utf8)
        guard let line = readme.split(separator: "\n").first(where: { $0.hasPrefix("Operators in `where`:") }) else {
            Issue.record("README has no operator line"); return
        }
        let examples = line.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            .filter { $0.hasPrefix("calls:") }
        #expect(examples.count >= 6)
        for e in examples { #expect(lua.error("_ = \(e):count()") == nil, "\(e)") }
    }
}
