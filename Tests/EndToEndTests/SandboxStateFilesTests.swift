import Foundation
import Testing

/// Issue 12, item 1: under `--sandbox` the product's own state files are written only inside `--sandbox-dir`
/// or not at all, with a message saying so; never into $XDG_STATE_HOME, $XDG_CONFIG_HOME or beside a
/// workspace. graph_pull and `coexist pull` keep pages and a resume point (FILE.db.graph, or state_dir=), so
/// under the sandbox they are refused before Graph is asked; a lesson keeps its progress. Each case starts
/// from a fresh HOME and lists every file there afterwards.
@Suite(.serialized) struct SandboxStateFilesTests {
    static let tenant = "contoso.onmicrosoft.com"
    static let secret = "Zq9~local.SECRET-sandbox"

    func graphPull(_ server: GraphServer, stateDir: String?) -> String {
        "graph_pull{tenant='\(Self.tenant)', client_id='\(GraphServer.clientId)', secret_env='GRAPH_SECRET', "
            + "base_url='\(server.baseURL)', login_url='\(server.loginURL)', from='2026-11-01', to='2026-12-01'"
            + (stateDir.map { ", state_dir='\($0)'" } ?? "") + "}"
    }

    /// graph_pull at a sandboxed prompt, with and without --sandbox-dir, with state_dir= inside the room, outside
    /// it, or left to its default beside an open workspace: refused, Graph never asked, no file made.
    @Test(arguments: [true, false])
    func graphPullUnderTheSandboxWritesNoState(_ withRoom: Bool) throws {
        let server = try GraphServer(["--records", "20", "--page-size", "10"], secret: Self.secret)
        let home = try TestHome()
        let room = try home.room()
        let ws = "\(home.root)/ws.db"
        let made = try PipedRun(["--demo-size", "20", "-e", "save('\(ws)')"], home: home)
        #expect(made.status == 0, "\(made.stderr)")
        let before = home.files()
        let sandbox = ["--sandbox"] + (withRoom ? ["--sandbox-dir", room] : [])
        for (arguments, state) in [([String](), "\(room)/state"), ([], "\(home.root)/state"), (["--open", ws, "--readonly"], nil)] {
            let run = try PipedRun(sandbox + arguments + ["-e", graphPull(server, stateDir: state)], home: home,
                                   environment: ["GRAPH_SECRET": Self.secret, "COEXIST_NOW": "2026-12-01"], timeout: 60)
            #expect(run.status == 1, "\(arguments) \(String(describing: state)): \(run.stdout)")
            #expect(run.stderr.contains("graph_pull: not in the sandbox"), "\(run.stderr)")
        }
        #expect(home.files() == before, "the sandboxed pulls left files")
        let stats = try server.stats()
        #expect(stats["token_requests"] == 0 && stats["pages_served"] == 0, "Graph was asked: \(stats)")
    }

    /// `coexist --sandbox pull`, with and without --sandbox-dir: the same refusal (the pull is graph_pull),
    /// exit 1, and nothing written: not the state folder, not the workspace, not the history.
    @Test(arguments: [true, false])
    func coexistPullUnderTheSandboxWritesNoState(_ withRoom: Bool) throws {
        let server = try GraphServer(["--records", "20", "--page-size", "10"], secret: Self.secret)
        let home = try TestHome()
        let room = try home.room()
        let before = home.files()
        let run = try PipedRun(["--sandbox"] + (withRoom ? ["--sandbox-dir", room] : []) + [
            "pull", "--tenant", Self.tenant, "--client-id", GraphServer.clientId, "--secret-env", "GRAPH_SECRET",
            "--base-url", server.baseURL, "--login-url", server.loginURL, "--from", "2026-11-01", "--to", "2026-12-01",
            "--state-dir", "\(room)/state"], home: home, environment: ["GRAPH_SECRET": Self.secret, "COEXIST_NOW": "2026-12-01"], timeout: 60)
        #expect(run.status != 0, "\(run.stdout)")
        #expect(run.stderr.contains("sandbox"), "\(run.stderr)")
        #expect(home.files() == before, "the sandboxed pull left files")
        let stats = try server.stats()
        #expect(stats["token_requests"] == 0 && stats["pages_served"] == 0, "Graph was asked: \(stats)")
    }

    /// A lesson's progress: in DIR/coexist-training with --sandbox-dir DIR, nowhere (said on stderr) without
    /// it, and in $XDG_STATE_HOME only with --no-sandbox, the one way the trainer leaves the sandbox.
    @Test func trainingProgressIsKeptOnlyInsideTheSandboxDirectory() throws {
        let home = try TestHome()
        let room = try home.room()
        let input = ".skip\n.quit\n"

        let none = try PipedRun(["train", "routing"], input: input, home: home, timeout: 60)
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stderr.contains("--sandbox without --sandbox-dir writes no file: this lesson's progress is not saved"), "\(none.stderr)")
        #expect(home.files() == [], "a sandboxed lesson without --sandbox-dir wrote \(home.files())")

        let inside = try PipedRun(["train", "--sandbox-dir", room, "routing"], input: input, home: home, timeout: 60)
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(home.files() == ["room/coexist-training/routing.progress"], "\(home.files())")
        #expect(home.read("room/coexist-training/routing.progress")?.hasPrefix("step=2\n") == true)
        // Resumed from the room.
        let again = try PipedRun(["train", "--sandbox-dir", room, "routing"], input: ".progress\n.quit\n", home: home, timeout: 60)
        #expect(again.stdout.contains("now on step 2"), "\(again.stdout.suffix(400))")

        let open = try PipedRun(["train", "--no-sandbox", "routing"], input: input, home: home, timeout: 60)
        #expect(open.status == 0, "\(open.stderr)")
        #expect(home.files().contains("state/coexist/training/routing.progress"), "\(home.files())")
    }
}
