extension ResultSet {
    /// About how many bytes the rows hold on the heap: each row's array and its values, and the text of
    /// strings too long to be stored inline (Swift keeps up to 15 UTF-8 bytes in the value itself). What a
    /// script's memory budget is charged for keeping the result set (see LuaHostMemory).
    public var heapBytes: Int {
        let cell = MemoryLayout<ResultValue>.stride
        var bytes = 64 + columns.count * (MemoryLayout<Column>.stride + 16)
        for row in rows {
            bytes += 32 + row.count * cell
            for case .string(let s) in row where s.utf8.count > 15 { bytes += 32 + s.utf8.count }
        }
        return bytes
    }
}
