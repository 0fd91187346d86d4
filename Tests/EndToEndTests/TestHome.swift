import Foundation

/// A fresh temporary HOME per test, with XDG_STATE_HOME and XDG_CONFIG_HOME inside it, and the controlled
/// environment the binary runs with. Removed when the test lets go of it.
final class TestHome {
    let root: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array("\(base)/coexist-e2e-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        root = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    var stateHome: String { "\(root)/state" }
    var configHome: String { "\(root)/config" }
    var historyFile: String { "\(stateHome)/coexist/history" }
    var initFile: String { "\(configHome)/coexist/init.lua" }

    /// The environment of the shell under test; nothing else leaks in from the test runner but PATH
    /// (and COEXIST_STDLIB when it is set).
    func environment(path: String? = nil) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var env = [
            "HOME": root,
            "XDG_STATE_HOME": stateHome,
            "XDG_CONFIG_HOME": configHome,
            "TERM": "xterm",
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "PATH": path ?? inherited["PATH"] ?? "/usr/bin:/bin",
        ]
        if let stdlib = inherited["COEXIST_STDLIB"] { env["COEXIST_STDLIB"] = stdlib }
        return env
    }

    /// Writes `text` to `relativePath` under the root (creating folders) and returns its full path.
    @discardableResult
    func write(_ text: String, to relativePath: String, executable: Bool = false) throws -> String {
        let path = relativePath.hasPrefix("/") ? relativePath : "\(root)/\(relativePath)"
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
        return path
    }

    /// A `room` directory under the root, for `--sandbox-dir`.
    func room() throws -> String {
        let dir = "\(root)/room"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Every file under the root but the runs' own output files, relative to it, sorted.
    func files() -> [String] {
        (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []).filter { name in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: "\(root)/\(name)", isDirectory: &isDir) && !isDir.boolValue
                && !name.hasPrefix(".run-std")
        }.sorted()
    }

    func read(_ relativePath: String) -> String? {
        try? String(contentsOfFile: relativePath.hasPrefix("/") ? relativePath : "\(root)/\(relativePath)", encoding: .utf8)
    }
}

extension TestHome {
    /// `coexist --empty arguments...` on a pseudo-terminal, in this home. The empty tenant is named
    /// `coexist`, so the prompt is `coexist> ` whatever the demo tenant is; `demo: true` starts with the
    /// default (demo) tenant instead.
    func terminal(_ arguments: String..., demo: Bool = false) throws -> PseudoTerminal {
        try PseudoTerminal(arguments: (demo ? [] : ["--empty"]) + arguments, environment: environment())
    }
}
