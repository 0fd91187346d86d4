@preconcurrency import Glibc
import Foundation
import Testing

/// Issue 18: the period a pull asks Graph for. Graph is never sent an empty or inverted filter (the server
/// counts list requests), and a period Graph cannot hold (older than its 30 days, after now) is named in a
/// warning. Microsoft's "List callRecords": call records remain available for 30 days.
@Suite(.serialized) struct GraphPullPeriodTests {
    static let secret = GraphPullTests.secret
    static let tenant = GraphPullTests.tenant

    /// `coexist ws.db pull` with the workspace clock at `now`.
    func pull(_ server: GraphServer, _ home: TestHome, _ ws: String, now: String, _ extra: [String]) throws -> PipedRun {
        try PipedRun([ws, "pull", "--tenant", Self.tenant, "--client-id", GraphServer.clientId, "--secret-env", "GRAPH_SECRET",
                      "--base-url", server.baseURL, "--login-url", server.loginURL] + extra,
                     home: home, environment: ["GRAPH_SECRET": Self.secret, "COEXIST_NOW": now], timeout: 90)
    }

    @Test func anImplicitPeriodThatWouldEndBeforeTheLastPullIsRefusedNamingBothDates() throws {
        // 60 records from 08:00, 7 minutes apart: the newest starts at 14:53.
        let server = try GraphServer(["--records", "60", "--page-size", "25"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let first = try pull(server, home, ws, now: "2026-11-02", ["--from", "2026-11-01", "--to", "2026-11-02"])
        #expect(first.status == 0, Comment(rawValue: first.stderr))
        let lists = try server.stats()["list_requests"] ?? -1
        // The clock fixed before the last pull's newest record (as the demo's is): no period without from.
        let second = try pull(server, home, ws, now: "2026-11-01T12:00Z", [])
        #expect(second.status != 0)
        #expect(second.stderr.contains("nothing to pull: the last complete pull's newest record started at 2026-11-01T14:53:00.000Z, which is not before now, 2026-11-01T12:00:00Z by the workspace clock"),
                Comment(rawValue: second.stderr))
        #expect(second.stderr.contains("COEXIST_NOW"), Comment(rawValue: second.stderr))
        // An explicit to before it: refused the same way, naming to.
        let third = try pull(server, home, ws, now: "2026-11-02", ["--to", "2026-11-01T14:00Z"])
        #expect(third.stderr.contains("started at 2026-11-01T14:53:00.000Z, which is not before to, 2026-11-01T14:00:00Z"),
                Comment(rawValue: third.stderr))
        // Graph was not asked: no list request went out.
        #expect(try server.stats()["list_requests"] == lists)
        // The tenant's state is as the first pull left it: a later clock pulls what is new.
        let later = try pull(server, home, ws, now: "2026-11-03", [])
        #expect(later.status == 0, Comment(rawValue: later.stderr))
        // From 48 hours before the last newest record (for calls still going on then): all 60 again, none twice.
        #expect(later.stdout.contains("pulled 60 records in 3 pages (2026-10-30T14:53:00Z to 2026-11-03T00:00:00Z): 0 streams imported"), Comment(rawValue: later.stdout))
        #expect(later.stdout.contains(" 60 records already imported"), Comment(rawValue: later.stdout))
    }

    @Test func emptyAndFuturePeriodsAreRefusedBeforeGraphIsAsked() throws {
        let server = try GraphServer(["--records", "10"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        let same = try pull(server, home, ws, now: "2026-11-10", ["--from", "2026-11-01", "--to", "2026-11-01"])
        #expect(same.status != 0)
        #expect(same.stderr.contains("must be before to"), Comment(rawValue: same.stderr))
        let future = try pull(server, home, ws, now: "2026-11-10", ["--from", "2026-11-12"])
        #expect(future.status != 0)
        #expect(future.stderr.contains("from 2026-11-12T00:00:00Z is not before now (2026-11-10T00:00:00Z by the workspace clock): the period is empty"),
                Comment(rawValue: future.stderr))
        // No earlier pull, and to older than Graph's 30 days: the default from (30 days back) is after it.
        let old = try pull(server, home, ws, now: "2026-12-15", ["--to", "2026-11-10"])
        #expect(old.status != 0)
        #expect(old.stderr.contains("to 2026-11-10T00:00:00Z is more than 30 days before now (2026-12-15T00:00:00Z)"), Comment(rawValue: old.stderr))
        #expect(try server.stats()["list_requests"] == 0)
        #expect(try server.stats()["token_requests"] == 0)
    }

    @Test func aPeriodReachingPastWhatGraphKeepsIsNamedInAWarning() throws {
        let server = try GraphServer(["--records", "10"], secret: Self.secret)
        let (home, ws) = try emptyWorkspaceHome()
        // 45 days back: Graph would have dropped the first 15; the pull still asks, and says so.
        let old = try pull(server, home, ws, now: "2026-12-15", ["--from", "2026-10-31", "--to", "2026-11-02"])
        #expect(old.status == 0, Comment(rawValue: old.stderr))
        #expect(old.stderr.contains("warning: graph_pull: from 2026-10-31T00:00:00Z is more than 30 days before now (2026-12-15T00:00:00Z): Graph keeps call records for 30 days, so none that started before 2026-11-15T00:00:00Z will come"),
                Comment(rawValue: old.stderr))
        // A to after now: said, and the pull runs.
        let (home2, ws2) = try emptyWorkspaceHome()
        let ahead = try pull(server, home2, ws2, now: "2026-11-05", ["--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(ahead.status == 0, Comment(rawValue: ahead.stderr))
        #expect(ahead.stderr.contains("warning: graph_pull: to 2026-11-30T00:00:00Z is after now (2026-11-05T00:00:00Z)"), Comment(rawValue: ahead.stderr))
        #expect(ahead.stdout.contains("pulled 10 records"), Comment(rawValue: ahead.stdout))
        // Within both bounds: no warning at all.
        let (home3, ws3) = try emptyWorkspaceHome()
        let fine = try pull(server, home3, ws3, now: "2026-11-05", ["--from", "2026-11-01", "--to", "2026-11-05"])
        #expect(fine.status == 0 && fine.stderr.isEmpty, Comment(rawValue: fine.stderr))
        // An incremental pull whose last pull is older than 30 days: the gap is named.
        let gap = try pull(server, home3, ws3, now: "2026-12-20", [])
        #expect(gap.stderr.contains("warning: graph_pull: the last pull's newest record started at 2026-11-01T09:03:00.000Z, more than 30 days before now"),
                Comment(rawValue: gap.stderr))
    }
}
