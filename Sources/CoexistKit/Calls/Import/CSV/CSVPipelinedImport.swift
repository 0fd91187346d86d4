#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// A large streams CSV imported from its path is parsed while it is read. Importers read with `pread` into
/// their own memory (a mapped file that shrank killed the process with SIGBUS), and reading the whole file
/// before parsing it left one core idle for the length of the read and made the parse fetch every byte back
/// from memory. Here the file is two halves, each read a chunk at a time by the thread that parses it, so
/// both cores read and parse at once and each chunk is parsed while it is still in the cache.
///
/// The rows, errors and line numbers are those of `CSVImporter.importBytes` on the whole file: the split is
/// the same (the first line end after the middle), a record is parsed only once the bytes up to its end
/// are read (`CSVPartParser.run(more:)`), and a file that changes while it is read is refused with
/// `RegularFile.load`'s words before any parse error is reported.
enum CSVPipelinedImport {
    /// Reads one range of the file into the same range of the buffer, a chunk per call, for the thread
    /// that parses it; the other thread may wait for its progress.
    final class Reader: @unchecked Sendable {
        let fd: Int32
        let base: UnsafeMutableRawPointer
        let path: String
        let size: Int
        let upper: Int
        let chunk: Int
        private let condition = NSCondition()
        private var end: Int
        private var ended: Bool
        private var refusal: RegularFile.Refusal?

        init(fd: Int32, base: UnsafeMutableRawPointer, path: String, size: Int, range: Range<Int>, chunk: Int) {
            self.fd = fd
            self.base = base
            self.path = path
            self.size = size
            upper = range.upperBound
            self.chunk = chunk
            end = range.lowerBound
            ended = range.isEmpty
        }

        /// Bytes before this are in the buffer (from the range's start).
        var readEnd: Int { condition.lock(); defer { condition.unlock() }; return end }
        /// All of the range is read, or reading failed.
        var finished: Bool { condition.lock(); defer { condition.unlock() }; return ended }
        var failure: RegularFile.Refusal? { condition.lock(); defer { condition.unlock() }; return refusal }

        /// Reads the next chunk (only the owning thread calls this).
        func readNext() {
            condition.lock()
            let at = end, done = ended
            condition.unlock()
            guard !done else { return }
            var failed: RegularFile.Refusal?
            var n = 0
            repeat {
                n = pread(fd, base + at, min(chunk, upper - at), off_t(at))
            } while n < 0 && errno == EINTR
            if n < 0 {
                failed = RegularFile.Refusal("read error: \(String(cString: strerror(errno)))")
            } else if n == 0 {
                failed = RegularFile.Refusal("changed while it was read: it shrank from \(size) bytes to \(at); import it again once it is complete")
            }
            condition.lock()
            if let failed {
                refusal = failed
                ended = true
            } else {
                end = at + n
                ended = end >= upper
            }
            condition.broadcast()
            condition.unlock()
            if failed == nil { RegularFile.afterChunkForTesting?(path, at + n) }
        }

        /// Waits until more than `seen` bytes are read or reading ended; returns what is read then.
        func wait(past seen: Int) -> Int {
            condition.lock()
            defer { condition.unlock() }
            while end <= seen && !ended { condition.wait() }
            return end
        }
    }

    /// The second half's parse, on its own thread, and where its records start once that is known.
    final class SecondHalf: @unchecked Sendable {
        let reader: Reader
        var parser: CSVPartParser
        private let condition = NSCondition()
        private var splitAt: Int?
        private var gaveUp = false

        init(reader: Reader, parser: CSVPartParser) {
            self.reader = reader
            self.parser = parser
        }

        /// Where the second part starts (just past the first line end at or after `mid`), or nil when reading
        /// failed before it was found.
        func split() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while splitAt == nil && !gaveUp { condition.wait() }
            return splitAt
        }

        private func publish(_ s: Int?) {
            condition.lock()
            if let s { splitAt = s } else { gaveUp = true }
            condition.broadcast()
            condition.unlock()
        }

