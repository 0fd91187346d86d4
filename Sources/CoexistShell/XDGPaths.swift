#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Where coexist keeps its files, per the XDG base directory specification.
public enum XDGPaths {
    static func env(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        let s = String(cString: v)
        return s.isEmpty ? nil : s
    }

    static var home: String { env("HOME") ?? "/tmp" }

    /// `$XDG_STATE_HOME/coexist/history`, default `~/.local/state/coexist/history`.
    public static var historyFile: String {
        (env("XDG_STATE_HOME") ?? home + "/.local/state") + "/coexist/history"
    }

    /// `$XDG_CONFIG_HOME/coexist/init.lua`, default `~/.config/coexist/init.lua`.
    public static var initFile: String {
        (env("XDG_CONFIG_HOME") ?? home + "/.config") + "/coexist/init.lua"
    }

    /// mkdir -p of the file's directory; quietly does nothing if it cannot (history is a convenience).
    static func makeParent(of path: String) {
        var prefix = ""
        for part in path.split(separator: "/").dropLast() {
            prefix += "/" + part
            mkdir(prefix, 0o755)
        }
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}
