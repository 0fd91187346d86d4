#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Finds the shipped Lua modules wherever the binary was started from: `COEXIST_STDLIB`, then
/// `<prefix>/share/coexist/stdlib` beside an installed `<prefix>/bin/coexist`, then a `stdlib/` next to
/// the Package.swift of a source checkout the binary was built in (.build/<config>/coexist).
public enum StdlibLocator {
    public static let marker = "prelude.lua"

    public static func find(environment: [String: String]? = nil, executable: String? = nil) -> String? {
        let override = environment.map { $0["COEXIST_STDLIB"] } ?? getenv("COEXIST_STDLIB").map { String(cString: $0) }
        if let override, !override.isEmpty { return override }
        guard let exe = executable ?? executablePath() else { return nil }
        var dir = parent(exe)
        let installed = parent(dir) + "/share/coexist/stdlib"
        if exists(installed + "/" + marker) { return installed }
        for _ in 0..<6 {
            if exists(dir + "/stdlib/" + marker) && exists(dir + "/Package.swift") { return dir + "/stdlib" }
            let up = parent(dir)
            if up == dir { break }
            dir = up
        }
        return nil
    }

    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return CommandLine.arguments.first }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}
