#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A file as an import saw it: where, how big, and a hash of its bytes, so a journal can name an import
/// without holding its data, and a replay can tell the file has changed since.
public struct FileStamp: Sendable, Codable, Equatable {
    public var path: String
    public var size: Int
    /// 64-bit FNV-1a of the bytes (taken 8 at a time), in hex: cheap to compute on a file we read anyway, and a content check,
    /// not a security one.
    public var hash: String

    public init(path: String, size: Int, hash: String) {
        self.path = path
        self.size = size
        self.hash = hash
    }

    /// Reads the file (every file of a folder, in name order, for Graph call records) and stamps it, in pieces
    /// (`GraphFileReader`): a file is never in memory whole to be stamped.
    public static func of(_ path: String) throws(TenantError) -> FileStamp {
        var h = fnvSeed, size = 0
        for file in try files(path) {
            switch GraphFileReader.open(file, hashSeed: h) {
            case .failure(let r): throw .badFile(file: file, reason: r.description)
            case .success(let reader):
                do { try reader.readToEnd() } catch { throw .badFile(file: file, reason: error.description) }
                h = reader.hash
                size += reader.count
            }
        }
        return FileStamp(path: path, size: size, hash: hex(h))
    }

    /// The hash of a Graph source before its import has read it (`ImportSource.isStreamed`).
    static let notTaken = ""

    /// A Graph source whose bytes, as an import read them, are not the ones this stamp names (a replay's file
    /// changed since it was imported): the import is refused and changes nothing.
    struct Mismatch: Error, CustomStringConvertible {
        let expected: FileStamp
        let now: FileStamp
        var description: String {
            "\(expected.path): changed since it was stamped (\(expected.size) bytes, hash \(expected.hash); now \(now.size) bytes, hash \(now.hash))"
        }
    }

    static let fnvSeed: UInt64 = 0xcbf2_9ce4_8422_2325

    static func hex(_ h: UInt64) -> String {
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// FNV-1a over 8-byte words, then the tail bytes: eight times fewer steps than byte-wise, since the
    /// stamp reads every byte an import reads.
    static func fnv(_ seed: UInt64, _ raw: UnsafeRawBufferPointer) -> UInt64 {
        var h = seed
        let n = raw.count
        let words = n / 8
        for i in 0..<words { h = (h ^ raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0x100_0000_01b3 }
        for i in (words * 8)..<n { h = (h ^ UInt64(raw[i])) &* 0x100_0000_01b3 }
        return h
    }

    static func files(_ path: String) throws(TenantError) -> [String] {
        var st = stat()
        guard stat(path, &st) == 0 else { throw .badFile(file: path, reason: String(cString: strerror(errno))) }
        guard (st.st_mode & S_IFMT) == S_IFDIR, let d = opendir(path) else { return [path] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = directoryEntryName(e)
            if !name.hasPrefix(".") { names.append(name) }
        }
        let dir = path.hasSuffix("/") ? path : path + "/"
        // The files the Graph importer reads from a folder, so the stamp covers exactly what was imported.
        return names.sorted().filter { GraphCallRecordImporter.extensions.contains(String($0.split(separator: ".").last ?? "").lowercased()) }
            .map { dir + $0 }.filter { var s = stat(); return stat($0, &s) == 0 && (s.st_mode & S_IFMT) == S_IFREG }
    }
}
