import CoexistKit
import Foundation

/// What a pull fetched, for the caller to import (`folder`) and to report.
public struct GraphPullFetch: Sendable {
    /// The folder of fetched pages not yet imported (this run's, and a killed run's before it); nil if none.
    public var folder: String?
    public var pagesThisRun = 0
    public var recordsThisRun = 0
    /// Pages and records of the whole pull, across resumed runs.
    public var pages = 0
    public var records = 0
    public var throttled = 0
    public var waitedSeconds = 0.0
    public var tokenRequests = 0
    /// Records fetched one by one because the list gave them without sessions.
    public var recordsFetchedSingly = 0
    /// The ids of this run's records, so the caller can say how many it already held (an incremental pull
    /// fetches its overlap again: `GraphPullPeriod.overlapSeconds`).
    public var recordIds: [String] = []
    public var from = ""
    public var to = ""
    /// The pull picked up a pull that had stopped.
    public var resumed = false
    /// The pull asked only for records after the tenant's high-water mark.
    public var incremental = false
    /// What the period reaches that Graph cannot hold (before its 30 days, after now).
    public var warnings: [String] = []
    /// Why the pull stopped before the end of the period; nil when it reached it.
    public var stopped: GraphPullError?
}

/// Progress of a pull, for a terminal's progress line.
public struct GraphPullProgress: Sendable {
    public var pages: Int
    public var records: Int
    /// This run's records (the rate's numerator: a resumed pull's earlier runs took their own time).
    public var recordsThisRun: Int
    public var elapsedSeconds: Double
    /// How far the newest record's start is through the period (records come in start order), 0...1.
    public var fraction: Double
}

/// Fetches a tenant's call records for a period from Graph into the state folder, page by page: lists
/// `/communications/callRecords` with a `startDateTime` filter and sessions and segments expanded, follows
/// `@odata.nextLink`, checks each page imports (strictly) before keeping it, and saves the resume point after
/// every page. Importing the fetched folder is the caller's (through the workspace's door), then `finish`.
public final class GraphPuller {
    let options: GraphPullOptions
    let progress: ((GraphPullProgress) -> Void)?
    private let transport: HTTPTransport
    private var retry: GraphRetryPolicy
    private var state: GraphPullState
    private var tokens: GraphTokenSource?
    private var fetch = GraphPullFetch()
    private let started = Date()

    private let shouldStop: @Sendable () -> Bool

    /// `shouldStop`: asked between pages, during waits and while a request is out (every tenth of a second);
    /// when it says yes (Ctrl-C), the pull stops as it does when the connection is lost: the pages fetched so far
    /// are kept, and the next run fetches the page it was on again.
    public init(options: GraphPullOptions, progress: ((GraphPullProgress) -> Void)? = nil,
                shouldStop: @escaping @Sendable () -> Bool = { false }) throws(GraphPullError) {
        self.options = options
        self.progress = progress
        self.shouldStop = shouldStop
        transport = GraphHTTP(timeoutSeconds: options.timeoutSeconds, shouldStop: shouldStop)
        retry = GraphRetryPolicy(maxTotalSeconds: options.maxWaitSeconds, shouldStop: shouldStop)
        state = try GraphPullState.load(options)
    }

    /// The stopped pull this tenant has, as "FROM to TO, page N", or nil.
    public var pendingDescription: String? {
        state.pending.map { "\($0.from) to \($0.to), \($0.pages) pages fetched" }
    }

    /// Drops a stopped pull (`restart=true`): the next fetch starts its period afresh.
    public func dropPending() throws(GraphPullError) {
        state.pending = nil
        try state.save(options)
    }

    /// Fetches until the period is done or the pull must stop. Throws only when nothing could start (bad
    /// credential file, refused token, a state that cannot be written); a stop after that is in `stopped`, with
    /// the pages fetched so far in `folder`.
    public func run(explicitFrom: Bool, explicitTo: Bool) throws(GraphPullError) -> GraphPullFetch {
        let credential = try options.credential.load()
        let tokens = GraphTokenSource(options: options, credential: credential, transport: transport)
        self.tokens = tokens
        if var p = state.pending {
            if (explicitFrom && p.from != iso(options.from!)) || (explicitTo && p.to != iso(options.to!)) {
                throw .usage("a pull of tenant \(options.tenant) for \(p.from) to \(p.to) stopped after \(p.pages) pages; run graph_pull without from and to (or with the same) to resume it, or with restart=true to drop it")
            }
            fetch.resumed = true
            if let f = p.folder, !FileManager.default.fileExists(atPath: f) { p.folder = nil }
            state.pending = p
        } else {
            let period = try GraphPullPeriod(from: options.from, to: options.to, highWater: state.highWater, now: options.now)
            fetch.incremental = period.incremental
            fetch.warnings = period.warnings
            state.pending = GraphPullState.Pending(from: period.from, to: period.to, next: listURL(filter: period.filter))
        }
        // A first token before the first page, so a refused credential stops the pull before any state changes.
        _ = try tokens.bearer()
        try state.save(options)
        fetch.from = state.pending!.from
        fetch.to = state.pending!.to
        fetch.pages = state.pending!.pages
        fetch.records = state.pending!.records
        drawProgress(done: false)
        do {
            try pages()
        } catch {
            fetch.stopped = error
        }
        fetch.folder = state.pending?.folder
        fetch.throttled = retry.throttled
        fetch.waitedSeconds = retry.waited
        fetch.tokenRequests = tokens.requests
        return fetch
    }

