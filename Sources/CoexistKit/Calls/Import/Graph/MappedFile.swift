import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file mapped read-only for one import, whose pages are given back as the import passes them
/// (`release`): the Graph importer reads a file once, front to back, so a 300 MB file costs the batch
/// being parsed, not 300 MB of resident memory.
final class MappedFile {
    let path: String
    let bytes: UnsafeRawBufferPointer
    private var released = 0

    var count: Int { bytes.count }

    private init(path: String, bytes: UnsafeRawBufferPointer) {
        self.path = path
        self.bytes = bytes
    }

    /// A regular file (`RegularFile.open`'s checks), mapped.
    static func open(_ path: String) -> Result<MappedFile, RegularFile.Refusal> {
        switch RegularFile.open(path) {
        case .failure(let r): return .failure(r)
        case .success(let (fd, size)):
            defer { close(fd) }
            if size == 0 { return .success(MappedFile(path: path, bytes: UnsafeRawBufferPointer(start: nil, count: 0))) }
            guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
                return .failure(RegularFile.Refusal(String(cString: strerror(errno))))
            }
            _ = madvise(p, size, MADV_SEQUENTIAL)
            return .success(MappedFile(path: path, bytes: UnsafeRawBufferPointer(start: p, count: size)))
        }
    }

    /// Drops the pages before `offset` from memory (they stay in the page cache, not in this process).
    func release(upTo offset: Int) {
        guard let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(offset, bytes.count) / page * page
        guard end > released else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + released), end - released, MADV_DONTNEED)
        released = end
    }

    deinit {
        if let p = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: p), bytes.count) }
    }
}
