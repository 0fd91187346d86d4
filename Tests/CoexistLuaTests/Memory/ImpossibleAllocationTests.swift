import CLuaBridge
import XCTest
@testable import CoexistLua

/// A size computed from a negative count must come back to the script as "not enough memory", never reach
/// the C allocator: `f:read(-1)` asks Lua's buffer for (size_t)-1 bytes, which once wrapped around the cap's
/// arithmetic and went to realloc (the lua fuzz target's finding: the address sanitizer stops the process).
final class ImpossibleAllocationTests: XCTestCase {
    func outcome(_ engine: LuaEngine, _ code: String) throws -> String {
        let wrapped = "local ok, e = pcall(function() \(code) end) outcome = ok and 'ok' or tostring(e)"
        if case .failure(let e) = engine.run(wrapped, chunkName: "test") { XCTFail(e.message); throw e }
        engine.pushGlobal(path: "outcome")
        defer { engine.stack.pop() }
        return engine.stack.value(at: -1).stringValue ?? "?"
    }

    func testANegativeReadCountIsNotEnoughMemoryUnderACap() throws {
        let engine = try LuaEngine(LuaEngineOptions(memoryLimit: 64 << 20, stdlibPath: nil))
        let before = engine.memoryUsed
        XCTAssertTrue(try outcome(engine, "return io.stdout:read(-1)").contains("not enough memory"))
        XCTAssertTrue(try outcome(engine, "return io.stdout:read(math.mininteger)").contains("not enough memory"))
        // The refused request was not counted: the budget is where it was, give or take the chunks run.
        XCTAssertLessThan(engine.memoryUsed, before + (1 << 20))
        XCTAssertEqual(try outcome(engine, "return #string.rep('x', 1000)"), "ok")
    }

    func testANegativeReadCountIsNotEnoughMemoryWithNoCap() throws {
        let engine = try LuaEngine(LuaEngineOptions(memoryLimit: 0, stdlibPath: nil))
        XCTAssertTrue(try outcome(engine, "return io.stdout:read(-1)").contains("not enough memory"))
        XCTAssertTrue(try outcome(engine, "return io.stdout:read(-2)").contains("not enough memory"))
    }
}
