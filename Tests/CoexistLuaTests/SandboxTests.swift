import Testing
@testable import CoexistLua

@Suite struct SandboxTests {
    @Test(arguments: ["os.execute", "io.popen", "os.remove", "os.rename", "os.exit", "package.loadlib"])
    func removedFunctionsAreGone(_ name: String) throws {
        let lua = try LuaEngine(LuaEngineOptions(sandbox: true, stdlibPath: nil))
        guard case .values(let v) = lua.evaluate("type(\(name))"), case .text(let t) = v.first else { Issue.record("failed"); return }
        #expect(t == "nil")
        let open = try LuaEngine(LuaEngineOptions(sandbox: false, stdlibPath: nil))
        guard case .values(let w) = open.evaluate("type(\(name))"), case .text(let u) = w.first else { Issue.record("failed"); return }
        #expect(u == "function")
    }

    @Test func cModuleSearchersAreGone() throws {
        let lua = try LuaEngine(LuaEngineOptions(sandbox: true, stdlibPath: nil))
        guard case .values(let v) = lua.evaluate("#package.searchers, package.cpath") else { Issue.record("failed"); return }
        let texts = v.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
        #expect(texts == ["2", ""])
    }

    @Test(arguments: ["w", "a", "r+", "w+", "wb"])
    func ioOpenOnlyReads(_ mode: String) throws {
        let lua = try LuaEngine(LuaEngineOptions(sandbox: true, stdlibPath: nil))
        guard case .failure(let e) = lua.evaluate("io.open('/tmp/coexist-sandbox-test', '\(mode)')") else {
            Issue.record("opened for \(mode)"); return
        }
        #expect(e.message.contains("sandbox: writing files is disabled"))
    }

    @Test func ioOpenStillReads() throws {
        let lua = try LuaEngine(LuaEngineOptions(sandbox: true, stdlibPath: nil))
        // The working directory (the package, under swift test) reads; /etc does not (SandboxFileGateTests).
        guard case .values(let v) = lua.evaluate("io.open('Package.swift', 'r') ~= nil"),
              case .text(let t) = v.first else { Issue.record("failed"); return }
        #expect(t == "true")
    }

    @Test func ioOutputCannotOpenAFileByName() throws {
        let lua = try LuaEngine(LuaEngineOptions(sandbox: true, stdlibPath: nil))
        guard case .failure(let e) = lua.evaluate("io.output('/tmp/coexist-sandbox-test')") else {
            Issue.record("io.output opened a file by name"); return
        }
        #expect(e.message.contains("sandbox: writing files is disabled"))
    }

    @Test func debugKeepsOnlyTraceback() throws {
        let lua = try LuaEngine(LuaEngineOptions(sandbox: true, stdlibPath: nil))
        guard case .values(let v) = lua.evaluate("type(debug.getupvalue), type(debug.getregistry), type(debug.traceback)") else {
            Issue.record("failed"); return
        }
        let texts = v.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
        #expect(texts == ["nil", "nil", "function"])
    }

    @Test func loadRefusesBinaryChunks() throws {
        let lua = try LuaEngine(LuaEngineOptions(sandbox: true, stdlibPath: nil))
        guard case .values(let v) = lua.evaluate("load('\\27Lua\\84\\0')") else { Issue.record("failed"); return }
        let texts = v.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
        #expect(texts.first == "nil")
        #expect(texts.dropFirst().first?.contains("binary") == true)
    }
}
