/// A Lua value copied into Swift. Functions, threads and foreign userdata stay in Lua; they cross as
/// `.opaque` with their type name so a host function can say what it got.
public enum LuaValue: Equatable, Sendable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case table(LuaTable)
    case date(LuaDate)
    case opaque(String)

    /// Lua's own type name for the value ("nil", "number", "table", ...), as error messages use it.
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .boolean: return "boolean"
        case .integer, .number: return "number"
        case .string: return "string"
        case .table: return "table"
        case .date: return "date"
        case .opaque(let name): return name
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The number, whether Lua holds it as an integer or a float.
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    /// The integer, also from a float with an exact integer value (Lua's own rule for `math.tointeger`).
    public var integerValue: Int64? {
        switch self {
        case .integer(let i): return i
        case .number(let d): return d == d.rounded() && abs(d) < 9.2e18 ? Int64(d) : nil
        default: return nil
        }
    }

    public var tableValue: LuaTable? {
        if case .table(let t) = self { return t }
        return nil
    }
}

/// A Lua table copied into Swift: the sequence part (keys 1...n) and the other entries in a stable order.
public struct LuaTable: Equatable, Sendable {
    public var array: [LuaValue]
    public var fields: [(key: LuaValue, value: LuaValue)]

    public init(array: [LuaValue] = [], fields: [(key: LuaValue, value: LuaValue)] = []) {
        self.array = array
        self.fields = fields
    }

    public static func == (a: LuaTable, b: LuaTable) -> Bool {
        a.array == b.array && a.fields.count == b.fields.count
            && zip(a.fields, b.fields).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public subscript(name: String) -> LuaValue {
        fields.first { $0.key == .string(name) }?.value ?? .nil
    }

    /// The string keys, for error messages that list what a table may contain.
    public var stringKeys: [String] { fields.compactMap { $0.key.stringValue } }

    public var isEmpty: Bool { array.isEmpty && fields.isEmpty }
}
