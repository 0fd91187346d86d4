import CLua
import CLuaBridge
import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The one place that decides whether a path may be read or written. Every file operation a script can
/// reach asks it first: io.open, io.lines, io.input, io.output, dofile, loadfile, require, `.read`, the imports,
/// the history file, and the one writer of the product's own files (`ResultFiles.create`: `.output`, `.once`,
/// `save`, `rs:save`, `q:to_csv`, `powershell{path=}` and its side files), which asks it itself. Outside
/// `--sandbox` it allows everything. Under `--sandbox`:
/// - writing is refused, except to files directly or deeper inside the `--sandbox-dir` directory, if given;
/// - reading is allowed only inside the shipped Lua modules, the working directory and the sandbox directory.
/// Paths are resolved (symbolic links and `..` followed) before they are compared, so neither can lead out.
public final class FileGate: Sendable {
    public let sandboxed: Bool
    /// Where a sandboxed session may write, resolved; nil: nowhere.
    public let writeDirectory: String?
    /// Where a sandboxed session may read, resolved.
    public let readRoots: [String]

    public static let open = FileGate(sandboxed: false, writeDirectory: nil, readRoots: [])

    public init(sandboxed: Bool, writeDirectory: String?, readRoots: [String]) {
        self.sandboxed = sandboxed
        self.writeDirectory = writeDirectory.flatMap(FileGate.resolve)
        self.readRoots = readRoots.compactMap(FileGate.resolve) + (self.writeDirectory.map { [$0] } ?? [])
    }

    /// Throws unless `path` may be created, written or truncated.
    public func checkWrite(_ path: String) throws {
        guard sandboxed else { return }
        guard let dir = writeDirectory else {
            throw LuaError("sandbox: writing files is disabled ('\(path)')")
        }
        guard let target = FileGate.resolveForWriting(path), FileGate.isInside(target, dir) else {
            throw LuaError("sandbox: '\(path)' is outside the sandbox directory \(dir); only files in it can be written")
        }
    }

    /// Throws unless `path` may be read.
    public func checkRead(_ path: String) throws {
        // open("") fails with ENOENT, and the message came out as "import_calls: : No such file or directory".
        guard !path.isEmpty else { throw LuaError("the file name is empty: give the path of a file") }
        guard sandboxed else { return }
        // A file that does not exist reads as an error from the caller; resolve what exists.
        guard let target = FileGate.resolve(path) ?? FileGate.resolveForWriting(path) else {
            throw LuaError("sandbox: cannot read '\(path)'")
        }
        guard readRoots.contains(where: { FileGate.isInside(target, $0) }) else {
            throw LuaError("sandbox: reading '\(path)' is not allowed; only the working directory"
                + (writeDirectory == nil ? "" : ", the sandbox directory") + " and the shipped Lua modules can be read")
        }
    }

    /// The largest Lua script or `.read` file read (64 MiB): past anything written by hand, and Lua's parser
    /// holds it whole.
    public static let maxScriptBytes = 64 << 20

    /// `checkRead`, then: a path that exists must be a regular file of at most `maxScriptBytes`. For every
    /// reader that opens the path itself (`loadfile`, `dofile`, `require`, `package.searchpath`, `.read`,
    /// `help()`): C's fopen of a FIFO waits for a writer forever, /dev/zero never ends, and a directory
    /// opens but reads as an error that names nothing. A path that does not exist passes, for the reader
    /// to report as it does. (The file could be swapped between this check and the open; a script that
    /// can do that can already run anything it likes outside `--sandbox`.)
    public func checkReadFile(_ path: String) throws {
        try checkRead(path)
        if case .refused(let why) = FileGate.kind(of: path) { throw LuaError(why) }
    }

    /// The read gate's door: `checkReadFile`, then the whole file through the one reader (`RegularFile`, a
    /// regular file only, read with pread). Every file a script or a user names is read through this (`.read`,
    /// lessons, `help()`'s comments) or asks `checkRead` before a Kit importer reads it; the source test
    /// (`OneReaderSourceTests`) fails on any other way of opening a file for reading.
    public func readBytes(_ path: String) throws -> [UInt8] {
        try checkReadFile(path)
        switch RegularFile.bytes(path) {
        case .success(let bytes): return bytes
        case .failure(let why): throw LuaError("cannot read \(path): \(why)")
        }
    }

    /// `readBytes` as text; bytes that are not UTF-8 become U+FFFD (Lua's parser reports them where they are).
    public func readText(_ path: String) throws -> String {
        String(decoding: try readBytes(path), as: UTF8.self)
    }

    public enum FileKind: Equatable {
        /// A regular file within the size bound that this process may read.
        case readable
        /// Nothing there, or not readable: the reader's own error says so.
        case missing
        /// Why it may not be opened ("cannot open PATH: is a FIFO (named pipe), not a regular file").
        case refused(String)
    }

    /// What a path is, without opening it (stat follows symbolic links, as fopen does).
    public static func kind(of path: String) -> FileKind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .missing }
        let kind = st.st_mode & S_IFMT
        guard kind == S_IFREG else { return .refused("cannot open \(path): \(RegularFile.describe(kind)), not a regular file") }
        guard Int(st.st_size) <= maxScriptBytes else {
            return .refused("cannot open \(path): it is \(st.st_size) bytes; scripts past \(maxScriptBytes) bytes (64 MiB) are refused")
        }
        return access(path, R_OK) == 0 ? .readable : .missing
    }

    // MARK: paths

    static func resolve(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// A file that may not exist yet: its directory resolved, its own name kept. A name that is itself a
    /// symbolic link is resolved too (it could point anywhere), and "." or ".." is no file name.
    static func resolveForWriting(_ path: String) -> String? {
        if let existing = resolve(path) { return existing }
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty, name != ".", name != "..", let parent = resolve(dir.isEmpty ? "/" : dir) else { return nil }
        var st = stat()
        // A dangling symbolic link: realpath failed on it, but writing would follow it.
        if lstat(path, &st) == 0 { return nil }
        return parent == "/" ? "/" + name : parent + "/" + name
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    // MARK: finding the gate of a state

    static let registryKey = "coexist.filegate"

    /// Puts the gate where host functions of this state find it; the engine keeps it alive.
    func install(_ L: OpaquePointer) {
        lua_pushlightuserdata(L, Unmanaged.passUnretained(self).toOpaque())
        lua_setfield(L, shim_registryindex(), FileGate.registryKey)
    }

    /// The gate of the state L belongs to. Raw registry access: nothing here can raise.
    public static func of(_ L: OpaquePointer) -> FileGate {
        LuaStack(L).push(registryKey)
        lua_rawget(L, shim_registryindex())
        defer { shim_pop(L, 1) }
        guard let p = lua_touserdata(L, -1) else { return .open }
        return Unmanaged<FileGate>.fromOpaque(p).takeUnretainedValue()
    }
}
