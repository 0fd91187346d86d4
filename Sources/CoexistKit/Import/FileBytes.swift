#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes, read into memory the importer owns. Importers once parsed a memory-mapped file in place;
/// a file truncated while it was parsed then killed the process with SIGBUS. Read with `pread` into our own
/// buffer, a file that shrinks (or is rewritten) while it is read is an error naming it, and one that
/// changes afterwards no longer matters.
public final class FileBytes: @unchecked Sendable {
    /// Valid while this object lives; never written after `RegularFile.load` returns.
    public let bytes: UnsafeRawBufferPointer

    private let mapped: Int

    /// Large buffers are anonymous mappings advised to use huge pages: a page fault per 4 KiB of a
    /// gigabyte file showed next to the copy itself.
    init(count: Int) {
        let length = max(count, 1)
        if length >= 1 << 21, let m = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
           m != MAP_FAILED {
            _ = madvise(m, length, MADV_HUGEPAGE)
            bytes = UnsafeRawBufferPointer(start: m, count: count)
            mapped = length
        } else {
            let p = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: 16)
            bytes = UnsafeRawBufferPointer(start: p, count: count)
            mapped = 0
        }
    }

    public var count: Int { bytes.count }

    deinit {
        guard let p = bytes.baseAddress else { return }
        if mapped > 0 { munmap(UnsafeMutableRawPointer(mutating: p), mapped) } else { UnsafeMutableRawPointer(mutating: p).deallocate() }
    }
}

extension RegularFile {
    /// Bytes read per `pread`: large enough that the system calls cost nothing next to parsing.
    static let chunkBytes = 8 << 20

    /// Called after each chunk is read, with the path and the bytes read so far: lets a test change the
    /// file at a known point of the read. Never set by the product.
    nonisolated(unsafe) static var afterChunkForTesting: ((String, Int) -> Void)?

    /// The whole file (a regular file of at most `maxBytes`), or why not. The file's size and modification
    /// time are checked again once it is read: a file that changed meanwhile is refused rather than imported
    /// half old, half new.
    public static func load(_ path: String) -> Result<FileBytes, Refusal> {
        let opened: (fd: Int32, size: Int)
        switch open(path) {
        case .failure(let r): return .failure(r)
        case .success(let o): opened = o
        }
        let fd = opened.fd, size = opened.size
        defer { close(fd) }
        var before = stat()
        guard fstat(fd, &before) == 0 else { return .failure(Refusal("cannot stat: \(String(cString: strerror(errno)))")) }
        let file = FileBytes(count: size)
        let base = UnsafeMutableRawPointer(mutating: file.bytes.baseAddress!)
        // A large file is read as two halves on two threads: copying out of the page cache (and the first
        // touch of the buffer's pages) costs as much per byte as a part of the parse, and the parse already
        // runs on two cores. Each half is its own sequence of `pread`s; either one finding the file short
        // refuses it.
        var failures: [Refusal?] = [nil, nil]
        if size >= 2 * chunkBytes {
            let half = size / 2
            let ranges = [0..<half, half..<size]
            failures.withUnsafeMutableBufferPointer { slots in
                let out = Parallel.Box(value: slots.baseAddress!)
                Parallel.perform(2) { i in out.value[i] = readRange(fd, into: base, ranges[i], size: size, path: path) }
            }
        } else {
            failures[0] = readRange(fd, into: base, 0..<size, size: size, path: path)
        }
        if let r = failures[0] ?? failures[1] { return .failure(r) }
        var after = stat()
        guard fstat(fd, &after) == 0 else { return .failure(Refusal("cannot stat: \(String(cString: strerror(errno)))")) }
        if after.st_size != before.st_size || after.st_mtim.tv_sec != before.st_mtim.tv_sec
            || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec {
            return .failure(Refusal("changed while it was read (now \(after.st_size) bytes, was \(size)); import it again once it is complete"))
        }
        return .success(file)
    }

    /// Reads `range` of the file into the same range of `base` in `chunkBytes` pieces; nil when all of it
    /// was read, else why not (the file ended early: it shrank).
    private static func readRange(_ fd: Int32, into base: UnsafeMutableRawPointer, _ range: Range<Int>, size: Int,
                             path: String) -> Refusal? {
        var done = range.lowerBound
        while done < range.upperBound {
            let n = pread(fd, base + done, min(chunkBytes, range.upperBound - done), off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                return Refusal("read error: \(String(cString: strerror(errno)))")
            }
            if n == 0 {
                return Refusal("changed while it was read: it shrank from \(size) bytes to \(done); import it again once it is complete")
            }
            done += n
            afterChunkForTesting?(path, done)
        }
        return nil
    }
}
