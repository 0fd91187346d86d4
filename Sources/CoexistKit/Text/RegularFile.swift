#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every importer reads regular files only, of at most `maxBytes`: a FIFO would hang the import, a device
/// such as /dev/zero never ends (the process ran out of memory), and a directory got the C library's
/// "Is a directory" or Foundation's "error 256", which say nothing of what to pass instead.
public enum RegularFile {
    /// The largest file an importer reads (4 GiB): past the call store's and the machine's sizes anyway.
    public static let maxBytes = 4 << 30
    /// The longest record (line, or lines joined by a quoted field) a text importer reads: 1 MiB. A
    /// Get-CsOnlineUser row is a few KB and a CQD row a few hundred bytes, so a longer one is a file that
    /// is not what it claims (a binary, a lost closing quote), refused before it is held in memory.
    public static let maxLineBytes = 1 << 20

    /// Opens `path` for reading and checks what it is; the error says why not, for the caller to wrap with
    /// its file name. O_NONBLOCK so that opening a FIFO returns at once instead of waiting for a writer.
    public static func open(_ path: String) -> Result<(fd: Int32, size: Int), Refusal> {
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(Refusal(String(cString: strerror(errno)))) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = String(cString: strerror(errno))
            close(fd)
            return .failure(Refusal("cannot stat: \(e)"))
        }
        let kind = st.st_mode & S_IFMT
        guard kind == S_IFREG else {
            close(fd)
            return .failure(Refusal(describe(kind) + ", not a regular file"))
        }
        let size = Int(st.st_size)
        guard size <= maxBytes else {
            close(fd)
            return .failure(Refusal("is \(size) bytes; files past \(maxBytes) bytes (4 GiB) are refused"))
        }
        // Back to blocking reads: O_NONBLOCK only kept the open from waiting.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return .success((fd, size))
    }

    /// The whole file's bytes as an array (see `load`).
    public static func bytes(_ path: String) -> Result<[UInt8], Refusal> {
        load(path).map { Array($0.bytes) }
    }

    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
        init(_ d: String) { description = d }
    }

    /// What a file that is not regular is, for a refusal ("is a FIFO (named pipe)"); the script readers'
    /// gate (CoexistLua's FileGate) says it the same way.
    public static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: return "is a directory"
        case S_IFIFO: return "is a FIFO (named pipe)"
        case S_IFCHR: return "is a character device"
        case S_IFBLK: return "is a block device"
        case S_IFSOCK: return "is a socket"
        default: return "is not a file"
        }
    }
}
