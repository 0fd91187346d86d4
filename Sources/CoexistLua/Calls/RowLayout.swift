import CLua
import CLuaBridge
import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Row views (`row.jitter_ms`) read by C straight from the store's columns (rowview.c). This file tells C
/// where each field lives; fields whose value is a function of one dictionary or enum code are decoded by
/// Swift once per code and cached in Lua, the rest (start, call id, poor reasons) by Swift per access.
final class RowLayout {
    let snapshot: CallStoreSnapshot

    init(_ snapshot: CallStoreSnapshot) { self.snapshot = snapshot }

    static let fields = CallField.allCases
    /// The field id of `row.index`, after the store fields.
    static let rowNumber = fields.count

    /// Names C resolves without asking Swift: every field, the short aliases, and `index`.
    static let names: [(String, Int)] = {
        var out = fields.enumerated().map { ($0.element.rawValue, $0.offset) }
        for alias in ["user", "network", "class", "jitter", "loss", "rtt", "device", "duration", "call", "media"] {
            if let f = try? CallField.named(alias), let i = fields.firstIndex(of: f) { out.append((alias, i)) }
        }
        out.append(("index", rowNumber))
        return out
    }()

    /// Pushes a layout userdata for this store; it keeps the store's columns alive while Lua holds it.
    static func push(_ snapshot: CallStoreSnapshot, _ L: OpaquePointer) {
        let layout = RowLayout(snapshot)
        let specs = fields.map { layout.spec($0) } + [rv_field(kind: Int32(RV_ROWNUMBER), column: nil, gate: 0, multiplier: 0, decimals: 0)]
        let cNames = names.map { strdup($0.0) }
        defer { cNames.forEach { free($0) } }
        let ids = names.map { Int32($0.1) }
        let namePointers: [UnsafePointer<CChar>?] = cNames.map { UnsafePointer($0) }
        lua_checkstack(L, 8)
        specs.withUnsafeBufferPointer { f in
            namePointers.withUnsafeBufferPointer { n in
                ids.withUnsafeBufferPointer { i in
                    rowview_push_layout(L, f.baseAddress, Int32(f.count), n.baseAddress, i.baseAddress, Int32(n.count),
                                        snapshot.store.modality.pointer, { L, ctx, field, row in
                        Unmanaged<RowLayout>.fromOpaque(ctx!).takeUnretainedValue().pushValue(L!, field, row)
                    }, Unmanaged.passRetained(layout).toOpaque(), { ctx in
                        Unmanaged<RowLayout>.fromOpaque(ctx!).release()
                    })
                }
            }
        }
    }

    /// Where C finds a field: its column (`StreamColumn.of`), read as the column is stored. Fields that are
    /// a function of one code are decoded by Swift once per code and cached; rating and duration are the
    /// code itself; metrics are decoded by C.
    private func spec(_ f: CallField) -> rv_field {
        let s = snapshot.store
        func make(_ kind: Int32, _ column: UnsafeRawPointer?) -> rv_field {
            rv_field(kind: kind, column: column, gate: 0, multiplier: 0, decimals: 0)
        }
        let c = StreamColumn.of(f)
        switch f {
        case .callId, .start, .poorReason: return make(Int32(RV_SLOW), nil)
        case .rating: return make(Int32(RV_U8_INT), s.columnPointer(c))
        case .duration: return make(Int32(RV_U16_INT), s.columnPointer(c))
        default: break
        }
        if let kind = f.metric {
            // C decodes code * multiplier / 10^decimals, the same Double as Swift's `MetricKind.decode`.
            let (multiplier, decimals) = kind.scale
            var gate: UInt32 = 0
            for m in Modality.allCases where kind.applies(to: m) { gate |= 1 << UInt32(m.rawValue) }
            return rv_field(kind: Int32(RV_METRIC), column: s.columnPointer(c), gate: gate,
                            multiplier: Int32(multiplier), decimals: Int32(decimals))
        }
        switch c.storage {
        case .u8: return make(Int32(RV_CACHED_U8), s.columnPointer(c))
        case .u16: return make(Int32(RV_CACHED_U16), s.columnPointer(c))
        case .u32: return make(Int32(RV_CACHED_U32), s.columnPointer(c))
        }
    }

    /// C asks for a field's value (field >= 0) or for the key at stack slot 2 that it did not recognise.
    private func pushValue(_ L: OpaquePointer, _ field: Int32, _ row: Int) -> Int32 {
        let stack = LuaStack(L)
        if field >= 0 {
            let f = Self.fields[Int(field)]
            stack.push(ResultSetBinding.luaValue(snapshot.store.value(f, at: row)))
            return 1
        }
        guard let key = stack.string(at: 2) else {
            stack.push("row fields are named by strings, not by \(stack.typeName(at: 2))")
            return 0
        }
        if let d = UserDimension(rawValue: key), let v = snapshot.store.value(derived: d.rawValue, at: row) {
            stack.push(ResultSetBinding.luaValue(v))
            return 1
        }
        do {
            let f = try CallField.named(key)
            stack.push(ResultSetBinding.luaValue(snapshot.store.value(f, at: row)))
            return 1
        } catch {
            stack.push("row: \(error)")
            return 0
        }
    }
}
