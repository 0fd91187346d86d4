@preconcurrency import Glibc
import Foundation
import Testing

/// Issue 18 items 3 and 4: `coexist pull` / graph_pull against scripts/graph-server, the local Graph.
/// Every expected count comes from the server (what it generated and served), never from the client.
@Suite(.serialized) struct GraphPullTests {
    static let secret = "Zq9~local.SECRET-7f3e1d0c"
    static let tenant = "contoso.onmicrosoft.com"

    /// `coexist ws.db pull` against `server` with the secret in $GRAPH_SECRET, plus `extra`.
    func pull(_ server: GraphServer, _ home: TestHome, _ ws: String, _ extra: [String] = [], secret: String = secret,
              timeout: Double = 90) throws -> PipedRun {
        try PipedRun([ws, "pull", "--tenant", Self.tenant, "--client-id", GraphServer.clientId, "--secret-env", "GRAPH_SECRET",
                      "--base-url", server.baseURL, "--login-url", server.loginURL, "--from", "2026-11-01", "--to", "2026-12-01"] + extra,
                     home: home, environment: ["GRAPH_SECRET": secret, "COEXIST_NOW": "2026-12-01"], timeout: timeout)
    }

    func streams(_ ws: String, _ home: TestHome) throws -> Int {
        let run = try PipedRun(["--open", ws, "--readonly", "-e", "print(calls:count())"], home: home, timeout: 60)
        #expect(run.status == 0, Comment(rawValue: run.stderr))
        return Int(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Every file under `dir`, read as bytes (the workspace, the state folder, the history).
    func everyFile(_ dir: String) -> [(String, Data)] {
        let e = FileManager.default.enumerator(atPath: dir)
        var out: [(String, Data)] = []
        while let name = e?.nextObject() as? String {
            let path = "\(dir)/\(name)"
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
               let d = FileManager.default.contents(atPath: path) { out.append((path, d)) }
        }
        return out
    }

    func expectNoSecret(_ runs: [PipedRun], _ home: TestHome, secret: String = secret) {
        for r in runs {
            #expect(!r.stdout.contains(secret) && !r.stderr.contains(secret), "the secret is in a run's output")
        }
        let needle = Data(secret.utf8)
        for (path, data) in everyFile(home.root) {
            #expect(data.range(of: needle) == nil, "the secret is in \(path)")
        }
    }

    @Test func everyRecordArrivesOnceThroughEveryPage() throws {
        let server = try GraphServer(["--records", "130", "--page-size", "50"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let run = try pull(server, home, ws, ["--page-size", "20"])
        #expect(run.status == 0, Comment(rawValue: run.stderr))
        let stats = try server.stats()
        // page_size 20 is below the server's 50, so 130 records come in 7 pages.
        #expect(stats["pages_served"] == 7)
        #expect(run.stdout.contains("pulled 130 records in 7 pages"), Comment(rawValue: run.stdout))
        #expect(try streams(ws, home) == stats["streams_total"])
        #expect(run.stdout.contains(" 0 duplicates"))
        // Not a terminal: no progress line.
        #expect(!run.stderr.contains("pulling"))
        // The pull is one change in the log, an import of its folder of pages.
        let log = try PipedRun(["--open", ws, "--readonly", "--mode", "csv", "-e", "changes:table()"], home: home, timeout: 60)
        #expect(log.stdout.split(separator: "\n").filter { $0.contains("import_calls") }.count == 1, Comment(rawValue: log.stdout))
        expectNoSecret([run, log], home)
    }

    @Test func throttlingIsObeyed() throws {
        let server = try GraphServer(["--records", "60", "--page-size", "10", "--throttle-every", "3", "--retry-after", "1"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let started = Date()
        let run = try pull(server, home, ws)
        let elapsed = Date().timeIntervalSince(started)
        #expect(run.status == 0, Comment(rawValue: run.stderr))
        let stats = try server.stats()
        let throttled = stats["throttled"] ?? 0
        #expect(throttled >= 2)
        #expect(run.stdout.contains("\(throttled) throttled"), Comment(rawValue: run.stdout))
        // Each 429 asked for 1 s: the pull waited that long, no less.
        #expect(run.stdout.contains(String(format: "%.1f s waited", Double(throttled))), Comment(rawValue: run.stdout))
        #expect(elapsed >= Double(throttled))
        #expect(try streams(ws, home) == stats["streams_total"])
    }

    @Test func retryAfterAsAnHTTPDateIsObeyed() throws {
        let server = try GraphServer(["--records", "20", "--page-size", "10", "--throttle-every", "2", "--retry-after", "2", "--retry-after-date"],
                                     secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let started = Date()
        let run = try pull(server, home, ws)
        #expect(run.status == 0, Comment(rawValue: run.stderr))
        let throttled = try server.stats()["throttled"] ?? 0
        #expect(throttled >= 1)
        // An HTTP date has whole seconds: the wait is between 1 and 2 s per 429.
        #expect(Date().timeIntervalSince(started) >= Double(throttled))
        #expect(try streams(ws, home) == (try server.stats())["streams_total"])
    }

    @Test func throttledPastMaxWaitStopsWithAClearMessage() throws {
        let server = try GraphServer(["--records", "30", "--page-size", "10", "--fail-after", "1", "--fail-mode", "503"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let run = try pull(server, home, ws, ["--max-wait", "3"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("max_wait (3 s)"), Comment(rawValue: run.stderr))
        #expect(run.stderr.contains("HTTP 503"), Comment(rawValue: run.stderr))
        // The first page was imported; the pull resumes at page 2.
        #expect(run.stderr.contains("resume at page 2"), Comment(rawValue: run.stderr))
        #expect(try streams(ws, home) > 0)
    }

    @Test func anInterruptedPullResumesWithoutDuplicates() throws {
        var server = try GraphServer(["--records", "100", "--page-size", "20", "--fail-after", "2"], secret: Self.secret)
        let port = server.port
        let (home, ws) = try emptyWorkspaceHome()
        let first = try pull(server, home, ws)
        #expect(first.status != 0)
        #expect(first.stderr.contains("the server closed the connection") || first.stderr.contains("page 3"), Comment(rawValue: first.stderr))
        #expect(first.stderr.contains("resume at page 3"), Comment(rawValue: first.stderr))
        let partial = try streams(ws, home)
        #expect(partial > 0)
        let total = try server.stats()["streams_total"] ?? -1
        #expect(partial < total)
        server.stop()
        // The same Graph again (the stored nextLink names its port); no --from/--to: the stopped pull resumes.
        server = try GraphServer(["--records", "100", "--page-size", "20"], secret: Self.secret, port: port)
        let second = try PipedRun([ws, "pull", "--tenant", Self.tenant, "--client-id", GraphServer.clientId, "--secret-env", "GRAPH_SECRET",
                                   "--base-url", server.baseURL, "--login-url", server.loginURL],
                                  home: home, environment: ["GRAPH_SECRET": Self.secret], timeout: 90)
        #expect(second.status == 0, Comment(rawValue: second.stderr))
        #expect(second.stdout.contains("resumed"), Comment(rawValue: second.stdout))
        #expect(second.stdout.contains("pulled 60 records in 3 pages"), Comment(rawValue: second.stdout))
        #expect(second.stdout.contains(" 0 duplicates"), Comment(rawValue: second.stdout))
        #expect(try streams(ws, home) == total)
        expectNoSecret([first, second], home)
    }

    /// A pull without from starts 48 hours before the last one's newest record (GraphPullOverlapTests): here
    /// all 60 come again, and only the 40 new ones are imported.
    @Test func aSecondPullFetchesTheNewerRecordsAndTheOverlapOnlyOnce() throws {
        var server = try GraphServer(["--records", "60", "--page-size", "25"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let first = try pull(server, home, ws)
        #expect(first.status == 0, Comment(rawValue: first.stderr))
        server.stop()
        // 40 more calls happened since; the first 60 are the same records (the data is deterministic).
        server = try GraphServer(["--records", "100", "--page-size", "25"], secret: Self.secret)
        let second = try PipedRun([ws, "pull", "--tenant", Self.tenant, "--client-id", GraphServer.clientId, "--secret-env", "GRAPH_SECRET",
                                   "--base-url", server.baseURL, "--login-url", server.loginURL, "--to", "2026-12-01"],
                                  home: home, environment: ["GRAPH_SECRET": Self.secret], timeout: 90)
        #expect(second.status == 0, Comment(rawValue: second.stderr))
        let stats = try server.stats()
        #expect(stats["records_served"] == 100)
        #expect(second.stdout.contains("pulled 100 records"), Comment(rawValue: second.stdout))
        #expect(second.stdout.contains(" 60 records already imported"), Comment(rawValue: second.stdout))
        #expect(try streams(ws, home) == stats["streams_total"])
    }

    @Test func aBadSecretFailsWithAADsError() throws {
        let server = try GraphServer(["--records", "10"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let wrong = "wrong-Secret-91c2"
        let run = try pull(server, home, ws, secret: wrong)
        #expect(run.status != 0)
        #expect(run.stderr.contains("invalid_client"), Comment(rawValue: run.stderr))
        #expect(run.stderr.contains("AADSTS7000215"), Comment(rawValue: run.stderr))
        #expect(run.stderr.contains("HTTP 401"), Comment(rawValue: run.stderr))
        #expect(try server.stats()["pages_served"] == 0)
        #expect(try streams(ws, home) == 0)
        expectNoSecret([run], home, secret: wrong)
    }

    @Test func anExpiredTokenIsRenewed() throws {
        // Tokens die after 2 s though they claim an hour; pages of 1 s each make the pull outlive its first token.
        let server = try GraphServer(["--records", "40", "--page-size", "10", "--token-lifetime", "2", "--slow", "1"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let run = try pull(server, home, ws, ["--max-wait", "30"])
        #expect(run.status == 0, Comment(rawValue: run.stderr))
        let stats = try server.stats()
        #expect((stats["expired_refused"] ?? 0) >= 1)
        #expect((stats["tokens_issued"] ?? 0) >= 2)
        #expect(try streams(ws, home) == stats["streams_total"])
    }

    @Test func aMalformedPageIsRefusedAndThePullResumesAtIt() throws {
        let server = try GraphServer(["--records", "60", "--page-size", "20", "--malformed-page", "2"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let first = try pull(server, home, ws)
        #expect(first.status != 0)
        #expect(first.stderr.contains("page 2 is malformed: not JSON"), Comment(rawValue: first.stderr))
        // Page 1 is in the store, page 2 is not: 20 of the 60 records.
        #expect(first.stderr.contains("fetched 20 records in 1 pages"), Comment(rawValue: first.stderr))
        let afterFirst = try streams(ws, home)
        let total = try server.stats()["streams_total"] ?? 0
        #expect(afterFirst > 0 && afterFirst < total)
        let second = try PipedRun([ws, "pull", "--tenant", Self.tenant, "--client-id", GraphServer.clientId, "--secret-env", "GRAPH_SECRET",
                                   "--base-url", server.baseURL, "--login-url", server.loginURL],
                                  home: home, environment: ["GRAPH_SECRET": Self.secret], timeout: 90)
        #expect(second.status == 0, Comment(rawValue: second.stderr))
        #expect(second.stdout.contains("pulled 40 records in 2 pages"), Comment(rawValue: second.stdout))
        #expect(try streams(ws, home) == (try server.stats())["streams_total"])
    }

    @Test func recordsListedWithoutSessionsAreFetchedOneByOne() throws {
        let server = try GraphServer(["--records", "15", "--page-size", "10", "--list-without-sessions"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let run = try pull(server, home, ws)
        #expect(run.status == 0, Comment(rawValue: run.stderr))
        let stats = try server.stats()
        #expect(stats["single_records"] == 15)
        #expect(try streams(ws, home) == stats["streams_total"])
    }

    @Test func aSecretFileMustBeTheOwnersAlone() throws {
        let server = try GraphServer(["--records", "10"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let file = try home.write(Self.secret + "\n", to: "secret.txt")
        chmod(file, 0o644)
        let base = [ws, "pull", "--tenant", Self.tenant, "--client-id", GraphServer.clientId, "--secret-file", file,
                    "--base-url", server.baseURL, "--login-url", server.loginURL, "--from", "2026-11-01", "--to", "2026-12-01"]
        let open = try PipedRun(base, home: home, timeout: 60)
        #expect(open.status != 0)
        #expect(open.stderr.contains("readable or writable by group or others (mode 644)"), Comment(rawValue: open.stderr))
        #expect(open.stderr.contains("chmod 600"))
        #expect(try server.stats()["token_requests"] == 0)
        chmod(file, 0o600)
        let ok = try PipedRun(base, home: home, timeout: 60)
        #expect(ok.status == 0, Comment(rawValue: ok.stderr))
        #expect(ok.stdout.contains("pulled 10 records"))
        try FileManager.default.removeItem(atPath: file)
        expectNoSecret([open, ok], home)
    }

    /// The secret given where the variable's name goes (at the prompt with .echo on, and as `pull --secret-env`):
    /// refused without repeating it, nothing sent; the secret is in no output and no file (workspace, change log,
    /// state folder) but the history line the user typed.
    @Test func aSecretGivenAsTheVariableNameIsNotRepeated() throws {
        let server = try GraphServer(["--records", "10"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let cli = try PipedRun([ws, "pull", "--tenant", Self.tenant, "--client-id", GraphServer.clientId, "--secret-env", Self.secret,
                                "--base-url", server.baseURL, "--login-url", server.loginURL, "--from", "2026-11-01", "--to", "2026-12-01"],
                               home: home, environment: ["COEXIST_NOW": "2026-12-01"], timeout: 60)
        #expect(cli.status != 0)
        #expect(cli.stderr.contains("secret_env is not an environment variable's name"), Comment(rawValue: cli.stderr))
        let code = ".echo on\nr = graph_pull{tenant='\(Self.tenant)', client_id='\(GraphServer.clientId)', secret_env='\(Self.secret)', base_url='\(server.baseURL)', login_url='\(server.loginURL)', from='2026-11-01', to='2026-12-01'}\nprint(changes:table())\n"
        let stdin = try PipedRun([ws], input: code, home: home, environment: ["COEXIST_NOW": "2026-12-01"], timeout: 60)
        #expect(stdin.stderr.contains("secret_env is not an environment variable's name"), Comment(rawValue: stdin.stderr))
        #expect(try server.stats()["token_requests"] == 0)
        // .echo repeats the statement as typed; every line the program itself wrote is free of it.
        let own = (stdin.stdout + stdin.stderr).split(separator: "\n").filter { !$0.contains("graph_pull{") }
        #expect(!own.contains { $0.contains(Self.secret) }, Comment(rawValue: stdin.stdout + stdin.stderr))
        expectNoSecret([cli], home)
    }

    @Test func aCertificateAssertionIsAccepted() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { return }
        let home = try TestHome()
        func openssl(_ args: [String]) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            p.arguments = args
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
        }
        for name in ["app", "other"] {
            try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(home.root)/\(name).key", "-out", "\(home.root)/\(name).pem",
                         "-days", "2", "-subj", "/CN=coexist-\(name)"])
            chmod("\(home.root)/\(name).key", 0o600)
        }
        let server = try GraphServer(["--records", "12", "--cert", "\(home.root)/app.pem"], secret: Self.secret)
        let ws = "\(home.root)/ws.db"
        _ = try PipedRun(["--empty", "-e", "save('\(ws)')"], home: home, timeout: 60)
        func run(_ cert: String, _ key: String) throws -> PipedRun {
            try PipedRun([ws, "pull", "--tenant", Self.tenant, "--client-id", GraphServer.clientId, "--cert-file", cert, "--key-file", key,
                          "--base-url", server.baseURL, "--login-url", server.loginURL, "--from", "2026-11-01", "--to", "2026-12-01"],
                         home: home, timeout: 60)
        }
        let ok = try run("\(home.root)/app.pem", "\(home.root)/app.key")
        #expect(ok.status == 0, Comment(rawValue: ok.stderr))
        #expect((try server.stats()["assertions_verified"] ?? 0) >= 1)
        // The app's certificate with another key: the signature does not verify.
        let forged = try run("\(home.root)/app.pem", "\(home.root)/other.key")
        #expect(forged.status != 0)
        #expect(forged.stderr.contains("invalid_client") && forged.stderr.contains("AADSTS700027"), Comment(rawValue: forged.stderr))
    }

    @Test func aRequestTimeoutStopsThePull() throws {
        let server = try GraphServer(["--records", "10", "--slow", "3"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let run = try pull(server, home, ws, ["--timeout", "1"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("no answer within the timeout"), Comment(rawValue: run.stderr))
    }

    @Test func restartDropsAStoppedPull() throws {
        let server = try GraphServer(["--records", "40", "--page-size", "20", "--malformed-page", "2"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let first = try pull(server, home, ws)
        #expect(first.status != 0)
        // Another period while a pull is stopped is refused, naming restart.
        let other = try pull(server, home, ws, ["--from", "2026-11-02"])
        #expect(other.status != 0)
        #expect(other.stderr.contains("restart=true"), Comment(rawValue: other.stderr))
        let again = try pull(server, home, ws, ["--restart"])
        #expect(again.status == 0, Comment(rawValue: again.stderr))
        // Page 1 came again: its 20 records are duplicates of the first run's, skipped.
        #expect(again.stdout.contains("pulled 40 records in 2 pages"), Comment(rawValue: again.stdout))
        #expect(!again.stdout.contains(" 0 duplicates"), Comment(rawValue: again.stdout))
        #expect(try streams(ws, home) == (try server.stats())["streams_total"])
    }

    @Test func stateDirKeepsThePullOfAnInMemorySession() throws {
        let server = try GraphServer(["--records", "25", "--page-size", "10"], secret: Self.secret)
        let home = try TestHome()
        let code = "r = graph_pull{tenant='\(Self.tenant)', client_id='\(GraphServer.clientId)', secret_env='GRAPH_SECRET', base_url='\(server.baseURL)', login_url='\(server.loginURL)', from='2026-11-01', to='2026-12-01', state_dir='\(home.root)/pulls'}; print(r.records, r.pages, calls:count())"
        let run = try PipedRun(["--empty", "-e", code], home: home, environment: ["GRAPH_SECRET": Self.secret], timeout: 60)
        #expect(run.status == 0, Comment(rawValue: run.stderr))
        #expect(run.stdout.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            == ["25", "3", String(try server.stats()["streams_total"] ?? -1)], Comment(rawValue: run.stdout))
        #expect(FileManager.default.fileExists(atPath: "\(home.root)/pulls/\(Self.tenant)/state.json"))
        // Without state_dir an in-memory session is told where the state could go.
        let none = try PipedRun(["--empty", "-e", "graph_pull{tenant='t', client_id='c', secret_env='X'}"], home: home, timeout: 30)
        #expect(none.stderr.contains("give state_dir="), Comment(rawValue: none.stderr))
    }

    @Test func optionsAreChecked() throws {
        let home = try TestHome()
        func lua(_ code: String) throws -> String {
            try PipedRun(["--empty", "-e", code], home: home, timeout: 30).stderr
        }
        let base = "tenant='t', client_id='c', secret_env='X', state_dir='/tmp/x'"
        #expect(try lua("graph_pull{\(base), page_sise=10}").contains("unknown option 'page_sise' (did you mean 'page_size'?)"))
        #expect(try lua("graph_pull{\(base), page_size=0}").contains("page_size 0 is out of range 1-1000"))
        #expect(try lua("graph_pull{\(base), page_size=1001}").contains("page_size 1001 is out of range 1-1000"))
        #expect(try lua("graph_pull{\(base), max_wait=-1}").contains("max_wait -1.0 is out of range"))
        #expect(try lua("graph_pull{\(base), timeout=0}").contains("timeout 0.0 is out of range"))
        #expect(try lua("graph_pull{\(base), base_url='http://graph.example.com/v1.0'}").contains("must be https"))
        #expect(try lua("graph_pull{\(base), login_url='ftp://x'}").contains("login_url 'ftp://x' must be https"))
        #expect(try lua("graph_pull{\(base), from='2026-11-05', to='2026-11-01'}").contains("must be before to"))
        #expect(try lua("graph_pull{tenant='t', client_id='c', secret_env='X', secret_file='f', state_dir='/tmp/x'}").contains("give one credential"))
        #expect(try lua("graph_pull{tenant='t', client_id='c', cert_file='c.pem', state_dir='/tmp/x'}").contains("cert_file needs key_file"))
        #expect(try lua("graph_pull{tenant='t', client_id='c', key_file='k.pem', state_dir='/tmp/x'}").contains("key_file needs cert_file"))
        #expect(try lua("graph_pull{tenant='../x', client_id='c', secret_env='X', state_dir='/tmp/x'}").contains("is not a tenant id"))
        #expect(try lua("graph_pull{client_id='c', secret_env='X'}").contains("option 'tenant' is required"))
        #expect(try lua("graph_pull{\(base)}").contains("the environment variable X is not set"))
        let cli = try PipedRun(["pull", "--tenat", "x"], home: home, timeout: 30)
        #expect(cli.status == 2)
        #expect(cli.stderr.contains("unknown option '--tenat' (did you mean '--tenant'?)"), Comment(rawValue: cli.stderr))
        let noFile = try PipedRun(["pull", "--tenant", "x"], home: home, timeout: 30)
        #expect(noFile.stderr.contains("pull needs a workspace file"), Comment(rawValue: noFile.stderr))
        let help = try PipedRun(["pull", "--help"], home: home, timeout: 30)
        for option in ["--tenant", "--client-id", "--secret-env", "--secret-file", "--cert-file", "--key-file", "--from", "--to",
                       "--base-url", "--login-url", "--page-size", "--state-dir", "--max-wait", "--timeout", "--restart"] {
            #expect(help.stdout.contains(option), "pull --help lacks \(option)")
        }
    }
}

/// The README's Graph example, run as written (against a server on a free port instead of 8765).
@Suite(.serialized) struct GraphPullReadmeTests {
    static let readme: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// `VAR=value ... coexist ARGS...`: the environment and the arguments.
    static func command(_ line: String, port: Int) -> ([String: String], [String]) {
        var words = line.replacingOccurrences(of: "8765", with: String(port)).split(separator: " ").map(String.init)
        var env: [String: String] = [:]
        while let w = words.first, let eq = w.firstIndex(of: "="), w != "coexist" {
            env[String(w[..<eq])] = String(w[w.index(after: eq)...])
            words.removeFirst()
        }
        return (env, Array(words.dropFirst()))
    }

    @Test func theExamplesRun() throws {
        let lines = Self.readme.components(separatedBy: "\n")
        let serverLine = "scripts/graph-server --records 200 --port 8765 &"
        let saveLine = "coexist --empty -e 'save(\"contoso.db\")'"
        #expect(lines.contains(serverLine) && lines.contains(saveLine))
        let pulls = lines.filter { $0.hasPrefix("COEXIST_NOW=") && $0.contains(" GRAPH_SECRET=local-secret coexist contoso.db pull ") }
        guard pulls.count == 2 else {
            Issue.record("README lacks the two pull examples: \(pulls)")
            return
        }
        let server = try GraphServer(["--records", "200"], secret: "local-secret")
        let home = try TestHome()
        let saved = try PipedRun(["--empty", "-e", "save(\"contoso.db\")"], home: home, timeout: 60)
        #expect(saved.status == 0)
        let (env1, args1) = Self.command(pulls[0], port: server.port)
        let run = try PipedRun(args1, home: home, environment: env1, timeout: 90)
        #expect(run.status == 0, Comment(rawValue: run.stderr))
        #expect(run.stderr.isEmpty, Comment(rawValue: run.stderr))
        // What the README says it prints.
        #expect(run.stdout.hasPrefix("pulled 200 records in 4 pages (2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z): "), Comment(rawValue: run.stdout))
        #expect(run.stdout.contains(" 0 duplicates, 0 records already imported, 0 throttled, 0.0 s waited"), Comment(rawValue: run.stdout))
        let (env2, args2) = Self.command(pulls[1], port: server.port)
        let refused = try PipedRun(args2, home: home, environment: env2, timeout: 90)
        #expect(refused.status != 0)
        let said = "nothing to pull: the last complete pull's newest record started at 2026-11-02T07:13:00.000Z, which is not before now, 2026-11-02T00:00:00Z by the workspace clock (is the clock fixed by COEXIST_NOW?); give to= after 2026-11-02T07:13:00.000Z, or from= and to= for another period"
        #expect(refused.stderr.contains(said), Comment(rawValue: refused.stderr))
        #expect(Self.readme.replacingOccurrences(of: "\n", with: " ").contains(said), "the README quotes the message as printed")
    }
}