        /// Reads the half, finding the split and parsing from it as the chunks come in.
        func run(mid: Int, size: Int) {
            let base = UnsafePointer<UInt8>(reader.base.assumingMemoryBound(to: UInt8.self))
            var found: Int?
            var scanned = mid
            var at = 0
            while true {
                reader.readNext()
                let end = reader.readEnd, finished = reader.finished
                if reader.failure != nil { break }
                if found == nil {
                    if end > scanned, let lf = memchr(base + scanned, 10, end - scanned) {
                        found = UnsafePointer<UInt8>(lf.assumingMemoryBound(to: UInt8.self)) - base + 1
                    } else {
                        scanned = end
                        if finished { found = size }
                    }
                    if let found {
                        at = found
                        publish(found)
                    }
                }
                if found != nil && parser.firstError == nil && at < end {
                    parser.run(from: at, stopAt: end, end: end, lineOffset: 0, more: !finished, expectedEnd: size)
                    at = max(at, parser.endPosition)
                }
                if finished { break }
            }
            if found == nil { publish(nil) }
        }
    }

    /// Bytes read at the start before the header is looked at: at least the longest record an import reads.
    static func headBytes(chunk: Int) -> Int { max(chunk, RegularFile.maxLineBytes + 4096) }

    /// Imports the file at `path` (already checked and opened by `RegularFile.open`) reading `chunk` bytes per
    /// `pread`. nil: the header did not fit in the first read; the caller reads the whole file instead.
    static func importFile(fd: Int32, size: Int, path: String, into store: inout CallStore, options: ImportOptions,
                           chunk: Int = RegularFile.chunkBytes) throws -> ImportReport? {
        var before = stat()
        guard fstat(fd, &before) == 0 else {
            throw CallImportError(file: path, message: "cannot stat: \(String(cString: strerror(errno)))")
        }
        let file = FileBytes(count: size)
        let raw = UnsafeMutableRawPointer(mutating: file.bytes.baseAddress!)
        let base = UnsafePointer<UInt8>(raw.assumingMemoryBound(to: UInt8.self))
        return try withExtendedLifetime(file) { () throws -> ImportReport? in
            let head = Reader(fd: fd, base: raw, path: path, size: size, range: 0..<min(size, headBytes(chunk: chunk)),
                              chunk: headBytes(chunk: chunk))
            head.readNext()
            if let r = head.failure { throw CallImportError(file: path, message: r.description) }
            let headEnd = head.readEnd
            // A header that may run past what was read: leave it to the whole-file path.
            let plan: CSVImporter.Plan
            do { plan = try CSVImporter.Plan(base, end: headEnd, name: path, options: options) } catch {
                if headEnd == size { throw error }
                return nil
            }
            guard plan.afterHeader < headEnd || headEnd == size else { return nil }
            let afterHeader = plan.afterHeader, headerLines = plan.headerLines
            let mid = afterHeader + (size - afterHeader) / 2
            let firstReader = Reader(fd: fd, base: raw, path: path, size: size, range: headEnd..<max(headEnd, mid), chunk: chunk)
            let secondStart = max(headEnd, mid)
            let second = SecondHalf(reader: Reader(fd: fd, base: raw, path: path, size: size, range: secondStart..<size, chunk: chunk),
                                    parser: plan.parser())
            var first = plan.parser()
            defer { first.release() }
            let group = DispatchGroup()
            DispatchQueue.global().async(group: group) { second.run(mid: mid, size: size) }
            var secondReleased = false
            defer {
                group.wait()
                if !secondReleased { second.parser.release() }
            }
            let onProgress = plan.progress(firstPartBytes: mid - afterHeader, dataBytes: size - afterHeader)

            // The first half, as it is read: records that start before the middle are the first part's.
            var at = afterHeader
            while true {
                let end = firstReader.readEnd
                let stop = min(end, mid)
                if first.firstError == nil && at < stop {
                    first.run(from: at, stopAt: stop, end: end, lineOffset: headerLines, more: end < size,
                              expectedEnd: mid, progress: onProgress)
                    at = max(at, first.endPosition)
                }
                if firstReader.finished { break }
                firstReader.readNext()
            }
            // Then on to the split, over bytes the second half's thread reads.
            var redo = false
            if firstReader.failure == nil, let split = second.split() {
                var seen = second.reader.readEnd
                while first.firstError == nil && at < split {
                    let finished = second.reader.finished
                    let end = seen
                    first.run(from: at, stopAt: split, end: end, lineOffset: headerLines, more: !(finished && end == size),
                              expectedEnd: mid, progress: onProgress)
                    at = max(at, first.endPosition)
                    if at >= split || finished || second.reader.failure != nil { break }
                    seen = second.reader.wait(past: seen)
                }
                redo = first.firstError == nil && at != split && second.reader.failure == nil
            }
            group.wait()
            if let r = firstReader.failure ?? second.reader.failure {
                throw CallImportError(file: path, message: r.description)
            }
            var after = stat()
            guard fstat(fd, &after) == 0 else {
                throw CallImportError(file: path, message: "cannot stat: \(String(cString: strerror(errno)))")
            }
            if after.st_size != before.st_size || after.st_mtim.tv_sec != before.st_mtim.tv_sec
                || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec {
                throw CallImportError(file: path, message: "changed while it was read (now \(after.st_size) bytes, was \(size)); import it again once it is complete")
            }
            var secondPart: CSVPartParser?
            if redo {
                // A quoted field held a newline across the split: the second part started mid-record. Redo it.
                second.parser.release()
                secondReleased = true
                first.run(from: at, stopAt: size, end: size, lineOffset: headerLines, progress: onProgress)
            } else if first.firstError == nil {
                // The first part's rows end at the split; the second part's are good to join (or hold the error).
                secondPart = second.parser
                secondReleased = true
            }
            defer { secondPart?.release() }
            return try plan.finish(&first, &secondPart, bytes: size, into: &store)
        }
    }
}
