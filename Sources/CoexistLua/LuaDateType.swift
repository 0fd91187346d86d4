import CLua
import CLuaBridge
import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Dates cross into Lua as `date` objects; these box them.
final class DateBox {
    let date: LuaDate
    init(_ date: LuaDate) { self.date = date }
}

/// The `date` type: fields year..sec, `d + days`, `d2 - d1` in days, comparisons, `d:format("%Y-%m")`.
public enum LuaDateType {
    nonisolated(unsafe) static let type: LuaObjectType<DateBox> = makeType()

    public static var description: LuaTypeDescription { type }

    static func push(_ date: LuaDate, _ L: OpaquePointer) { type.push(DateBox(date), L) }

    static func date(at idx: Int32, _ L: OpaquePointer) -> LuaDate? { type.object(at: idx, L)?.date }

    static let dateTableKeys: [String: OptionType] = ["year": .integer, "month": .integer, "day": .integer, "hour": .integer,
                                                      "min": .integer, "sec": .integer, "wday": .integer, "yday": .integer,
                                                      "isdst": .boolean]

    /// A date from whatever a script passed: a date, an ISO string or a relative date counted from `now`,
    /// os.time() seconds, or a table like os.date("*t") gives.
    public static func coerce(_ value: LuaValue, now: @autoclosure () -> Instant) throws -> LuaDate {
        switch value {
        case .date(let d): return d
        case .string(let s): return try LuaDate.parse(s, relativeTo: now())
        case .integer(let n): return try LuaDate.checked(epochSeconds: Double(n), value: String(n))
        case .number(let d): return try LuaDate.checked(epochSeconds: d, value: String(d))
        case .table(let t):
            // os.date("*t") also gives wday, yday and isdst, which a date is computed without.
            _ = try OptionTable(t, dateTableKeys, what: "date table")
            guard let y = t["year"].integerValue, let m = t["month"].integerValue, let d = t["day"].integerValue else {
                throw LuaError("a date table needs year, month and day")
            }
            // Each field in its own range: os.time would roll month=13 into next year, which hides a mistake.
            func field(_ name: String, _ v: Int64, _ range: ClosedRange<Int64>) throws -> Int {
                guard range.contains(v) else { throw LuaError("date table: \(name) = \(v) is out of range \(range.lowerBound)-\(range.upperBound)") }
                return Int(v)
            }
            func optional(_ name: String, _ range: ClosedRange<Int64>) throws -> Int {
                switch t[name] {
                case .nil: return 0
                case let v:
                    guard let n = v.integerValue else { throw LuaError("date table: \(name) must be an integer, got \(v.typeName)") }
                    return try field(name, n, range)
                }
            }
            let year = try field("year", y, 0...9999), month = try field("month", m, 1...12)
            let day = try field("day", d, 1...31)
            guard Civil.isValid(year: year, month: month, day: day) else {
                throw LuaError("date table: day = \(day) is past the end of \(year)-\(month)")
            }
            return LuaDate(year: year, month: month, day: day, hour: try optional("hour", 0...23),
                           minute: try optional("min", 0...59), second: Double(try optional("sec", 0...60)))
        default: throw LuaError("date expected, got \(value.typeName)")
        }
    }

    private static func makeType() -> LuaObjectType<DateBox> {
        let t = LuaObjectType<DateBox>("date", doc: """
            A point in time (UTC). Made by date("2026-10-01"), date("-7d"), date() for now, or date(os.time()).
            d + 7 and d - 7 move by days; d2 - d1 is the difference in days; dates compare with < and ==.
            """)
        t.field("year", "the year") { .integer(Int64($0.date.components.year)) }
        t.field("month", "the month, 1-12") { .integer(Int64($0.date.components.month)) }
        t.field("day", "the day of the month, 1-31") { .integer(Int64($0.date.components.day)) }
        t.field("hour", "the hour, 0-23") { .integer(Int64($0.date.components.hour)) }
        t.field("min", "the minute, 0-59") { .integer(Int64($0.date.components.minute)) }
        t.field("sec", "the second, 0-59") { .integer(Int64($0.date.components.second)) }
        t.field("wday", "the weekday, 1 = Sunday (as os.date)") { .integer(Int64($0.date.components.weekday)) }
        t.field("time", "seconds since 1970-01-01 UTC, as os.time() gives") { box in
            let s = box.date.epochSeconds
            return s == s.rounded() ? .integer(Int64(s)) : .number(s)
        }
        t.method("format", "d:format(fmt): the date through strftime, e.g. \"%Y-%m-%d %H:%M\" (UTC)") { box, call in
            let fmt = try call.optString(1) ?? "%Y-%m-%dT%H:%M:%SZ"
            return call.results(.string(strftimeUTC(box.date, fmt)))
        }
        t.method("add", "d:add(n, unit): n days (or unit \"hours\", \"weeks\") later; negative n goes back") { box, call in
            let n = try call.number(1)
            let unit = try call.optString(2) ?? "days"
            let days: Double
            switch unit {
            case "days", "day", "d": days = n
            case "weeks", "week", "w": days = n * 7
            case "hours", "hour", "h": days = n / 24
            default: throw call.error(2, "unit must be days, weeks or hours, not '\(unit)'")
            }
            return call.results(.date(try box.date.checkedAdding(days: days)))
        }
        t.describe { $0.date.iso }
        t.metamethod("__eq") { call in call.results(.boolean(try both(call) { $0 == $1 })) }
        t.metamethod("__lt") { call in call.results(.boolean(try both(call) { $0 < $1 })) }
        t.metamethod("__le") { call in call.results(.boolean(try both(call) { $0 <= $1 })) }
        t.metamethod("__add") { call in
            let (d, n) = try dateAndNumber(call)
            return call.results(.date(try d.checkedAdding(days: n)))
        }
        t.metamethod("__sub") { call in
            if let a = date(at: 1, call.L), let b = date(at: 2, call.L) {
                return call.results(.number((a.epochSeconds - b.epochSeconds) / 86_400))
            }
            guard let a = date(at: 1, call.L) else { throw LuaError("cannot subtract a date from a number") }
            return call.results(.date(try a.checkedAdding(days: -(try call.number(2)))))
        }
        t.metamethod("__concat") { call in
            var parts: [String] = []
            for i in 1...2 {
                if let d = date(at: Int32(i), call.L) { parts.append(d.iso) } else { parts.append(try call.string(i)) }
            }
            return call.results(.string(parts[0] + parts[1]))
        }
        return t
    }

    private static func both(_ call: LuaCall, _ op: (LuaDate, LuaDate) -> Bool) throws -> Bool {
        guard let a = date(at: 1, call.L), let b = date(at: 2, call.L) else {
            throw LuaError("attempt to compare a date with \(call.typeName(date(at: 1, call.L) == nil ? 1 : 2))")
        }
        return op(a, b)
    }

    private static func dateAndNumber(_ call: LuaCall) throws -> (LuaDate, Double) {
        if let d = date(at: 1, call.L) { return (d, try call.number(2)) }
        if let d = date(at: 2, call.L) { return (d, try call.number(1)) }
        throw LuaError("attempt to add two dates")
    }

    static func strftimeUTC(_ date: LuaDate, _ format: String) -> String {
        var t = time_t(date.epochSeconds.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        var buffer = [CChar](repeating: 0, count: 512)
        let n = strftime(&buffer, buffer.count, format, &parts)
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
