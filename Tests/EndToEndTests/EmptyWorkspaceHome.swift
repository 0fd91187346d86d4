import Testing

/// A test home with an empty workspace file `ws.db` in it: where the pull tests point `coexist pull` and
/// `graph_pull`, since a pull keeps its state beside a workspace.
func emptyWorkspaceHome() throws -> (TestHome, String) {
    let home = try TestHome()
    let ws = "\(home.root)/ws.db"
    let made = try PipedRun(["--empty", "-e", "save('\(ws)')"], home: home, timeout: 60)
    #expect(made.status == 0, Comment(rawValue: made.stderr))
    return (home, ws)
}
