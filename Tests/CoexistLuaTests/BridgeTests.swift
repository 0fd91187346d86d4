import CLua
import CLuaBridge
import Testing
@testable import CoexistLua

/// Counts live instances through deinit, to prove that Lua errors do not leak Swift objects.
final class Tracked {
    nonisolated(unsafe) static var live = 0
    init() { Tracked.live += 1 }
    deinit { Tracked.live -= 1 }
}

@Suite(.serialized) struct BridgeTests {
    func engine() throws -> LuaEngine { try LuaEngine(LuaEngineOptions(stdlibPath: nil)) }

    /// An engine with `interrupt_soon()`, a "Ctrl-C" that lands while Lua runs.
    func engineThatInterruptsSoon() throws -> LuaEngine {
        let lua = try engine()
        lua.register("interrupt_soon", doc: "") { _ in
            bridge_raise_interrupt()
            return 0
        }
        return lua
    }

    @Test func errorsInHostFunctionsLeakNothingAcross100000Calls() throws {
        let lua = try engine()
        lua.register("fail", doc: "") { call in
            let tracked = Tracked()
            _ = tracked
            _ = try call.integer(1)
            return 0
        }
        let before = Tracked.live
        let result = lua.run("""
            local failures = 0
            for i = 1, 100000 do
              if not pcall(fail, "not a number") then failures = failures + 1 end
            end
            assert(failures == 100000, failures)
            """, chunkName: "leak")
        if case .failure(let e) = result { Issue.record("\(e)") }
        #expect(Tracked.live == before)
    }

    @Test func hostErrorNamesArgumentAndCallSite() throws {
        let lua = try engine()
        lua.register("need_number", doc: "") { call in call.results(.integer(try call.integer(1))) }
        guard case .failure(let e) = lua.evaluate("need_number('x')") else { Issue.record("expected an error"); return }
        #expect(e.message.hasPrefix("stdin:1: bad argument #1 to 'need_number' (number expected, got string)"))
        #expect(e.message.contains("stack traceback:"))
        // The state is still usable after the error.
        guard case .values(let v) = lua.evaluate("need_number(41) + 1"), case .text(let t) = v.first else {
            Issue.record("state unusable after error"); return
        }
        #expect(t == "42")
    }

    @Test func interruptThroughTheHookStopsALoopAndTheStateSurvives() throws {
        let lua = try engineThatInterruptsSoon()
        // The "Ctrl-C" lands while Lua runs; the hook raises at the next instruction.
        guard case .failure(let e) = lua.evaluate("interrupt_soon(); while true do end") else {
            Issue.record("loop was not interrupted"); return
        }
        #expect(e.message.contains("interrupted!"))
        #expect(bridge_interrupt_pending() == 0)
        guard case .values(let v) = lua.evaluate("1 + 1"), case .text(let t) = v.first else { Issue.record("dead"); return }
        #expect(t == "2")
    }

    /// A host function that runs Lua through the engine again (as `shell.command(".read f")` does) used to
    /// disarm Ctrl-C for the rest of the outer script: the loop after it ran until the process was killed.
    @Test func interruptStillStopsTheScriptAfterANestedCall() throws {
        let lua = try engineThatInterruptsSoon()
        lua.register("nested", doc: "") { [unowned lua] _ in
            if case .failure(let e) = lua.run("inner = true", chunkName: "inner") { throw e }
            return 0
        }
        // Bounded, so that a regression fails instead of hanging the run.
        guard case .failure(let e) = lua.evaluate("nested(); interrupt_soon(); for i = 1, 1e8 do end; return 'ran to the end'") else {
            Issue.record("the loop after a nested call was not interrupted"); return
        }
        #expect(e.message.contains("interrupted!"))
        #expect(bridge_interrupt_pending() == 0)
        guard case .values(let v) = lua.evaluate("inner"), case .text(let t) = v.first else { Issue.record("dead"); return }
        #expect(t == "true")
    }

    /// As in lua.c, a hook set with debug.sethook outlives the line that set it; the end of each call used
    /// to clear every hook, so it stopped at once.
    @Test func aDebugHookOutlivesItsLine() throws {
        let lua = try engine()
        _ = lua.evaluate("hits = 0 debug.sethook(function() hits = hits + 1 end, '', 1000)")
        _ = lua.evaluate("for i = 1, 100000 do end")
        guard case .values(let v) = lua.evaluate("hits > 50"), case .text(let t) = v.first else { Issue.record("dead"); return }
        #expect(t == "true")
        _ = lua.evaluate("debug.sethook()")
    }

    @Test func longRunningHostFunctionStopsOnInterrupt() throws {
        let lua = try engine()
        lua.register("spin", doc: "") { call in
            bridge_raise_interrupt()
            while true { try call.checkInterrupt() }
        }
        guard case .failure(let e) = lua.evaluate("spin()") else { Issue.record("spin returned"); return }
        #expect(e.message.contains("interrupted!"))
    }

    @Test func memoryCapGivesLuaErrorNotAKilledProcess() throws {
        let lua = try LuaEngine(LuaEngineOptions(memoryLimit: 16 << 20, stdlibPath: nil))
        guard case .failure(let e) = lua.evaluate("local t = {} for i = 1, 1e8 do t[i] = ('x'):rep(64) .. i end") else {
            Issue.record("no memory error"); return
        }
        #expect(e.message.contains("not enough memory"))
        #expect(lua.memoryUsed < 16 << 20)
        guard case .values(let v) = lua.evaluate("(function() collectgarbage() return 'alive' end)()"), case .text(let t) = v.first else {
            Issue.record("state unusable after memory error"); return
        }
        #expect(t == "alive")
    }

    @Test func objectsAreUserdataWithIndexTostringLenAndGc() throws {
        let lua = try engine()
        let type = LuaObjectType<Tracked>("Thing", doc: "a test object")
        type.field("size", "how big") { _ in .integer(3) }
        type.method("double", "twice a number") { _, call in call.results(.integer(2 * (try call.integer(1)))) }
        type.describe { _ in "Thing(3)" }
        type.length { _ in 3 }
        lua.registerType(type)
        let before = Tracked.live
        lua.register("thing", doc: "") { call in
            call.push(Tracked(), type)
            return 1
        }
        let check = lua.run("""
            local t = thing()
            assert(t.size == 3 and t:double(21) == 42 and #t == 3 and tostring(t) == "Thing(3)")
            local ok, err = pcall(function() return t.sise end)
            assert(not ok and err:find("did you mean 'size'"), err)
            ok, err = pcall(function() return t.double(5) end)
            assert(not ok and err:find("with a colon"), err)
            """, chunkName: "objects")
        if case .failure(let e) = check { Issue.record("\(e)") }
        _ = lua.run("collectgarbage(); collectgarbage()", chunkName: "gc")
        #expect(Tracked.live == before)
    }
}
