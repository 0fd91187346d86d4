import Foundation

/// Graph callRecord files of any size for the bench and the tests, deterministic by seed: each record is
/// one of the given templates (Microsoft's example records, a group-call page's records) with a fresh
/// call id, so the importer sees realistic field layouts and no record is a duplicate of another.
/// Written in 4 MB pieces, so a 1 GB file never sits in memory.
public struct GraphFileGenerator: Sendable {
    public enum Shape: String, Sendable { case lines, page }
    /// Each template record minified, cut at every occurrence of its call id (a fresh id goes between pieces).
    let templates: [[[UInt8]]]

    /// `texts`: JSON files each holding one record or a `{"value":[...]}` page of records.
    public init(templates texts: [String]) throws {
        var out: [[[UInt8]]] = []
        for t in texts {
            let top = try JSONSerialization.jsonObject(with: Data(t.utf8))
            let records = ((top as? [String: Any])?["value"] as? [Any]) ?? [top]
            for case var r as [String: Any] in records {
                r.removeValue(forKey: "@odata.context")
                guard let id = r["id"] as? String, id.utf8.count == 36 else { continue }
                let data = try JSONSerialization.data(withJSONObject: r, options: [.sortedKeys])
                out.append(Self.pieces(Array(data), cutAt: Array(id.utf8)))
            }
        }
        guard !out.isEmpty else { throw CallImportError(file: "templates", message: "no record with a 36-character id") }
        templates = out
    }

    /// Writes `records` records to `path`; returns the file's size in bytes.
    @discardableResult
    public func write(records: Int, seed: UInt64, shape: Shape, to path: String) throws -> Int {
        // Through the one writer (OneWriterSourceTests): beside the target, synced, renamed into place.
        let h = try AtomicFile(path)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4 << 20 + 64 << 10)
        var total = 0
        func flush(_ force: Bool) throws {
            if buffer.count >= 4 << 20 || (force && !buffer.isEmpty) {
                try buffer.withUnsafeBytes { try h.write($0) }
                total += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        var random = SplitMix64(seed: seed)  // the demo's generator: the same file on every machine
        if shape == .page { buffer += Array(#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords", "value": ["#.utf8) }
        for i in 0..<records {
            let t = templates[Int(random.next() % UInt64(templates.count))]
            if shape == .page && i > 0 { buffer += Array(",\n".utf8) }
            let id = Self.uuid(&random)
            for (k, piece) in t.enumerated() {
                if k > 0 { buffer += id }
                buffer += piece
            }
            if shape == .lines { buffer.append(UInt8(ascii: "\n")) }
            try flush(false)
        }
        if shape == .page { buffer += Array("]}\n".utf8) }
        try flush(true)
        try h.commit()
        return total
    }

    static func uuid(_ random: inout SplitMix64) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        let a = random.next(), b = random.next()
        var out: [UInt8] = []
        for k in 0..<32 {
            if k == 8 || k == 12 || k == 16 || k == 20 { out.append(UInt8(ascii: "-")) }
            let word = k < 16 ? a : b
            out.append(hex[Int((word >> UInt64((k % 16) * 4)) & 0xF)])
        }
        return out
    }

    static func pieces(_ text: [UInt8], cutAt id: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = [], start = 0, i = 0
        while i + id.count <= text.count {
            if text[i..<(i + id.count)].elementsEqual(id) {
                out.append(Array(text[start..<i]))
                i += id.count
                start = i
            } else { i += 1 }
        }
        out.append(Array(text[start...]))
        return out
    }
}
