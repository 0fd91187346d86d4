@preconcurrency import Glibc
import Foundation
import Testing

/// Issue 18 item 3 on a terminal: the pull's progress line (records, pages, rate, ETA) drawn in place on a
/// terminal and never in a pipe, and Ctrl-C stopping a pull at the prompt (the shell goes on) and in
/// `coexist pull` (status 130), with what was fetched imported and the next pull resuming. Counts come from
/// scripts/graph-server.
@Suite(.serialized) struct GraphPullTerminalTests {
    static let secret = GraphPullTests.secret
    static let tenant = GraphPullTests.tenant
    /// 08:00 to 15:00 holds the server's 60 records, 7 minutes apart, so the percent and ETA move through it.
    static let period = ["--from", "2026-11-01T08:00Z", "--to", "2026-11-01T15:00Z"]
    static let luaPeriod = "from='2026-11-01T08:00Z', to='2026-11-01T15:00Z'"
    static let now = "2026-11-02"
    static let prompt = "ws> "

    func environment(_ home: TestHome) -> [String: String] {
        var env = home.environment()
        env["GRAPH_SECRET"] = Self.secret
        env["COEXIST_NOW"] = Self.now
        return env
    }

    func pullArguments(_ server: GraphServer, _ ws: String, _ extra: [String] = []) -> [String] {
        [ws, "pull", "--tenant", Self.tenant, "--client-id", GraphServer.clientId, "--secret-env", "GRAPH_SECRET",
         "--base-url", server.baseURL, "--login-url", server.loginURL] + extra
    }

    func luaPull(_ server: GraphServer, _ extra: String = "") -> String {
        "r = graph_pull{tenant='\(Self.tenant)', client_id='\(GraphServer.clientId)', secret_env='GRAPH_SECRET', base_url='\(server.baseURL)', login_url='\(server.loginURL)'\(extra)}"
    }

    /// Every progress line drawn, in order (each starts with CR and erase-line).
    func progressLines(_ raw: String) -> [String] {
        raw.components(separatedBy: "\r\u{1B}[K").dropFirst().map { part in
            String(part.prefix { $0 != "\r" && $0 != "\n" && $0 != "\u{1B}" && $0 != "^" })
        }.filter { $0.hasPrefix("pulling ") || $0.hasPrefix("pulled ") }
    }

    func number(before word: String, in line: String) -> Int? {
        guard let r = line.range(of: " " + word) else { return nil }
        return Int(line[..<r.lowerBound].split(separator: " ").last ?? "")
    }

