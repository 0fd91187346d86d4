#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file being written so that nothing is lost: the bytes go to a temporary file beside the target, which
/// `commit()` flushes to disk (fsync), closes and renames over the target, checking every step; on any failure
/// the temporary file is removed and the old file is untouched, and the error names the target. A target that
/// exists and is not a regular file (/dev/null, a FIFO, a terminal) cannot be replaced by a rename and is
/// written in place, its errors still checked (so `/dev/full` says "No space left on device").
public final class AtomicFile {
    /// The file the caller named.
    public let path: String
    /// Where the bytes go until commit: the temporary file, or the target itself when it is not a regular file.
    public let writingPath: String
    /// False when the target is written in place.
    public let replaces: Bool
    /// What the rename replaces: the target, or the file a symbolic link at the target points to.
    private let targetPath: String
    private var fd: Int32
    private let system: FileSystemCalls
    private var finished = false

    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let path: String
        public let reason: String
        public var description: String { "cannot write '\(path)': \(reason)" }
    }

    public init(_ path: String, system: FileSystemCalls = .posix) throws {
        self.path = path
        self.system = system
        var st = stat()
        // Through a symbolic link the file it points to is replaced, not the link.
        let target = lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK ? (AtomicFile.resolve(path) ?? path) : path
        let exists = stat(target, &st) == 0
        if exists && (st.st_mode & S_IFMT) != S_IFREG {
            if (st.st_mode & S_IFMT) == S_IFDIR { throw Failure(path: path, reason: "it is a directory") }
            let fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
            self.fd = fd
            writingPath = target
            targetPath = target
            replaces = false
            return
        }
        let slash = target.lastIndex(of: "/")
        let dir = slash.map { String(target[..<$0]) } ?? "."
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        var opened: (Int32, String)?
        for attempt in 0..<100 {
            let candidate = (dir.isEmpty ? "" : dir + "/") + ".\(name).\(getpid())-\(attempt).tmp"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { opened = (fd, candidate); break }
            if errno != EEXIST { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        }
        guard let (fd, temporary) = opened else { throw Failure(path: path, reason: "no free temporary name beside it") }
        // The new file keeps the old one's permissions (a rename would otherwise give it the default ones).
        if exists && fchmod(fd, st.st_mode & 0o7777) != 0 {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(temporary)
            throw Failure(path: path, reason: reason)
        }
        self.fd = fd
        writingPath = temporary
        targetPath = target
        replaces = true
    }

    deinit { if !finished { abandon() } }

    /// Writes all of `bytes`, retrying short writes and interruptions.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = system.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw fail(n < 0 ? errno : EIO) }
            offset += n
        }
    }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// The descriptor to write to directly (CSVWriter's buffered writer); its errors are the caller's to report
    /// through `fail(errno:)`.
    public var descriptor: Int32 { fd }

    /// Flushes to disk, closes and renames into place; the file is then the whole new text or (on an error) the
    /// old file is as it was.
    public func commit() throws {
        guard !finished else { return }
        if replaces {
            guard system.fsync(fd) == 0 else { throw fail(errno) }
        }
        let closed = system.close(fd)
        fd = -1
        guard closed == 0 else { throw fail(errno) }
        if replaces {
            guard system.rename(writingPath, targetPath) == 0 else { throw fail(errno) }
            finished = true
            // The rename itself is on disk once the directory is synced.
            let slash = targetPath.lastIndex(of: "/")
            let dir = slash.map { String(targetPath[..<$0]) } ?? "."
            let dfd = open(dir.isEmpty ? "/" : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if dfd >= 0 {
                let synced = system.fsync(dfd)
                let e = errno
                close(dfd)
                // Some file systems cannot sync a directory (EINVAL); anything else is a real failure.
                if synced != 0 && e != EINVAL { throw Failure(path: path, reason: String(cString: strerror(e))) }
            }
        }
        finished = true
    }

    /// Gives up: closes and removes the temporary file; the target is untouched.
    public func abandon() {
        guard !finished else { return }
        finished = true
        if fd >= 0 { _ = system.close(fd) }
        fd = -1
        if replaces { unlink(writingPath) }
    }

    /// The error for `errno` e, after abandoning.
    public func fail(errno e: Int32) -> Failure { fail(e) }

    private func fail(_ e: Int32) -> Failure {
        abandon()
        return Failure(path: path, reason: String(cString: strerror(e)))
    }

    /// Writes `text` to `path` whole or not at all.
    public static func write(_ text: String, to path: String, system: FileSystemCalls = .posix) throws {
        let f = try AtomicFile(path, system: system)
        try f.write(text)
        try f.commit()
    }

    static func resolve(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}

/// The system calls a write goes through, replaceable so tests can make one fail as a full disk would
/// (ENOSPC from write, EIO from fsync or close) without filling one.
public struct FileSystemCalls: Sendable {
    public var write: @Sendable (Int32, UnsafeRawPointer, Int) -> Int
    public var fsync: @Sendable (Int32) -> Int32
    public var close: @Sendable (Int32) -> Int32
    public var rename: @Sendable (String, String) -> Int32

    public init(write: @escaping @Sendable (Int32, UnsafeRawPointer, Int) -> Int, fsync: @escaping @Sendable (Int32) -> Int32,
                close: @escaping @Sendable (Int32) -> Int32, rename: @escaping @Sendable (String, String) -> Int32) {
        self.write = write
        self.fsync = fsync
        self.close = close
        self.rename = rename
    }

    public static let posix = FileSystemCalls(write: { Glibc.write($0, $1, $2) }, fsync: { Glibc.fsync($0) },
                                              close: { Glibc.close($0) }, rename: { Glibc.rename($0, $1) })
}
