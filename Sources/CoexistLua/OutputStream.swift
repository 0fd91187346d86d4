import CLuaBridge
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Where print and rendered results go: Lua's current default output (io.output()), so that `.output FILE`
/// in the shell, `io.output(f)` in a script, print and io.write all agree.
public struct OutputStream {
    public let file: UnsafeMutablePointer<FILE>

    public static func current(_ L: OpaquePointer) -> OutputStream {
        OutputStream(file: bridge_default_output(L).assumingMemoryBound(to: FILE.self))
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
    }

    public func flush() { fflush(file) }

    public var isTerminal: Bool { isatty(fileno(file)) != 0 }
}
