#if canImport(Glibc)
import Glibc
#endif

/// The name of a `readdir` entry, read in place. An entry is only as long as its name (d_reclen), so copying
/// the whole 256-byte `d_name` tuple, as `withUnsafeBytes(of: e.pointee.d_name)` does, reads past the end of
/// readdir's buffer for the last entry (a heap overflow the address sanitizer reports).
public func directoryEntryName(_ e: UnsafeMutablePointer<dirent>) -> String {
    let at = UnsafeRawPointer(e) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    return String(cString: at.assumingMemoryBound(to: CChar.self))
}
