import CLua
import Testing
@testable import CoexistLua

@Suite struct ConversionTests {
    let lua: LuaEngine
    init() throws { lua = try LuaEngine(LuaEngineOptions(stdlibPath: nil)) }

    /// Pushes a Swift value, lets Lua inspect it, and reads it back.
    func roundTrip(_ value: LuaValue) -> LuaValue {
        lua.stack.push(value)
        defer { lua.stack.pop() }
        return lua.stack.value(at: -1)
    }

    @Test(arguments: [
        LuaValue.nil, .boolean(true), .boolean(false), .integer(0), .integer(-7), .integer(Int64.max),
        .number(1.5), .number(-0.25), .string(""), .string("héllo €"), .string("a\0b"),
    ])
    func scalarsRoundTrip(_ value: LuaValue) {
        #expect(roundTrip(value) == value)
    }

    @Test func integersAndFloatsStayDistinct() throws {
        lua.register("kind", doc: "") { call in call.results(call.value(1)) }
        guard case .values(let v) = lua.evaluate("math.type(kind(3)), math.type(kind(3.0))") else { Issue.record("failed"); return }
        #expect(v.count == 2)
        if case .text(let a) = v[0], case .text(let b) = v[1] {
            #expect(a == "integer")
            #expect(b == "float")
        }
    }

    @Test func tablesRoundTripWithSequenceAndFields() {
        let t = LuaTable(array: [.integer(1), .string("two"), .table(LuaTable(array: [.boolean(true)]))],
                         fields: [(.string("name"), .string("Ann"))])
        guard case .table(let back) = roundTrip(.table(t)) else { Issue.record("not a table"); return }
        #expect(back.array == t.array)
        #expect(back["name"] == .string("Ann"))
    }

    @Test func cyclicTablesDoNotHang() {
        _ = lua.run("cyc = {}; cyc.self = cyc", chunkName: "cyc")
        lua.pushGlobal(path: "cyc")
        defer { lua.stack.pop() }
        guard case .table(let t) = lua.stack.value(at: -1) else { Issue.record("not a table"); return }
        #expect(t["self"] == .opaque("table"))
    }

    @Test func datesCrossBothWays() throws {
        let d = LuaDate(year: 2026, month: 10, day: 1, hour: 8, minute: 30)
        #expect(roundTrip(.date(d)) == .date(d))
        lua.setGlobal("d", .date(d))
        guard case .values(let v) = lua.evaluate("d.year, d.month, d.day, d.hour, tostring(d), tostring(d + 1), (d + 7) - d") else {
            Issue.record("failed"); return
        }
        let texts = v.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
        #expect(texts == ["2026", "10", "1", "8", "2026-10-01T08:30:00Z", "2026-10-02T08:30:00Z", "7.0"])
    }

    @Test(arguments: [
        ("2026-10-01", "2026-10-01"), ("2026-10-01T08:30:00Z", "2026-10-01T08:30:00Z"),
        ("2026-10-01 08:30", "2026-10-01T08:30:00Z"), ("-7d", "2026-11-14"), ("+2w", "2026-12-05"),
        ("-1m", "2026-10-21"), ("today", "2026-11-21"),
    ])
    func datesParse(_ text: String, _ iso: String) throws {
        let now = LuaDate(year: 2026, month: 11, day: 21, hour: 14)
        #expect(try LuaDate.parse(text, relativeTo: now).iso == iso)
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "yesterday-ish", "2026-10-01T25:00"])
    func badDatesAreRejected(_ text: String) {
        #expect(throws: LuaDate.ParseError.self) { try LuaDate.parse(text, relativeTo: nil) }
    }

    @Test func dateArgumentsAcceptStringsNumbersAndTables() throws {
        guard case .values(let v) = lua.evaluate("tostring(date('2026-10-01')), tostring(date(0)), tostring(date{year=2027, month=2, day=1})") else {
            Issue.record("failed"); return
        }
        let texts = v.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
        #expect(texts == ["2026-10-01", "1970-01-01", "2027-02-01"])
        guard case .failure(let e) = lua.evaluate("date('2026-02-30')") else { Issue.record("accepted a bad date"); return }
        #expect(e.message.contains("bad argument #1 to 'date'"))
    }
}
