import CHotPaths
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One Graph file read for one import in pieces, front to back: `pread` into memory the importer owns, a
/// piece at a time as the splitter asks for more (`readMore`), and the pieces it has passed given back
/// (`release`). So a 900 MB `{"value": [...]}` page costs a batch of records and a piece in memory, not 900
/// MB, and a file that shrinks or is rewritten while it is read is an error naming it, never SIGBUS (the
/// importer once parsed a memory-mapped file in place: see `FileBytes`).
///
/// The bytes live at their file offsets in an anonymous mapping as large as the file, reserved, not
/// committed: offsets stay what the splitter and the records say, and only the pages read and not yet
/// released are resident. Released pages are not given back at once but moved to the offsets read next
/// (`coexist_move_pages`), up to `poolBytes` of them: a fresh page costs the kernel a zero-fill, which was
/// more than a third of an import's work, all on the importing thread.
final class GraphFileReader {
    /// Bytes read per `pread`: large enough that the system calls cost nothing next to parsing, small next to
    /// the 64 MB the import may use above the store.
    static let chunkBytes = 8 << 20

    let path: String
    /// The file's bytes at their offsets; only `0..<filled` have been read (and those before `released` are
    /// given back).
    let bytes: UnsafeRawBufferPointer
    private(set) var filled = 0
    private var released = 0
    /// FNV-1a of the bytes read so far (`FileStamp.fnv`), carried on from the file before in a folder: the
    /// journal's stamp is taken from the pieces as they are read, so a Graph file is read once and never whole.
    private(set) var hash: UInt64 = FileStamp.fnvSeed
    /// Bytes hashed: whole 8-byte words from the file's start until the last piece, which hashes its tail, so
    /// the value is the one `FileStamp.fnv` gives over the whole file (a stamp in an old journal still matches).
    private var hashed = 0
    private let fd: Int32
    private let before: stat
    private let chunk: Int
    /// The whole reservation, which `bytes` starts inside of at a `releaseUnit` boundary and which ends past
    /// the last whole unit, so every unit is whole huge pages and can be moved as a unit.
    private let mapping: UnsafeMutableRawBufferPointer?
    /// Offsets of released units whose pages are kept for the next reads (at most `poolBytes` of them).
    private var pool: [Int] = []
    /// False once moving pages failed (a kernel before 5.7): released pages are then given back as before.
    private var recycling = true

    var count: Int { bytes.count }

    private init(path: String, fd: Int32, before: stat, bytes: UnsafeRawBufferPointer, mapping: UnsafeMutableRawBufferPointer?, chunk: Int) {
        self.chunk = chunk
        self.path = path
        self.fd = fd
        self.before = before
        self.bytes = bytes
        self.mapping = mapping
    }

    /// A regular file (`RegularFile.open`'s checks), opened; nothing is read yet. `chunkBytes` other than the
    /// default only in tests (records cut at every byte must give the same rows).
    static func open(_ path: String, chunkBytes: Int = chunkBytes, hashSeed: UInt64 = FileStamp.fnvSeed) -> Result<GraphFileReader, RegularFile.Refusal> {
        openFile(path, chunkBytes: chunkBytes).map { $0.hash = hashSeed; return $0 }
    }

    private static func openFile(_ path: String, chunkBytes: Int) -> Result<GraphFileReader, RegularFile.Refusal> {
        switch RegularFile.open(path) {
        case .failure(let r): return .failure(r)
        case .success(let (fd, size)):
            var st = stat()
            guard fstat(fd, &st) == 0 else {
                let e = String(cString: strerror(errno))
                close(fd)
                return .failure(RegularFile.Refusal("cannot stat: \(e)"))
            }
            if size == 0 {
                return .success(GraphFileReader(path: path, fd: fd, before: st, bytes: UnsafeRawBufferPointer(start: nil, count: 0),
                                                mapping: nil, chunk: max(chunkBytes, 1)))
            }
            let unit = releaseUnit
            let length = (size + unit - 1) / unit * unit + unit
            guard let p = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
                  p != MAP_FAILED else {
                let e = String(cString: strerror(errno))
                close(fd)
                return .failure(RegularFile.Refusal("cannot reserve memory to read it: \(e)"))
            }
            // Huge pages, as FileBytes: a fault per 4 KiB of a gigabyte file showed next to the copy itself.
            _ = madvise(p, length, MADV_HUGEPAGE)
            let start = p + (unit - Int(bitPattern: p) % unit) % unit
            return .success(GraphFileReader(path: path, fd: fd, before: st, bytes: UnsafeRawBufferPointer(start: start, count: size),
                                            mapping: UnsafeMutableRawBufferPointer(start: p, count: length), chunk: max(chunkBytes, 1)))
        }
    }

