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
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw CallImportError(file: path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var w = ByteWriter(fd: fd)
        defer { w.release() }
        w.string(CSVColumn.written.map(\.name).joined(separator: ",") + "\n")
        if let rows {
            for i in rows { row(store, i, &w) }
        } else {
            for i in 0..<store.count { row(store, i, &w) }
        }
        w.flush()
        if w.failed != 0 {
            throw CallImportError(file: path, message: "write failed: \(String(cString: strerror(w.failed)))")
        }
    }

    static func row(_ s: CallStore, _ i: Int, _ w: inout ByteWriter) {
        let mod = Modality(rawValue: s.modality[i]) ?? .unknown
        let net = s.network[i], f = s.flags[i]
        s.callIds.withBytes(s.call[i]) { w.field($0) }
        w.byte(44)
        w.timestamp(Int64(s.start[i]))
        w.byte(44)
        let d = s.duration[i]
        if d != 0xFFFF { w.unsigned(UInt64(d)) }
        w.byte(44)
        w.string(mod.name); w.byte(44)
        w.string((CallType(rawValue: s.callType[i]) ?? .unknown).name); w.byte(44)
        w.string((Product(rawValue: s.product[i]) ?? .unknown).name); w.byte(44)
        s.clientVersions.withBytes(UInt32(s.clientVersion[i])) { w.field($0) }; w.byte(44)
        s.users.withBytes(s.firstUser[i]) { w.field($0) }; w.byte(44)
        s.users.withBytes(s.secondUser[i]) { w.field($0) }; w.byte(44)
        w.string(f & FlagBits.secondToFirst != 0 ? "second_to_first" : "first_to_second"); w.byte(44)
        s.subnets.withBytes(s.subnet[i]) { w.field($0) }; w.byte(44)
        w.string((NetworkConnection(rawValue: net & NetworkBits.connectionMask) ?? .unknown).name); w.byte(44)
        w.string((WifiBand(rawValue: (net & NetworkBits.bandMask) >> NetworkBits.bandShift) ?? .unknown).name); w.byte(44)
        w.byte(net & NetworkBits.vpn != 0 ? 49 : 48); w.byte(44)
        w.string((Transport(rawValue: (net & NetworkBits.transportMask) >> NetworkBits.transportShift) ?? .unknown).name); w.byte(44)
        w.string((IceConnectivity(rawValue: s.ice[i]) ?? .unknown).name); w.byte(44)
        s.devices.withBytes(UInt32(s.device[i])) { w.field($0) }; w.byte(44)
        for kind in MetricKind.allCases {
            if kind.applies(to: mod) {
                let q = s.metrics[kind.slot][i]
                if q != MetricKind.missing {
                    let sc = kind.scale
                    w.fixed(UInt64(q) * UInt64(sc.multiplier), decimals: sc.decimals)
                }
            }
            w.byte(44)
        }
        w.byte(f & FlagBits.cdrAvailable != 0 ? 49 : 48); w.byte(44)
        w.byte(f & FlagBits.setupFailed != 0 ? 49 : 48); w.byte(44)
        s.failureReasons.withBytes(UInt32(s.failureReason[i])) { w.field($0) }; w.byte(44)
        w.byte(f & FlagBits.dropped != 0 ? 49 : 48); w.byte(44)
        w.unsigned(UInt64(s.rating[i]))
        w.byte(10)
    }
}
