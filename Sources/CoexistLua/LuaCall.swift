import CLua
import CLuaBridge

/// What a host function sees of its call: its arguments (numbered from 1 as the script wrote them, `self`
/// excluded for methods) and a way to push results. Accessors throw `LuaError`s worded like Lua's own.
public struct LuaCall {
    public let L: OpaquePointer
    public let name: String
    /// 1 for a method called with `:`, whose self is stack slot 1.
    let selfSlots: Int32

    init(_ L: OpaquePointer, name: String, selfSlots: Int32 = 0) {
        self.L = L
        self.name = name
        self.selfSlots = selfSlots
    }

    public var stack: LuaStack { LuaStack(L) }
    public var count: Int { Int(max(0, lua_gettop(L) - selfSlots)) }
    public func slot(_ i: Int) -> Int32 { Int32(i) + selfSlots }

    public func isNoneOrNil(_ i: Int) -> Bool { i > count || lua_type(L, slot(i)) == LUA_TNIL }
    public func isFunction(_ i: Int) -> Bool { i <= count && lua_type(L, slot(i)) == LUA_TFUNCTION }
    public func isTable(_ i: Int) -> Bool { i <= count && lua_type(L, slot(i)) == LUA_TTABLE }
    public func isString(_ i: Int) -> Bool { i <= count && lua_type(L, slot(i)) == LUA_TSTRING }
    public func typeName(_ i: Int) -> String { i > count ? "no value" : stack.typeName(at: slot(i)) }

    public func value(_ i: Int) -> LuaValue { i > count ? .nil : stack.value(at: slot(i)) }

    public func error(_ i: Int, _ message: String) -> LuaError {
        LuaError("bad argument #\(i) to '\(name)' (\(message))")
    }

    private func expected(_ i: Int, _ what: String) -> LuaError {
        error(i, "\(what) expected, got \(typeName(i))")
    }

    public func string(_ i: Int) throws -> String {
        switch value(i) {
        case .string(let s): return s
        case .integer(let n): return String(n)
        case .number(let d): return String(d)
        default: throw expected(i, "string")
        }
    }

    public func optString(_ i: Int) throws -> String? { isNoneOrNil(i) ? nil : try string(i) }

    public func integer(_ i: Int) throws -> Int64 {
        let v = value(i)
        if let n = v.integerValue { return n }
        if case .number = v { throw error(i, "number has no integer representation") }
        if case .string(let s) = v, let n = Int64(s.trimmingSpaces) { return n }
        throw expected(i, "number")
    }

    public func optInteger(_ i: Int) throws -> Int64? { isNoneOrNil(i) ? nil : try integer(i) }

    public func number(_ i: Int) throws -> Double {
        let v = value(i)
        if let d = v.doubleValue { return d }
        if case .string(let s) = v, let d = Double(s.trimmingSpaces) { return d }
        throw expected(i, "number")
    }

    public func boolean(_ i: Int) -> Bool {
        i <= count && lua_toboolean(L, slot(i)) != 0
    }

    public func table(_ i: Int) throws -> LuaTable {
        guard let t = value(i).tableValue else { throw expected(i, "table") }
        return t
    }

    public func optTable(_ i: Int) throws -> LuaTable? { isNoneOrNil(i) ? nil : try table(i) }

    /// A date from a date value, an ISO string, an offset ("-7d"), or os.time() seconds.
    public func date(_ i: Int) throws -> LuaDate {
        do {
            return try LuaDateType.coerce(value(i), now: LuaClock.now(L))
        } catch let e as LuaDate.ParseError {
            throw error(i, e.description)
        } catch let e as LuaDate.RangeError {
            throw error(i, e.description)
        } catch let e as LuaError {
            throw error(i, e.message)
        } catch {
            throw expected(i, "date")
        }
    }

    /// The Swift object at argument i when it is of type T.
    public func object<T: AnyObject>(_ i: Int, _ type: LuaObjectType<T>) throws -> T {
        guard i <= count, let ctx = bridge_to_object(L, slot(i), type.metatableName),
              let object = Unmanaged<AnyObject>.fromOpaque(ctx).takeUnretainedValue() as? T else {
            throw expected(i, type.name)
        }
        return object
    }

    public func optObject<T: AnyObject>(_ i: Int, _ type: LuaObjectType<T>) -> T? {
        guard i <= count, let ctx = bridge_to_object(L, slot(i), type.metatableName) else { return nil }
        return Unmanaged<AnyObject>.fromOpaque(ctx).takeUnretainedValue() as? T
    }

    // MARK: results

    /// Pushes the values and returns how many, for `return call.results(...)`.
    public func results(_ values: LuaValue...) -> Int32 {
        for v in values { stack.push(v) }
        return Int32(values.count)
    }

    public func push(_ v: LuaValue) { stack.push(v) }

    public func push<T: AnyObject>(_ object: T, _ type: LuaObjectType<T>) { type.push(object, L) }

    /// Calls the Lua function at argument i with the values pushed by `pushArgs`, returning its first result.
    /// An error in it (including Ctrl-C) is rethrown so that the host function fails cleanly.
    public func call(_ i: Int, nargs: Int32, _ pushArgs: () -> Void) throws -> LuaValue {
        lua_pushvalue(L, slot(i))
        pushArgs()
        if bridge_pcall(L, nargs, 1, 0) != LUA_OK {
            let message = stack.errorMessage(at: -1)
            stack.pop()
            throw LuaError(message)
        }
        defer { stack.pop() }
        return stack.value(at: -1)
    }

    /// Throws `interrupted!` if Ctrl-C was pressed: long loops in host functions call this now and then.
    public func checkInterrupt() throws {
        if bridge_interrupt_pending() != 0 { throw LuaError.interrupted }
    }
}