    /// Reads the next piece; returns how many bytes from the start are now in memory. Once the whole file is
    /// read its size and modification time are checked again, as `RegularFile.load` does.
    func readMore() throws(RegularFile.Refusal) -> Int {
        guard filled < count, let base = bytes.baseAddress else { return filled }
        let want = min(chunk, count - filled)
        reuse(from: filled, to: filled + want)
        var got = 0
        while got < want {
            let n = pread(fd, UnsafeMutableRawPointer(mutating: base + filled + got), want - got, off_t(filled + got))
            if n < 0 {
                if errno == EINTR { continue }
                throw RegularFile.Refusal("read error: \(String(cString: strerror(errno)))")
            }
            if n == 0 {
                throw RegularFile.Refusal("changed while it was read: it shrank from \(count) bytes to \(filled + got); import it again once it is complete")
            }
            got += n
        }
        filled += got
        let upTo = filled == count ? filled : filled / 8 * 8
        hash = FileStamp.fnv(hash, UnsafeRawBufferPointer(rebasing: bytes[hashed..<upTo]))
        hashed = upTo
        RegularFile.afterChunkForTesting?(path, filled)
        if filled == count {
            var after = stat()
            guard fstat(fd, &after) == 0 else { throw RegularFile.Refusal("cannot stat: \(String(cString: strerror(errno)))") }
            if after.st_size != before.st_size || after.st_mtim.tv_sec != before.st_mtim.tv_sec
                || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec {
                throw RegularFile.Refusal("changed while it was read (now \(after.st_size) bytes, was \(count)); import it again once it is complete")
            }
        }
        return filled
    }

    /// Reads (and hashes) what the splitter did not need: a skip-mode import that stopped at a bad record
    /// still stamps, and checks for a change, the whole file.
    func readToEnd() throws(RegularFile.Refusal) {
        while filled < count {
            _ = try readMore()
            release(upTo: filled)
        }
    }

    /// Released in whole huge pages (2 MiB), so that no huge page is split to give back part of it.
    static let releaseUnit = 2 << 20

    /// Released pages kept for reuse: one piece's worth, so the memory in use grows by at most a piece.
    var poolBytes: Int { max(chunk, Self.releaseUnit) }

    /// Gives back the pages before `offset`: the splitter will not look at them again. They are kept for the
    /// next piece while the pool has room, else returned to the system.
    func release(upTo offset: Int) {
        guard let base = bytes.baseAddress else { return }
        let end = min(offset, filled) / Self.releaseUnit * Self.releaseUnit
        guard end > released else { return }
        for unit in stride(from: released, to: end, by: Self.releaseUnit) {
            if recycling && (pool.count + 1) * Self.releaseUnit <= poolBytes {
                pool.append(unit)
            } else {
                _ = madvise(UnsafeMutableRawPointer(mutating: base + unit), Self.releaseUnit, MADV_DONTNEED)
            }
        }
        released = end
    }

    /// Moves kept pages to the units about to be read into for the first time: those starting at or after
    /// `from` (a unit holding bytes already read is in use) and before `to`.
    private func reuse(from: Int, to: Int) {
        guard let base = bytes.baseAddress, recycling else { return }
        let unit = Self.releaseUnit
        var at = (from + unit - 1) / unit * unit
        while at < to, let source = pool.popLast() {
            let target = UnsafeMutableRawPointer(mutating: base + at)
            if coexist_move_pages(UnsafeMutableRawPointer(mutating: base + source), target, unit) != 0 {
                // Nothing moved: give back what is kept and read into fresh pages from now on.
                recycling = false
                pool.append(source)
                for u in pool { _ = madvise(UnsafeMutableRawPointer(mutating: base + u), unit, MADV_DONTNEED) }
                pool = []
                return
            }
            unitsReused += 1
            at += unit
        }
    }

    /// Units whose pages were moved to later offsets, for tests (0 when the kernel cannot move pages).
    private(set) var unitsReused = 0

    deinit {
        if let m = mapping { munmap(m.baseAddress, m.count) }
        close(fd)
    }
}
