#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The text of a script file, read whole so its dot-command lines can be found; nil for anything but a
/// readable regular file of valid UTF-8 (lua then reads it itself and reports what is wrong).
enum ScriptText {
    static let limit = 64 << 20

    static func read(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) <= limit,
              let f = fopen(path, "r") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