    /// After the caller imported `folder` (or there was none): the folder is done; a complete pull moves the
    /// high-water mark to its newest record and clears the resume point. Only a pull whose period reaches back
    /// to the mark moves it: a pull of a later period given by from= would otherwise make the next incremental
    /// pull skip the days between the mark and that from.
    public func finish() throws(GraphPullError) {
        guard var p = state.pending else { return }
        if fetch.stopped == nil && p.next.isEmpty {
            let contiguous = state.highWater.map { hw in (date(p.from) ?? .distantFuture) <= (date(hw) ?? .distantPast) } ?? true
            if contiguous, let newest = p.newest, state.highWater.map({ date($0) ?? .distantPast < date(newest) ?? .distantPast }) ?? true {
                state.highWater = newest
            }
            state.pending = nil
        } else {
            p.folder = nil
            p.folderPages = 0
            state.pending = p
        }
        try state.save(options)
    }

    private func listURL(filter: String) -> String {
        let base = options.baseURL.hasSuffix("/") ? String(options.baseURL.dropLast()) : options.baseURL
        return base + "/communications/callRecords?$filter=" + queryEncode(filter) + "&$expand=" + queryEncode("sessions($expand=segments)")
    }

    private func pages() throws(GraphPullError) {
        while let p = state.pending, !p.next.isEmpty {
            let number = p.pages + 1
            if shouldStop() { throw .interrupted(page: number) }
            let reply = try get(p.next, page: number)
            let (parsed, next) = try Self.parsePage(reply.body, page: number)
            var records = parsed
            var body = reply.body
            if records.contains(where: { $0["sessions"] == nil }) {
                records = try records.map { r throws(GraphPullError) in r["sessions"] == nil ? try single(r, page: number) : r }
                body = (try? JSONSerialization.data(withJSONObject: ["value": records])) ?? body
            }
            try checkImports(body, page: number)
            try keep(body, records: records, next: next ?? "")
        }
    }

    /// The page, or a malformed-page error naming what is wrong with it.
    static func parsePage(_ body: Data, page: Int) throws(GraphPullError) -> ([[String: Any]], String?) {
        let top: Any
        do { top = try JSONSerialization.jsonObject(with: body) } catch {
            let ns = error as NSError
            let why = (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? "not JSON"
            throw .malformedPage(page: page, reason: "not JSON (\(why))")
        }
        guard let o = top as? [String: Any] else { throw .malformedPage(page: page, reason: "not a JSON object") }
        guard let value = o["value"] as? [Any] else { throw .malformedPage(page: page, reason: "no \"value\" array of callRecords") }
        var records: [[String: Any]] = []
        for (i, r) in value.enumerated() {
            guard let r = r as? [String: Any] else { throw .malformedPage(page: page, reason: "value[\(i)] is not a callRecord object") }
            records.append(r)
        }
        let next = o["@odata.nextLink"]
        if next != nil && !(next is String) { throw .malformedPage(page: page, reason: "@odata.nextLink is not a string") }
        return (records, next as? String)
    }

    /// A page must import strictly on its own (into a scratch store) before it is kept: a bad page stops the
    /// pull there, and the pages before it are still imported.
    private func checkImports(_ body: Data, page: Int) throws(GraphPullError) {
        var scratch = CallStore()
        do { _ = try GraphCallRecordImporter.importData(body, name: "page \(page)", into: &scratch) } catch {
            throw .malformedPage(page: page, reason: "\(error)")
        }
    }

    /// A record the list gave without sessions, fetched with them ("Get callRecord"), following the sessions'
    /// own nextLink when a record has more than one page of them.
    private func single(_ r: [String: Any], page: Int) throws(GraphPullError) -> [String: Any] {
        guard let id = r["id"] as? String, !id.isEmpty else { throw .malformedPage(page: page, reason: "a callRecord has no id") }
        let base = options.baseURL.hasSuffix("/") ? String(options.baseURL.dropLast()) : options.baseURL
        var url = base + "/communications/callRecords/" + queryEncode(id) + "?$expand=" + queryEncode("sessions($expand=segments)")
        let reply = try get(url, page: page)
        guard var record = (try? JSONSerialization.jsonObject(with: reply.body)) as? [String: Any] else {
            throw .malformedPage(page: page, reason: "callRecord \(id) is not a JSON object")
        }
        var sessions = record["sessions"] as? [Any] ?? []
        var more = record["sessions@odata.nextLink"] as? String
        while let link = more {
            url = link
            let r = try get(url, page: page)
            guard let o = (try? JSONSerialization.jsonObject(with: r.body)) as? [String: Any], let v = o["value"] as? [Any] else {
                throw .malformedPage(page: page, reason: "the sessions of callRecord \(id) are not a collection")
            }
            sessions += v
            more = o["@odata.nextLink"] as? String
        }
        record["sessions"] = sessions
        record["sessions@odata.nextLink"] = nil
        fetch.recordsFetchedSingly += 1
        return record
    }

    /// Writes the page into the pull's folder, then the state that points past it.
    private func keep(_ body: Data, records: [[String: Any]], next: String) throws(GraphPullError) {
        var p = state.pending!
        if p.folder == nil {
            state.pulls += 1
            let folder = (GraphPullState.directory(options) as NSString).appendingPathComponent(String(format: "pull-%06d", state.pulls))
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw .state("\(folder): cannot be made: \(error)")
            }
            p.folder = folder
            p.folderPages = 0
        }
        p.folderPages += 1
        try writeDurably(body, to: (p.folder! as NSString).appendingPathComponent(String(format: "page-%06d.json", p.folderPages)))
        p.pages += 1
        p.records += records.count
        for r in records {
            if let id = r["id"] as? String { fetch.recordIds.append(id) }
            if let s = r["startDateTime"] as? String, let d = date(s), p.newest.flatMap(date).map({ d > $0 }) ?? true { p.newest = s }
        }
        p.next = next
        state.pending = p
        try state.save(options)
        fetch.pagesThisRun += 1
        fetch.recordsThisRun += records.count
        fetch.pages = p.pages
        fetch.records = p.records
        drawProgress(done: next.isEmpty)
    }

