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
/// released are resident.
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

    var count: Int { bytes.count }

    private init(path: String, fd: Int32, before: stat, bytes: UnsafeRawBufferPointer, chunk: Int) {
        self.chunk = chunk
        self.path = path
        self.fd = fd
        self.before = before
        self.bytes = bytes
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
            if size == 0 { return .success(GraphFileReader(path: path, fd: fd, before: st, bytes: UnsafeRawBufferPointer(start: nil, count: 0), chunk: max(chunkBytes, 1))) }
            guard let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
                  p != MAP_FAILED else {
                let e = String(cString: strerror(errno))
                close(fd)
                return .failure(RegularFile.Refusal("cannot reserve memory to read it: \(e)"))
            }
            // Huge pages, as FileBytes: a fault per 4 KiB of a gigabyte file showed next to the copy itself.
            _ = madvise(p, size, MADV_HUGEPAGE)
            return .success(GraphFileReader(path: path, fd: fd, before: st, bytes: UnsafeRawBufferPointer(start: p, count: size), chunk: max(chunkBytes, 1)))
        }
    }

    /// Reads the next piece; returns how many bytes from the start are now in memory. Once the whole file is
    /// read its size and modification time are checked again, as `RegularFile.load` does.
    func readMore() throws(RegularFile.Refusal) -> Int {
        guard filled < count, let base = bytes.baseAddress else { return filled }
        let want = min(chunk, count - filled)
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

    /// Gives back the pages before `offset`: the splitter will not look at them again.
    func release(upTo offset: Int) {
        guard let base = bytes.baseAddress else { return }
        let end = min(offset, filled) / Self.releaseUnit * Self.releaseUnit
        guard end > released else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + released), end - released, MADV_DONTNEED)
        released = end
    }

    deinit {
        if let p = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: p), bytes.count) }
        close(fd)
    }
}
