/// A hash of every stream column and the dictionary sizes: opening refuses streams that differ from what
/// coexist wrote (a damaged page, an edit by another tool), because a code outside its dictionary or an
/// enum byte no case has would otherwise reach the queries.
enum WorkspaceChecksum {
    /// `parts`: how many cores hash the columns (each column is one sequential hash; the columns are
    /// independent, so two cores take alternate columns). The value does not depend on it.
    static func of(_ store: CallStore, parts: Int = 1) -> String {
        let columns = StreamColumn.allCases
        let n = store.count
        let pointers = columns.map { store.columnPointer($0) }
        var hashes = [UInt64](repeating: 0, count: columns.count)
        let p = Swift.max(1, Swift.min(parts, columns.count))
        withExtendedLifetime(store) {
            hashes.withUnsafeMutableBufferPointer { out in
                Parallel.perform(p) { part in
                    for k in stride(from: part, to: columns.count, by: p) { out[k] = byteHash(pointers[k], n * columns[k].width) }
                }
            }
        }
        var h: UInt64 = 0xC0E1_5757_0000_0001 ^ UInt64(store.count)
        for x in hashes { h = (h ^ x) &* 0x9E37_79B9_7F4A_7C15 }
        for d in WorkspaceSchema.dictionaries {
            h = (h ^ UInt64(store.dictionary(d).count)) &* 0x9E37_79B9_7F4A_7C15
        }
        return String(h, radix: 16)
    }
}
