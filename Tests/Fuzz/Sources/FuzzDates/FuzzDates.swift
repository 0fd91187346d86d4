import CoexistKit
import CoexistLua

/// Dates as scripts and files give them: text (ISO dates and times, offsets, "-7d", "today") and numbers
/// (seconds, any double or integer). Each becomes a date or an error; a date that parses prints and does
/// arithmetic without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDates(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let now = Instant(year: 2026, month: 10, day: 1, hour: 12)
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var values: [LuaValue] = [.string(text)]
    if size >= 8 {
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(data[i]) << (8 * UInt64(i)) }
        values += [.number(Double(bitPattern: bits)), .integer(Int64(bitPattern: bits))]
    }
    _ = try? Instant.parse(text, relativeTo: now)
    _ = Instant.parseAbsolute(text)
    if let r = try? RelativeDate.parse(text) { _ = try? r.resolve(from: now) }
    for v in values {
        guard let d = try? LuaDateType.coerce(v, now: now) else { continue }
        _ = d.iso
        _ = d.components
        _ = d.startOfDay.iso
        _ = (try? d.checkedAdding(days: 1))?.iso
    }
    return 0
}
