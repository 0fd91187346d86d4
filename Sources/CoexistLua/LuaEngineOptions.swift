public struct LuaEngineOptions: Sendable {
    /// Lua's allocator refuses to grow past this many bytes (0: no cap).
    public var memoryLimit: Int = 4 << 30
    /// Removes what an unvetted script could harm the machine with (see Sandbox.swift).
    public var sandbox = false
    /// `--sandbox-dir`: the one directory a sandboxed session may write to (nil: none). See FileGate.
    public var sandboxDirectory: String?
    /// Where `require` finds the shipped Lua modules; nil runs without them.
    public var stdlibPath: String? = StdlibLocator.find()

    public init(memoryLimit: Int = 4 << 30, sandbox: Bool = false, sandboxDirectory: String? = nil,
                stdlibPath: String? = StdlibLocator.find()) {
        self.memoryLimit = memoryLimit
        self.sandbox = sandbox
        self.sandboxDirectory = sandboxDirectory
        self.stdlibPath = stdlibPath
    }
}
