import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Writes result sets to files in the format their extension names.
public enum ResultFiles {
    public static func mode(forPath path: String) -> OutputMode? {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
        if lower.hasSuffix(".txt") { return .table }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
        return nil
    }

    public static func save(_ rs: ResultSet, to path: String) throws {
        guard let mode = mode(forPath: path) else {
            throw LuaError("cannot tell the format of '\(path)': use .csv, .json, .md, .html or .txt")
        }
        let options = RenderOptions(mode: mode, maxRows: 0)
        // A saved .html is a whole page, so it opens in a browser by itself.
        try write(mode == .html ? HTMLRenderer.document(rs, options) : ResultRenderer.render(rs, options), to: path)
    }

    public static func write(_ text: String, to path: String) throws {
        guard let f = fopen(path, "w") else {
            throw LuaError("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { fclose(f) }
        var text = text
        let ok = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, f) == $0.count }
        if !ok { throw LuaError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
    }
}
