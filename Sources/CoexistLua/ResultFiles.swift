import CoexistKit

/// The one door to every file the product writes (`.output`, `.once`, `rs:save`, `q:to_csv`, review saves,
/// `powershell{path=}` and its side files): `create` asks the session's write gate first, so no write can skip
/// the sandbox, and hands back an `AtomicFile`, so every write reaches its target whole or not at all, loudly.
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

    /// Opens `path` for writing if the gate allows it; the caller writes, then commits (or the file is dropped).
    public static func create(_ path: String, gate: FileGate) throws -> AtomicFile {
        try gate.checkWrite(path)
        do { return try AtomicFile(path) } catch { throw LuaError("\(error)") }
    }

    /// Several files that belong together (a PowerShell plan and its side files): every one passes the gate
    /// and is written whole before any replaces its target, so a full disk leaves the old set as it was.
    public static func write(_ files: [(text: String, path: String)], gate: FileGate) throws {
        var opened: [AtomicFile] = []
        defer { for f in opened { f.abandon() } }
        for (_, path) in files { opened.append(try create(path, gate: gate)) }
        do {
            for (f, (text, _)) in zip(opened, files) { try f.write(text) }
            for f in opened { try f.commit() }
        } catch { throw LuaError("\(error)") }
    }

    public static func write(_ text: String, to path: String, gate: FileGate) throws {
        try write([(text, path)], gate: gate)
    }

    public static func save(_ rs: ResultSet, to path: String, gate: FileGate) throws {
        guard let mode = mode(forPath: path) else {
            throw LuaError("cannot tell the format of '\(path)': use .csv, .json, .md, .html or .txt")
        }
        let options = RenderOptions(mode: mode, maxRows: 0)
        // A saved .html is a whole page, so it opens in a browser by itself.
        try write(mode == .html ? HTMLRenderer.document(rs, options) : ResultRenderer.render(rs, options), to: path, gate: gate)
    }
}
