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

    /// Reads the file (every file of a folder, in name order, for Graph call records) and stamps it.
    public static func of(_ path: String) throws(TenantError) -> FileStamp {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var size = 0
        for file in try files(path) {
            // A FIFO or a device would hang or never end here, before the import could refuse it.
            let fd: Int32
            switch RegularFile.open(file) {
            case .failure(let r): throw .badFile(file: file, reason: r.description)
            case .success(let o): fd = o.fd
            }
            defer { close(fd) }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                guard n >= 0 else { throw .badFile(file: file, reason: "read error: \(String(cString: strerror(errno)))") }
                if n == 0 { break }
                size += n
                h = fnv(h, buffer, n)
            }
        }
        let hex = String(h, radix: 16)
        return FileStamp(path: path, size: size, hash: String(repeating: "0", count: 16 - hex.count) + hex)
    }

    /// FNV-1a over 8-byte words, then the tail bytes: eight times fewer steps than byte-wise, since the
    /// stamp reads every byte an import reads.
    static func fnv(_ seed: UInt64, _ buffer: [UInt8], _ n: Int) -> UInt64 {
        var h = seed
        buffer.withUnsafeBytes { raw in
            let words = n / 8
            for i in 0..<words { h = (h ^ raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0x100_0000_01b3 }
            for i in (words * 8)..<n { h = (h ^ UInt64(raw[i])) &* 0x100_0000_01b3 }
        }
        return h
    }

    private static func files(_ path: String) throws(TenantError) -> [String] {
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
        return names.sorted().map { dir + $0 }.filter { var s = stat(); return stat($0, &s) == 0 && (s.st_mode & S_IFMT) == S_IFREG }
    }
}
