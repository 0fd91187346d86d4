import CFuzzSupport
import CoexistKit
import CoexistLua

/// The Lua evaluator as the shell runs a line: a sandboxed session (no files written, no programs run) over a
/// small demo tenant with calls, a 64 MB memory cap, an instruction budget and 5 s of time. Every input must end in a value
/// or a Lua error; a signal, a trap or a leak is a finding.
nonisolated(unsafe) let workspace: Workspace = {
    let w = Workspace.demo(users: 40)
    return w
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLua(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let code = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let engine = try? LuaEngine(LuaEngineOptions(memoryLimit: 64 << 20, sandbox: true, stdlibPath: nil)) else {
        fatalError("cannot make a Lua engine")
    }
    // A fork per input: what one script moves or imports must not change what the next one sees.
    Bindings.install(workspace.fork(name: "fuzz"), in: engine)
    fuzz_limit_instructions(engine.L, 2_000_000, 5)
    switch engine.evaluate(code, chunkName: "fuzz") {
    case .values(let shown):
        for v in shown {
            if case .resultSet(let box) = v { _ = ResultRenderer.render(box.resultSet, RenderOptions()) }
        }
    case .incomplete, .failure:
        break
    }
    return 0
}
