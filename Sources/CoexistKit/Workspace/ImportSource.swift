#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The bytes of an import's file, read once: the journal's stamp is taken from the same bytes the import
/// parses, so the file is not read twice and the journal names exactly what was imported, even when the file
/// changes between the two.
///
/// Graph call records (a folder, or a file `CallsFile.isGraph` takes for one) are the exception: they are not
/// read here, as a 900 MB page must never be in memory whole (issue 18: the import stays under the store plus
/// 64 MB). The source holds their paths (`graphFiles`, in name order) and a stamp with no hash yet; the import
/// reads them in pieces and hashes the same pieces (`GraphFileReader.hash`), and the door journals that stamp.
public struct ImportSource: Sendable {
    public let path: String
    public let files: [(path: String, bytes: FileBytes)]
    /// The Graph files to read in pieces; empty when `files` holds the bytes.
    public let graphFiles: [String]
    /// For Graph files, the path and the size they had when listed, and no hash (`FileStamp.notTaken`).
    public let stamp: FileStamp

    init(path: String, files: [(path: String, bytes: FileBytes)], graphFiles: [String] = [], stamp: FileStamp) {
        self.path = path
        self.files = files
        self.graphFiles = graphFiles
        self.stamp = stamp
    }

    /// Read in pieces by the import, which takes the stamp.
    public var isStreamed: Bool { !graphFiles.isEmpty }

    /// `folder`: a directory is read as a folder of Graph call records (import_calls); for every other import
    /// it is refused before anything in it is read (`import_buildings('/tmp')` must not hash /tmp's files).
    /// `folder` also says the file is a streams file: Graph call records are then listed, not read.
    public static func read(_ path: String, folder: Bool = false) throws(TenantError) -> ImportSource {
        if !folder {
            var st = stat()
            if stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
                throw .badFile(file: path, reason: "is a directory, not a regular file")
            }
        }
        let files = try FileStamp.files(path)
        if folder && CallsFile.isGraph(path) && !files.isEmpty {
            // Refused now, as a read would: a file that cannot be opened is named before anything is imported.
            var size = 0
            for file in files {
                switch RegularFile.open(file) {
                case .failure(let r): throw .badFile(file: file, reason: r.description)
                case .success(let (fd, n)): close(fd); size += n
                }
            }
            return ImportSource(path: path, files: [], graphFiles: files, stamp: FileStamp(path: path, size: size, hash: FileStamp.notTaken))
        }
        var loaded: [(path: String, bytes: FileBytes)] = []
        var h = FileStamp.fnvSeed
        var size = 0
        for file in files {
            switch RegularFile.load(file) {
            case .failure(let r): throw .badFile(file: file, reason: r.description)
            case .success(let b):
                loaded.append((file, b))
                h = FileStamp.fnv(h, b.bytes)
                size += b.count
            }
        }
        return ImportSource(path: path, files: loaded, stamp: FileStamp(path: path, size: size, hash: FileStamp.hex(h)))
    }

    /// The bytes of a source that must be one file (every import but Graph call records takes no folder).
    func singleFile() throws(TenantError) -> FileBytes {
        guard files.count == 1, files[0].path == path else { throw .badFile(file: path, reason: "is a directory, not a regular file") }
        return files[0].bytes
    }

    /// The source when it is the one `stamp` names, else the file read again (a replay, or a caller that
    /// stamped the file itself): an import always parses bytes whose stamp it journals.
    static func matching(_ stamp: FileStamp, _ source: ImportSource?, folder: Bool = false) throws(TenantError) -> ImportSource {
        if let source, source.stamp == stamp { return source }
        if let source, source.isStreamed, stamp.path == source.path { return source }
        return try read(stamp.path, folder: folder)
    }

    /// A users file as a workspace keeps it (`import_sources`): `bytes` when they are the bytes `stamp` names
    /// (same size and content hash), else nil.
    static func stored(_ bytes: FileBytes, as stamp: FileStamp) -> ImportSource? {
        guard bytes.count == stamp.size, FileStamp.hex(FileStamp.fnv(FileStamp.fnvSeed, bytes.bytes)) == stamp.hash else { return nil }
        return ImportSource(path: stamp.path, files: [(stamp.path, bytes)], stamp: stamp)
    }
}

extension FileStamp {
    /// What names a file's content whatever its path: the key of a workspace's `import_sources`.
    public var contentKey: String { "\(hash):\(size)" }
}

extension FileBytes {
    /// A copy of `raw` (bytes read from a workspace file, which SQLite frees after the step).
    static func copy(of raw: UnsafeRawBufferPointer) -> FileBytes {
        let f = FileBytes(count: raw.count)
        if let to = f.bytes.baseAddress, let from = raw.baseAddress, raw.count > 0 {
            UnsafeMutableRawPointer(mutating: to).copyMemory(from: from, byteCount: raw.count)
        }
        return f
    }
}