    func streams(_ ws: String, _ home: TestHome) throws -> Int {
        let run = try PipedRun(["--open", ws, "--readonly", "-e", "print(calls:count())"], home: home, timeout: 60)
        #expect(run.status == 0, Comment(rawValue: run.stderr))
        return Int(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    func expectNoSecret(_ texts: [String], _ home: TestHome) {
        for t in texts { #expect(!t.contains(Self.secret), "the secret is on the screen") }
        let needle = Data(Self.secret.utf8)
        let e = FileManager.default.enumerator(atPath: home.root)
        while let name = e?.nextObject() as? String {
            if let d = FileManager.default.contents(atPath: "\(home.root)/\(name)") {
                #expect(d.range(of: needle) == nil, "the secret is in \(name)")
            }
        }
    }

    @Test func progressIsDrawnInPlaceOnATerminalAndNotInAPipe() throws {
        let server = try GraphServer(["--records", "60", "--page-size", "10", "--slow", "0.3"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let term = try PseudoTerminal(arguments: pullArguments(server, ws, Self.period), environment: environment(home))
        try term.waitFor("pulled 60 records in 6 pages", timeout: 60)
        #expect(term.waitForExit(timeout: 30) == 0, "\(term.screen)")
        let raw = term.rawOutput
        let lines = progressLines(raw)
        let pulling = lines.filter { $0.hasPrefix("pulling ") }
        // One line at the start and one after each page but the last, which ends the line with the totals.
        #expect(pulling.count == 6, "\(lines)")
        #expect(pulling.map { number(before: "records,", in: $0) } == [0, 10, 20, 30, 40, 50], "\(pulling)")
        #expect(pulling.map { number(before: "pages,", in: $0) } == [0, 1, 2, 3, 4, 5], "\(pulling)")
        #expect(lines.last?.hasPrefix("pulled \(Self.tenant): 60 records in 6 pages, ") == true, "\(lines)")
        // After the first page: a rate above 0 and an ETA in seconds, the percent rising through the period.
        for line in pulling.dropFirst() {
            #expect((number(before: "records/s", in: line) ?? 0) > 0, "\(line)")
            #expect(line.range(of: #"ETA \d+ s$"#, options: .regularExpression) != nil, "\(line)")
        }
        let percents = pulling.dropFirst().compactMap { l in
            l.range(of: #"\d+%"#, options: .regularExpression).flatMap { Int(l[$0].dropLast()) }
        }
        #expect(percents.count == 5 && percents == percents.sorted() && percents.first! < percents.last!, "\(pulling)")
        // In place: no line break from the first progress line to the totals.
        let first = try #require(raw.range(of: "pulling \(Self.tenant)"))
        let done = try #require(raw.range(of: "pulled \(Self.tenant)"))
        #expect(!raw[first.lowerBound..<done.lowerBound].contains("\n"))

        // The same pull into pipes: not one progress byte (no CR, no escape) on stdout or stderr.
        let (home2, ws2) = try emptyWorkspaceHome()
        let env = ["GRAPH_SECRET": Self.secret, "COEXIST_NOW": Self.now]
        let piped = try PipedRun(pullArguments(server, ws2, Self.period), home: home2, environment: env, timeout: 90)
        #expect(piped.status == 0, Comment(rawValue: piped.stderr))
        #expect(piped.stdout.hasPrefix("pulled 60 records in 6 pages"), Comment(rawValue: piped.stdout))
        #expect(piped.stderr.isEmpty, Comment(rawValue: piped.stderr))
        #expect(!piped.stdout.contains("\r") && !piped.stdout.contains("\u{1B}") && !piped.stdout.contains("pulling"))
        expectNoSecret([raw, piped.stdout, piped.stderr], home)
    }

    @Test func graphPullAtThePromptShowsProgressAndTheShellGoesOn() throws {
        let server = try GraphServer(["--records", "60", "--page-size", "10", "--slow", "0.2"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let term = try PseudoTerminal(arguments: [ws], environment: environment(home))
        try term.waitForPrompt(Self.prompt)
        term.type(".echo on")
        try term.waitForPrompt(Self.prompt)
        term.type(luaPull(server, ", \(Self.luaPeriod)") + "; print('got ' .. r.records .. ' ' .. r.pages .. ' ' .. calls:count())")
        try term.waitFor("pulling \(Self.tenant): 10 records, 1 pages, ", timeout: 30)
        try term.waitFor("pulled \(Self.tenant): 60 records in 6 pages", timeout: 30)
        let streams = try server.stats()["streams_total"] ?? -1
        try term.waitFor("got 60 6 \(streams)", timeout: 30)
        try term.waitForPrompt(Self.prompt)
        term.send(PseudoTerminal.ctrlD)
        #expect(term.waitForExit(timeout: 30) == 0)
        // The history holds the line as typed: the variable's name, never its value.
        #expect(home.read(home.historyFile)?.contains("secret_env='GRAPH_SECRET'") == true)
        expectNoSecret([term.rawOutput], home)
    }

    @Test func ctrlCStopsAPullAtThePromptAndTheNextPullResumes() throws {
        // A page a second: the pull is still fetching when Ctrl-C comes.
        let server = try GraphServer(["--records", "60", "--page-size", "10", "--slow", "1"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let term = try PseudoTerminal(arguments: [ws], environment: environment(home))
        try term.waitForPrompt(Self.prompt)
        term.type(luaPull(server, ", \(Self.luaPeriod)"))
        try term.waitFor("pulling \(Self.tenant): 20 records, 2 pages, ", timeout: 30)
        let pressed = Date()
        term.send(PseudoTerminal.ctrlC)
        let shown = try term.waitFor("interrupted (Ctrl-C) while fetching page ", timeout: 10)
        try term.waitForPrompt(Self.prompt, timeout: 10)
        let took = Date().timeIntervalSince(pressed)
        // The page on its way is cancelled, not waited for (the server takes a second a page).
        #expect(took < 1.0, "the pull took \(took) s to stop")
        #expect(!shown.contains("pulled \(Self.tenant)"))
        let message = term.screen.components(separatedBy: "\n").first { $0.contains("interrupted (Ctrl-C)") } ?? ""
        // "...while fetching page N (this run fetched R records in P pages and imported S streams; run graph_pull again to resume at page N)"
        let page = try #require(number(before: "(this", in: message), "\(message)")
        let pages = try #require(number(before: "pages and imported", in: message), "\(message)")
        let imported = try #require(number(before: "streams;", in: message), "\(message)")
        #expect(page == pages + 1 && pages >= 2, "\(message)")
        #expect(message.contains("resume at page \(page))"), "\(message)")
        let total = try server.stats()["streams_total"] ?? -1
        #expect(imported > 0 && imported < total, "\(message)")

        // The shell is still there, with exactly the fetched pages in the store.
        term.type("print('count ' .. calls:count())")
        try term.waitFor("count \(imported)\n", timeout: 10)
        try term.waitForPrompt(Self.prompt)
        // The next pull, with no period, resumes at the page it stopped on and brings the rest once.
        term.type(luaPull(server) + "; print('again ' .. tostring(r.resumed) .. ' ' .. r.duplicates .. ' ' .. r.records .. ' ' .. calls:count())")
        try term.waitFor("again true 0 \(60 - pages * 10) \(total)", timeout: 60)
        try term.waitForPrompt(Self.prompt)
        term.send(PseudoTerminal.ctrlD)
        #expect(term.waitForExit(timeout: 30) == 0)
        expectNoSecret([term.rawOutput], home)
    }

    @Test func ctrlCStopsCoexistPullWithStatus130AndItResumes() throws {
        let server = try GraphServer(["--records", "60", "--page-size", "10", "--slow", "1"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let term = try PseudoTerminal(arguments: pullArguments(server, ws, Self.period), environment: environment(home))
        try term.waitFor("pulling \(Self.tenant): 10 records, 1 pages, ", timeout: 30)
        let pressed = Date()
        term.send(PseudoTerminal.ctrlC)
        try term.waitFor("interrupted (Ctrl-C) while fetching page 2", timeout: 10)
        #expect(term.waitForExit(timeout: 10) == 130, "\(term.screen)")
        #expect(Date().timeIntervalSince(pressed) < 1.5)
        // The progress line was erased before the message: it starts a line of its own.
        #expect(term.rawOutput.contains("\r\u{1B}[K(command line):1: graph_pull: interrupted (Ctrl-C) while fetching page 2 (this run fetched 10 records in 1 pages"),
                "\(term.rawOutput.debugDescription)")
        let partial = try streams(ws, home)
        let total = try server.stats()["streams_total"] ?? -1
        #expect(partial > 0 && partial < total)
        let env = ["GRAPH_SECRET": Self.secret, "COEXIST_NOW": Self.now]
        let again = try PipedRun(pullArguments(server, ws), home: home, environment: env, timeout: 120)
        #expect(again.status == 0, Comment(rawValue: again.stderr))
        #expect(again.stdout.contains("pulled 50 records in 5 pages") && again.stdout.contains(" 0 duplicates, ")
                && again.stdout.contains("resumed"), Comment(rawValue: again.stdout))
        #expect(try streams(ws, home) == total)
        expectNoSecret([term.rawOutput, again.stdout, again.stderr], home)
    }

    @Test func ctrlCEndsAThrottledWait() throws {
        // Page 2 is answered 429 with Retry-After 30: the pull is sleeping when Ctrl-C comes.
        let server = try GraphServer(["--records", "30", "--page-size", "10", "--throttle-every", "2", "--retry-after", "30"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let term = try PseudoTerminal(arguments: pullArguments(server, ws, Self.period + ["--max-wait", "100"]), environment: environment(home))
        try term.waitFor("pulling \(Self.tenant): 10 records, 1 pages, ", timeout: 30)
        usleep(500_000)
        #expect(try server.stats()["throttled"] == 1)
        let pressed = Date()
        term.send(PseudoTerminal.ctrlC)
        try term.waitFor("interrupted (Ctrl-C) while fetching page 2", timeout: 10)
        #expect(term.waitForExit(timeout: 10) == 130, "\(term.screen)")
        #expect(Date().timeIntervalSince(pressed) < 1.5)
        #expect(try streams(ws, home) > 0)
    }
}