    private func drawProgress(done: Bool) {
        guard let progress, let p = state.pending else { return }
        var fraction = 0.0
        if let f = date(p.from), let t = date(p.to), let n = p.newest.flatMap(date), t > f {
            fraction = min(1, max(0, n.timeIntervalSince(f) / t.timeIntervalSince(f)))
        }
        if done { fraction = 1 } else { fraction = min(fraction, 0.99) }
        progress(GraphPullProgress(pages: p.pages, records: p.records, recordsThisRun: fetch.recordsThisRun, elapsedSeconds: Date().timeIntervalSince(started), fraction: fraction))
    }

    /// One GET with the bearer token: 429/503 waited out per Retry-After, an expired token asked for again
    /// once, a dropped connection tried again twice; any other error is Graph's own code and message.
    private func get(_ url: String, page: Int) throws(GraphPullError) -> HTTPReply {
        guard let tokens else { throw .state("no token source") }
        var attempt = 0, failures = 0, refreshed = false
        while true {
            let bearer: String
            do { bearer = try tokens.bearer() } catch {
                if case .interrupted = error { throw .interrupted(page: page) }
                throw error
            }
            let reply: HTTPReply
            do {
                reply = try transport.send("GET", url, headers: [("Authorization", "Bearer " + bearer), ("Accept", "application/json"),
                                                                 ("Prefer", "odata.maxpagesize=\(options.pageSize)")], body: nil)
            } catch is GraphStopRequested {
                throw .interrupted(page: page)
            } catch {
                failures += 1
                let why = describeTransport(error)
                if failures > retry.networkRetries { throw .network("\(why) (tried \(failures) times); run the pull again to resume", page: page) }
                try retry.wait(0.5 * pow(2, Double(failures - 1)), because: "page \(page): \(why)", throttle: false, page: page)
                continue
            }
            switch reply.status {
            case 200: return reply
            case 429, 503:
                attempt += 1
                let seconds = GraphRetryPolicy.delay(retryAfter: reply.header("Retry-After"), attempt: attempt, now: Date())
                try retry.wait(seconds, because: "page \(page): HTTP \(reply.status) (\(reply.status == 429 ? "throttled" : "service unavailable"))", throttle: true, page: page)
                // Time passed: the token may run out again, and may be renewed again.
                refreshed = false
            default:
                let (code, message) = Self.graphError(reply)
                if reply.status == 401 && code == "InvalidAuthenticationToken" && !refreshed {
                    refreshed = true
                    tokens.invalidate()
                    continue
                }
                throw .graph(status: reply.status, code: code, message: message, page: page)
            }
        }
    }

    /// Graph's error body: {"error": {"code": ..., "message": ...}} ("Microsoft Graph error responses and
    /// resource types").
    static func graphError(_ reply: HTTPReply) -> (String, String) {
        let o = (try? JSONSerialization.jsonObject(with: reply.body)) as? [String: Any]
        let e = o?["error"] as? [String: Any]
        let code = e?["code"] as? String ?? "HTTP \(reply.status)"
        let message = e?["message"] as? String ?? "no Graph error body"
        return (code, String(firstLine(message).prefix(500)))
    }
}

func iso(_ d: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: d)
}

/// A Graph DateTimeOffset ("2020-02-25T19:00:24.582757Z", with or without fractional seconds).
func date(_ s: String) -> Date? {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let d = f.date(from: s) { return d }
    f.formatOptions = [.withInternetDateTime]
    return f.date(from: s)
}

func queryEncode(_ s: String) -> String {
    let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~$()=,:")
    return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
}
