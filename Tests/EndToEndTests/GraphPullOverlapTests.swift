@preconcurrency import Glibc
import Foundation
import Testing

/// Issue 18: incremental pulls must not miss long calls. Graph creates a call record only after the call
/// ends ("callRecord resource type") and the list filters on its start ("List callRecords"), so a call still
/// going on at one pull starts before that pull's newest record. The next pull starts 48 hours earlier, and
/// what it fetches again is counted as already imported, never imported twice. The local Graph's --now hides
/// the records of calls that have not ended; a restart on the same port with a later --now publishes them.
@Suite(.serialized) struct GraphPullOverlapTests {
    static let secret = GraphPullTests.secret
    static let tenant = GraphPullTests.tenant

    func pull(_ server: GraphServer, _ home: TestHome, _ ws: String, now: String, _ extra: [String] = []) throws -> PipedRun {
        try PipedRun([ws, "pull", "--tenant", Self.tenant, "--client-id", GraphServer.clientId, "--secret-env", "GRAPH_SECRET",
                      "--base-url", server.baseURL, "--login-url", server.loginURL] + extra,
                     home: home, environment: ["GRAPH_SECRET": Self.secret, "COEXIST_NOW": now], timeout: 120)
    }

    func streams(_ ws: String, _ home: TestHome) throws -> Int {
        let run = try PipedRun(["--open", ws, "--readonly", "-e", "print(calls:count())"], home: home, timeout: 60)
        #expect(run.status == 0, Comment(rawValue: run.stderr))
        return Int(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func aCallStillGoingOnAtOnePullArrivesOnceWithTheNext() throws {
        // 40 records from 08:00, 7 minutes apart (the newest starts at 12:33); record 10 starts at 09:10 and
        // lasts 10 hours, so at 14:00 Graph has no record of it yet.
        let args = ["--records", "40", "--page-size", "15", "--long-call", "10:600"]
        var server = try GraphServer(args + ["--now", "2026-11-01T14:00:00Z"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let first = try pull(server, home, ws, now: "2026-11-01T14:00Z")
        #expect(first.status == 0, Comment(rawValue: first.stderr))
        #expect(try server.stats()["records_published"] == 39)
        #expect(first.stdout.contains("pulled 39 records in 3 pages"), Comment(rawValue: first.stdout))
        let port = server.port
        server.stop()
        // The next day the long call has ended and its record is there, with a start before the last newest.
        server = try GraphServer(args + ["--now", "2026-11-02T00:00:00Z"], secret: Self.secret, port: port)
        let second = try pull(server, home, ws, now: "2026-11-02")
        #expect(second.status == 0, Comment(rawValue: second.stderr))
        // From 48 hours before the newest record of the last pull: all 40, of which 39 were imported before.
        #expect(second.stdout.contains("pulled 40 records in 3 pages (2026-10-30T12:33:00Z to 2026-11-02T00:00:00Z)"), Comment(rawValue: second.stdout))
        #expect(second.stdout.contains(" 39 records already imported"), Comment(rawValue: second.stdout))
        // Every stream once: the long call's are in, the 39 records' repeats were dropped.
        let total = try server.stats()["streams_total"] ?? -1
        #expect(try streams(ws, home) == total)
        // A third pull brings nothing new and doubles nothing.
        let third = try pull(server, home, ws, now: "2026-11-02T01:00Z")
        #expect(third.status == 0, Comment(rawValue: third.stderr))
        #expect(third.stdout.contains(": 0 streams imported"), Comment(rawValue: third.stdout))
        #expect(third.stdout.contains(" 40 records already imported"), Comment(rawValue: third.stdout))
        #expect(try streams(ws, home) == total)
    }

    @Test func aLaterPeriodGivenByFromDoesNotMakeTheNextPullSkipTheDaysBetween() throws {
        // 800 records from 2026-11-01T08:00, 7 minutes apart: to 2026-11-05T01:13.
        let server = try GraphServer(["--records", "800", "--page-size", "200"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let morning = try pull(server, home, ws, now: "2026-11-06", ["--from", "2026-11-01", "--to", "2026-11-01T12:00Z", "--page-size", "200"])
        #expect(morning.status == 0, Comment(rawValue: morning.stderr))
        // A day three days later, on its own.
        let later = try pull(server, home, ws, now: "2026-11-06", ["--from", "2026-11-04", "--to", "2026-11-05", "--page-size", "200"])
        #expect(later.status == 0, Comment(rawValue: later.stderr))
        // Without from: from 48 hours before the morning's newest record (11:58), not the later day's, so
        // the days between come too.
        let rest = try pull(server, home, ws, now: "2026-11-06", ["--page-size", "200"])
        #expect(rest.status == 0, Comment(rawValue: rest.stderr))
        #expect(rest.stdout.contains("(2026-10-30T11:58:00Z to 2026-11-06T00:00:00Z)"), Comment(rawValue: rest.stdout))
        // Every stream the server has, once (its data includes a P2P call with one UPN on both ends, whose
        // two directions were once taken for one stream).
        #expect(try streams(ws, home) == (try server.stats()["streams_total"] ?? -1))
    }
}
