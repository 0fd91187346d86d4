import CLua
import CLuaBridge

/// A Swift closure callable from Lua. The body returns the number of results it pushed; a thrown error
/// becomes a Lua error raised by the C trampoline, never by Swift.
public final class HostFunction {
    public typealias Body = (LuaCall) throws -> Int32

    let name: String
    let selfSlots: Int32
    let body: Body

    public init(_ name: String, selfSlots: Int32 = 0, _ body: @escaping Body) {
        self.name = name
        self.selfSlots = selfSlots
        self.body = body
    }

    /// Pushes the function; Lua owns one retain of this box until it collects the function. `bytes` is what
    /// the closure keeps alive (an iterator's rows), charged to the memory budget until then.
    public func push(_ L: OpaquePointer, charging bytes: Int = 0) {
        bridge_push_host_function_charged(L, { L, ctx in
            let fn = Unmanaged<HostFunction>.fromOpaque(ctx!).takeUnretainedValue()
            return fn.invoke(L!)
        }, Unmanaged.passRetained(self).toOpaque(), { ctx in
            Unmanaged<HostFunction>.fromOpaque(ctx!).release()
        }, max(0, bytes))
    }

    func invoke(_ L: OpaquePointer) -> Int32 {
        do {
            return try body(LuaCall(L, name: name, selfSlots: selfSlots))
        } catch let e as LuaError {
            LuaStack(L).push(e.message)
        } catch {
            LuaStack(L).push(String(describing: error))
        }
        return -1
    }
}
