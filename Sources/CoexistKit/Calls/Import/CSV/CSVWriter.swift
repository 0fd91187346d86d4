#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes streams in the importer's own format (snake_case header, ISO 8601 UTC times, metrics with
/// exactly their stored precision), so `import(write(store))` gives back the same columns, and other
/// tools can be measured on the very same data.
public enum CSVWriter {
    public static func write(_ store: CallStore, rows: [Int]? = nil, to path: String) throws {
        let file = try AtomicFile(path)
        try write(store, rows: rows, into: file)
        try file.commit()
    }

    /// Into a file opened (and, for the product, passed by its write gate) by the caller, who commits it.
    public static func write(_ store: CallStore, rows: [Int]? = nil, into file: AtomicFile) throws {
        var w = ByteWriter(fd: file.descriptor)
        defer { w.release() }
        w.string(CSVColumn.written.map(\.name).joined(separator: ",") + "\n")
        let writers = fieldWriters(store)
        let modality = store.modality.pointer
        if let rows {
            for i in rows {
                precondition(i >= 0 && i < store.count, "row out of range")
                row(writers, modality, i, &w)
            }
        } else {
            for i in 0..<store.count { row(writers, modality, i, &w) }
        }
        w.flush()
        if w.failed != 0 { throw file.fail(errno: w.failed) }
    }

    /// How one written field is read from its column (`StreamColumn.of`), chosen once per file, so the
    /// row loop walks the written columns rather than naming them.
    enum FieldWriter {
        /// Enums, flags and the rating: the field's value is a function of its byte (`byteValue`).
        case byte(UnsafePointer<UInt8>, [ResultValue])
        case code8(UnsafePointer<UInt8>, StringDictionary)
        case code16(UnsafePointer<UInt16>, StringDictionary)
        case code32(UnsafePointer<UInt32>, StringDictionary)
        case start(UnsafePointer<UInt32>)
        case duration(UnsafePointer<UInt16>)
        case metric(MetricKind, UnsafePointer<UInt16>)
    }

    static func fieldWriters(_ s: CallStore) -> [FieldWriter] {
        CSVColumn.written.map { c in
            guard let f = CallField(rawValue: c.name) else { preconditionFailure("written column \(c.name) is no field") }
            let column = StreamColumn.of(f)
            let p = s.columnPointer(column)
            if let kind = f.metric { return .metric(kind, p.assumingMemoryBound(to: UInt16.self)) }
            if f == .start { return .start(p.assumingMemoryBound(to: UInt32.self)) }
            if f == .duration { return .duration(p.assumingMemoryBound(to: UInt16.self)) }
            if let d = column.dictionary {
                switch column.storage {
                case .u8: return .code8(p.assumingMemoryBound(to: UInt8.self), s.dictionary(d))
                case .u16: return .code16(p.assumingMemoryBound(to: UInt16.self), s.dictionary(d))
                case .u32: return .code32(p.assumingMemoryBound(to: UInt32.self), s.dictionary(d))
                }
            }
            guard s.byteValue(f, 0) != nil else { preconditionFailure("no way to write \(f.rawValue)") }
            return .byte(p.assumingMemoryBound(to: UInt8.self), (0..<256).map { s.byteValue(f, UInt8($0))! })
        }
    }

    static func row(_ writers: [FieldWriter], _ modality: UnsafePointer<UInt8>, _ i: Int, _ w: inout ByteWriter) {
        for (k, fw) in writers.enumerated() {
            if k > 0 { w.byte(44) }
            switch fw {
            case .byte(let p, let values):
                switch values[Int(p[i])] {
                case .string(let s): w.string(s)
                case .bool(let b): w.byte(b ? 49 : 48)
                case .int(let n): w.unsigned(UInt64(n))
                default: break
                }
            case .code8(let p, let d): d.withBytes(UInt32(p[i])) { w.field($0) }
            case .code16(let p, let d): d.withBytes(UInt32(p[i])) { w.field($0) }
            case .code32(let p, let d): d.withBytes(p[i]) { w.field($0) }
            case .start(let p): w.timestamp(Int64(p[i]))
            case .duration(let p): if p[i] != 0xFFFF { w.unsigned(UInt64(p[i])) }
            case .metric(let kind, let p):
                let q = p[i]
                if q != MetricKind.missing && kind.applies(to: Modality(rawValue: modality[i]) ?? .unknown) {
                    let sc = kind.scale
                    w.fixed(UInt64(q) * UInt64(sc.multiplier), decimals: sc.decimals)
                }
            }
        }
        w.byte(10)
    }
}
