import CLua
import CLuaBridge

/// What help() and Tab completion need to know of any object type, whatever Swift class it wraps.
public protocol LuaTypeDescription: AnyObject {
    var name: String { get }
    var doc: String { get }
    var metatableName: String { get }
    /// Fields and methods with their one-line docs, in the order they were declared.
    var members: [(name: String, doc: String, isMethod: Bool)] { get }
}

/// A Swift class exposed to Lua as userdata: `obj.field`, `obj:method(...)`, `tostring(obj)`, `#obj`.
/// Lua holds one retain per userdata and releases it in `__gc`.
public final class LuaObjectType<T: AnyObject>: LuaTypeDescription {
    public typealias Getter = (T, LuaCall) throws -> Int32
    public typealias Method = (T, LuaCall) throws -> Int32

    public let name: String
    public let doc: String
    public var metatableName: String { "coexist." + name }
    public private(set) var members: [(name: String, doc: String, isMethod: Bool)] = []

    private var getters: [String: Getter] = [:]
    private var methods: [String: HostFunction] = [:]
    private var metamethods: [String: HostFunction] = [:]
    private var tostring: ((T, OpaquePointer) -> String)?
    private var length: ((T) -> Int)?
    private var positional: ((T, Int, LuaCall) throws -> Int32)?

    public init(_ name: String, doc: String) {
        self.name = name
        self.doc = doc
    }

    public func field(_ name: String, _ doc: String, _ get: @escaping (T) -> LuaValue) {
        field(name, doc) { obj, call in call.results(get(obj)) }
    }

    /// A field whose value the getter pushes itself (an object, several values...).
    public func field(_ name: String, _ doc: String, pushing get: @escaping Getter) {
        getters[name] = get
        members.append((name, doc, false))
    }

    public func method(_ name: String, _ doc: String, _ body: @escaping Method) {
        let typeName = self.name
        let mt = metatableName
        methods[name] = HostFunction(name, selfSlots: 1) { call in
            guard let ctx = bridge_to_object(call.L, 1, mt), let obj = Unmanaged<AnyObject>.fromOpaque(ctx).takeUnretainedValue() as? T else {
                throw LuaError("calling '\(name)' on bad self (\(typeName) expected, got \(call.stack.typeName(at: 1)); "
                    + "call it with a colon: obj:\(name)(...))")
            }
            return try body(obj, call)
        }
        members.append((name, doc, true))
    }

    public func describe(_ tostring: @escaping (T) -> String) { self.tostring = { object, _ in tostring(object) } }
    /// A `tostring` that reads the state it runs in (the render settings, for objects that print as tables).
    public func describe(inState tostring: @escaping (T, OpaquePointer) -> String) { self.tostring = tostring }
    public func length(_ length: @escaping (T) -> Int) { self.length = length }
    /// `obj[i]` for integer i (1-based, as Lua positions are).
    public func positional(_ get: @escaping (T, Int, LuaCall) throws -> Int32) { positional = get }

    /// Any other metamethod (`__eq`, `__lt`, `__add`, `__call`, ...), receiving the raw operands.
    public func metamethod(_ event: String, _ body: @escaping HostFunction.Body) {
        metamethods[event] = HostFunction(event, body)
    }

    /// Pushes the object; one that holds data (LuaHostMemory) charges it to the memory budget until collected.
    public func push(_ object: T, _ L: OpaquePointer) {
        push(object, L, bytes: (object as? LuaHostMemory)?.hostBytes ?? 0)
    }

    /// Pushes the object charging `bytes` to the memory budget (a fork, whose size its type cannot know).
    public func push(_ object: T, _ L: OpaquePointer, bytes: Int) {
        lua_checkstack(L, 6)
        install(L)
        bridge_push_object_charged(L, Unmanaged.passRetained(object as AnyObject).toOpaque(), metatableName, max(0, bytes))
    }

    /// The object at idx when it is of this type.
    public func object(at idx: Int32, _ L: OpaquePointer) -> T? {
        guard let ctx = bridge_to_object(L, idx, metatableName) else { return nil }
        return Unmanaged<AnyObject>.fromOpaque(ctx).takeUnretainedValue() as? T
    }

    /// The object a metamethod was called on. Metamethods are reachable by `getmetatable(obj).__len` and
    /// friends, so self may be anything (another type's object, a file, one whose __gc already ran).
    public func checkedSelf(_ call: LuaCall, _ event: String) throws -> T {
        guard let obj = object(at: 1, call.L) else {
            throw LuaError("\(event) of \(name) called on bad self (\(name) expected, got \(call.stack.typeName(at: 1)))")
        }
        return obj
    }

    /// Creates the metatable in this state the first time an object of the type is pushed.
    private func install(_ L: OpaquePointer) {
        let created = bridge_object_metatable(L, metatableName, { ctx in
            Unmanaged<AnyObject>.fromOpaque(ctx!).release()
        })
        defer { LuaStack(L).pop() }
        guard created != 0 else { return }
        shim_newtable(L)
        for (name, fn) in methods {
            fn.push(L)
            lua_setfield(L, -2, name)
        }
        lua_setfield(L, -2, "__methods")
        index.push(L)
        lua_setfield(L, -2, "__index")
        HostFunction("tostring") { [unowned self] call in
            let obj = try self.checkedSelf(call, "__tostring")
            return call.results(.string(self.tostring?(obj, call.L) ?? self.name))
        }.push(L)
        lua_setfield(L, -2, "__tostring")
        if let length {
            HostFunction("len") { [unowned self] call in
                let obj = try self.checkedSelf(call, "__len")
                return call.results(.integer(Int64(length(obj))))
            }.push(L)
            lua_setfield(L, -2, "__len")
        }
        for (event, fn) in metamethods {
            fn.push(L)
            lua_setfield(L, -2, event)
        }
    }

    /// `obj.key`: a field's value, else the method, else an error that suggests the nearest member.
    private lazy var index = HostFunction("__index") { [unowned self] call in
        let L = call.L
        // The metamethod is reachable by getmetatable(obj).__index and may be called with anything as self.
        _ = try self.checkedSelf(call, "__index")
        if let positional = self.positional, lua_isinteger(L, 2) != 0, let obj = self.object(at: 1, L) {
            let i = Int(shim_tointegerx(L, 2, nil))
            lua_settop(L, 1)
            return try positional(obj, i, LuaCall(L, name: "[]", selfSlots: 1))
        }
        guard let key = call.stack.string(at: 2) else {
            throw LuaError("\(self.name) fields are named by strings, not by \(call.stack.typeName(at: 2))")
        }
        if let get = self.getters[key], let obj = self.object(at: 1, L) {
            lua_settop(L, 1)
            return try get(obj, LuaCall(L, name: key, selfSlots: 1))
        }
        if let method = self.methods[key] {
            // Raw reads, since a script may have changed the metatable: the same function each time when
            // __methods is intact, else a fresh one.
            lua_settop(L, 1)
            if lua_getmetatable(L, 1) != 0 {
                call.stack.push("__methods")
                if lua_rawget(L, -2) == LUA_TTABLE {
                    call.stack.push(key)
                    if lua_rawget(L, -2) == LUA_TFUNCTION { return 1 }
                }
            }
            lua_settop(L, 1)
            method.push(L)
            return 1
        }
        throw LuaError("\(self.name) has no field or method '\(key)'" + didYouMean(key, self.members.map(\.name)))
    }
}
