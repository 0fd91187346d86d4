import CLuaBridge
import CoexistKit
import CoexistLua
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `--data DIR`: the workspace Kit's `DataFolder` loads, with its notices and warnings on stderr and a
/// progress line for long streams files.
enum DataDirectory {
    /// The workspace the command line asks for (demo, empty or a data folder); nil after printing why not.
    static func workspace(for config: SessionConfig) -> Workspace? {
        if let file = config.workspaceFile {
            do {
                let opened = try Workspace.open(file, readOnly: config.readOnly)
                guard let clock = config.clock else { return opened }
                // COEXIST_NOW holds for a workspace file too (a pull's default end, undated moves): the opened
                // workspace is taken into one on that clock, as `.open` keeps the shell's clock.
                let fixed = Workspace.empty(clock: clock)
                fixed.adopt(opened)
                return fixed
            } catch {
                fputs("coexist: \(error)\n", bridge_stderr())
                return nil
            }
        }
        guard let dir = config.dataDirectory else {
            return config.empty ? Workspace.empty(clock: config.clock ?? .system)
                : Workspace.demo(users: config.demoUsers, clock: config.clock)
        }
        do {
            return try load(dir, clock: config.clock ?? .system)
        } catch {
            fputs("coexist: --data \(dir): \(error)\n", bridge_stderr())
            return nil
        }
    }

    static func load(_ dir: String, clock: WorkspaceClock) throws -> Workspace {
        let loaded = try DataFolder.load(dir, clock: clock, progress: { ProgressLine.handler(for: $0) })
        for line in loaded.messages { fputs(line + "\n", bridge_stderr()) }
        return loaded.workspace
    }
}
