/// How a workspace's starting tenant was made, before its first journal entry: what a saved workspace stores
/// so that opening it makes the same tenant again and replays the journal onto it.
public enum WorkspaceOrigin: Sendable, Equatable {
    /// `Workspace.empty`: no users, on the day it was made.
    case empty(day: Day)
    /// `Workspace.demo`: the synthetic Contoso of `users` people, as it stood on `day`.
    case demo(users: Int, day: Day)
    /// `--data DIR`: an empty tenant on `day` that imported the folder's `users` files (their bytes are in the
    /// workspace's `import_sources`); the folder's streams, buildings and devices are in the store's tables.
    case dataFolder(path: String, day: Day, users: [FileStamp])
    /// Made in code from values a file cannot describe (tests, benches): such a workspace cannot be saved.
    case code

    var kind: String {
        switch self {
        case .empty: "empty"
        case .demo: "demo"
        case .dataFolder: "data"
        case .code: "code"
        }
    }
}

extension Workspace {
    /// An empty tenant holding `calls` (benches, tests): it saves and opens like one made by `--empty` whose
    /// streams were imported.
    public static func empty(today: Day, calls: CallStore) -> Workspace {
        let w = Workspace(name: unnamed, clock: .fixed(today), coexistence: { CoexistenceTenant(today: today) }, calls: { calls })
        w.origin = .empty(day: today)
        return w
    }
}
