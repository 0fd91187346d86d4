@preconcurrency import Glibc
import Testing
@testable import CoexistLua
import CoexistKit
import Foundation

@Suite(.serialized) struct HelpTests {
    /// help() prints through the shell's output; capture it in a file.
    func help(_ lua: LuaEngine, _ expression: String) throws -> String {
        let path = "/tmp/coexist-help-\(getpid()).txt"
        try lua.redirectOutput(to: path)
        _ = lua.evaluate("help(\(expression))")
        try lua.redirectOutput(to: nil)
        return (try? TestFiles.read(path)) ?? ""
    }

    @Test func builtinsHaveTheirDoc() throws {
        let lua = try LuaEngine(LuaEngineOptions(stdlibPath: nil))
        #expect(try help(lua, "date").contains("date(x): a date from"))
        #expect(try help(lua, "string.format").contains("printf-style"))
        #expect(try help(lua, "'string.format'").contains("printf-style"))
    }

    /// The review lives in stdlib/qer.lua, yet help() lists it and help(qer) says how to run it.
    @Test func theReviewWrittenInLuaIsDocumented() throws {
        let s = try QERSession(Workspace.empty(today: PlanDay(year: 2026, month: 11, day: 1)))
        #expect(try help(s.lua, "").contains("qer "))
        #expect(try help(s.lua, "qer").contains("qer{period=\"2026-10\", scope=...}"))
        #expect(try help(s.lua, "review.section").contains("a section of your own"))
    }

    @Test func objectsListTheirFieldsAndMethods() throws {
        let lua = try LuaEngine(LuaEngineOptions(stdlibPath: nil))
        let text = try help(lua, "date('2026-10-01')")
        #expect(text.contains("date: A point in time"))
        #expect(text.contains(".year"))
        #expect(text.contains(":format"))
    }

    @Test func luaFunctionsShowWhereAndTheirComment() throws {
        let path = "/tmp/coexist-help-fn-\(getpid()).lua"
        try AtomicFile.write("-- Adds one to n.\n-- Never fails.\nfunction inc(n)\n  return n + 1\nend\n", to: path)
        let lua = try LuaEngine(LuaEngineOptions(stdlibPath: nil))
        _ = lua.runFile(path)
        let text = try help(lua, "inc")
        #expect(text.contains("defined at \(path):3"))
        #expect(text.contains("Adds one to n.\nNever fails."))
    }

    @Test func unknownNamesSuggest() throws {
        let lua = try LuaEngine(LuaEngineOptions(stdlibPath: nil))
        #expect(try help(lua, "'strin.format'").contains("did you mean 'string.format'"))
        #expect(try help(lua, "").contains("Builtins:"))
    }

    /// A name longer than any documented one is answered at once (help of a 16 MB string took past the lua
    /// fuzz target's 30 s), and the answer does not echo it back.
    @Test func aHugeNameIsAnsweredAtOnce() throws {
        let lua = try LuaEngine(LuaEngineOptions(stdlibPath: nil))
        let start = DispatchTime.now().uptimeNanoseconds
        let out = try help(lua, "string.rep('x', 16 << 20)")
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "no help for a name of 16777216 bytes")
        #expect(DispatchTime.now().uptimeNanoseconds - start < 5_000_000_000)
        #expect(try help(lua, "'string.format'").hasPrefix("string.format: "))
    }
}
