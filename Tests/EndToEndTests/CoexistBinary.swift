@preconcurrency import Glibc

/// Where the built `coexist` executable is: `$COEXIST_BIN` if set, else the `coexist` file in the build
/// products directory that holds this test bundle (found by walking up from the test binary).
enum CoexistBinary {
    static let path: String = locate()

    static var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    private static func locate() -> String {
        if let given = getenv("COEXIST_BIN").map({ String(cString: $0) }), !given.isEmpty { return given }
        var dir = absoluteDirectory(of: CommandLine.arguments.first ?? ".")
        while !dir.isEmpty {
            for candidate in ["\(dir)/coexist", "\(dir)/.build/debug/coexist"] where isExecutableFile(candidate) {
                return candidate
            }
            guard dir != "/", let slash = dir.lastIndex(of: "/") else { break }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        }
        return "coexist"  // not found: let the test fail on exec with a clear message
    }

    private static func absoluteDirectory(of file: String) -> String {
        var resolved = file
        if let real = realpath(file, nil) {
            resolved = String(cString: real)
            free(real)
        }
        guard let slash = resolved.lastIndex(of: "/") else { return currentDirectory() }
        return String(resolved[..<slash])
    }

    private static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }
}
