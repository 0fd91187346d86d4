import CLua
import CLuaBridge
import CoexistGraph
import CoexistKit
import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `graph_pull{...}`: call records straight from Microsoft Graph into the store. The pages go to the tenant's
/// state folder first, then into the store as one `import_calls` of that folder through the workspace's door
/// (journaled, undoable, strict), so a pull is replayed like any import.
enum GraphPullBinding {
    static let keys: [String: OptionType] = [
        "tenant": .string, "client_id": .string, "secret_env": .string, "secret_file": .string, "cert_file": .string,
        "key_file": .string, "from": .date, "to": .date, "base_url": .string, "login_url": .string, "page_size": .integer,
        "state_dir": .string, "max_wait": .number, "timeout": .number, "restart": .boolean,
    ]

    static let doc = """
        graph_pull{tenant=, client_id=, secret_env= | secret_file= | cert_file= and key_file=, from=, to=, base_url=, login_url=, page_size=, state_dir=, max_wait=, timeout=, restart=}: \
        fetches the tenant's call records from Microsoft Graph (GET /communications/callRecords, startDateTime filter, sessions and segments expanded, every @odata.nextLink) \
        with the client-credentials flow and imports them as one import_calls change. The secret comes from an environment variable or a file only its owner can read, never from a value. \
        from/to: the period (default: from 48 hours before the newest record of the last complete pull, else 30 days back, Graph's retention; to now by the workspace clock). \
        An empty period (from not before to, from not before now, a last pull newer than to) is refused naming both dates, and Graph is not asked; \
        one reaching more than 30 days back or past now is pulled with a warning (Graph keeps call records 30 days). \
        429/503 are retried after Retry-After, waiting at most max_wait seconds in all (default 600); an expired token is renewed. \
        A pull that stops (connection lost, throttled too long, a malformed page, Ctrl-C) imports the pages it has fully fetched as one change and resumes at the next page when run again; \
        Ctrl-C cancels the request on its way within a tenth of a second, and the shell goes on (coexist pull exits 130). \
        Progress (records, pages, records/s, percent of the period, ETA) is drawn on stderr in place when it is a terminal, never in a pipe. \
        State (resume point, high-water mark) and pages are kept in state_dir/TENANT (default: FILE.graph beside an open workspace FILE). \
        base_url (default https://graph.microsoft.com/v1.0; https://graph.microsoft.us/v1.0 or https://dod-graph.microsoft.us/v1.0 for US Government) and \
        login_url (default https://login.microsoftonline.com; https://login.microsoftonline.us for US Government); page_size 1-1000 (default 100); timeout per request in seconds (default 120). \
        Returns {records=, pages=, imported=, duplicates=, already_imported= (records the store held before: a pull without from starts 48 hours before the last pull's newest record, for calls still going on then, whose records Graph creates only when they end), throttled=, waited_s=, token_requests=, from=, to=, resumed=, incremental=, folder=}
        """

    static func install(_ engine: LuaEngine, _ workspace: Workspace) {
        engine.register("graph_pull", doc: doc) { call in
            let table = try call.optTable(1)
            let o = try OptionTable(table, keys, what: "graph_pull")
            if Sandbox.isActive(call.L) { throw LuaError("graph_pull: not in the sandbox (it writes files and talks to the network)") }
            if workspace.isReadOnly { throw LuaError("graph_pull: this workspace was opened --readonly, and a pull changes it") }
            let options = try parse(o, workspace: workspace)
            let restart = try o.bool("restart") == true
            do {
                let report = try pull(options, explicitFrom: o["from"] != .nil, explicitTo: o["to"] != .nil,
                                      restart: restart, workspace: workspace)
                return call.results(report)
            } catch {
                // Ctrl-C set the count hook that raises "interrupted!"; left set, it fires as the error's message
                // handler is called and replaces this error (which says what was imported and where to resume)
                // with its own. The interrupt stays pending, so the session still knows (coexist pull exits 130).
                if bridge_interrupt_pending() != 0 { lua_sethook(call.L, nil, 0, 0) }
                throw error
            }
        }
    }

    static func parse(_ o: OptionTable, workspace: Workspace) throws -> GraphPullOptions {
        func required(_ key: String) throws -> String {
            guard let v = try o.string(key), !v.isEmpty else { throw LuaError("graph_pull: option '\(key)' is required") }
            return v
        }
        let tenant = try required("tenant")
        guard GraphPullOptions.isValidTenant(tenant) else {
            throw LuaError("graph_pull: tenant '\(tenant)' is not a tenant id (a GUID) or domain (letters, digits, '.', '-')")
        }
        let clientId = try required("client_id")
        guard clientId.count <= 100, clientId.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw LuaError("graph_pull: client_id '\(clientId)' is not an application (client) id (a GUID)")
        }
        let secretEnv = try o.string("secret_env"), secretFile = try o.string("secret_file")
        let certFile = try o.string("cert_file"), keyFile = try o.string("key_file")
        let credential: GraphCredentialSource
        switch (secretEnv, secretFile, certFile, keyFile) {
        case let (e?, nil, nil, nil): credential = .secretEnvironment(e)
        case let (nil, f?, nil, nil): credential = .secretFile(f)
        case let (nil, nil, c?, k?): credential = .certificate(certFile: c, keyFile: k)
        case (nil, nil, _?, nil): throw LuaError("graph_pull: cert_file needs key_file (the certificate's private key)")
        case (nil, nil, nil, _?): throw LuaError("graph_pull: key_file needs cert_file (the certificate uploaded to the app)")
        case (nil, nil, nil, nil): throw LuaError("graph_pull: give the credential: secret_env=, secret_file=, or cert_file= with key_file=")
        default: throw LuaError("graph_pull: give one credential: secret_env=, secret_file=, or cert_file= with key_file=")
        }
        let now = workspace.clock.now
        func date(_ key: String) throws -> Date? {
            let v = o[key]
            if v == .nil { return nil }
            do { return Date(timeIntervalSince1970: try LuaDateType.coerce(v, now: now).epochSeconds) } catch {
                throw LuaError("graph_pull: option '\(key)': \(error)")
            }
        }
        let from = try date("from"), to = try date("to")
        if let from, let to, from >= to { throw LuaError("graph_pull: from (\(from)) must be before to (\(to))") }
        let base = try o.string("base_url") ?? GraphPullOptions.defaultBaseURL
        let login = try o.string("login_url") ?? GraphPullOptions.defaultLoginURL
        do {
            try GraphPullOptions.checkURL(base, option: "base_url")
            try GraphPullOptions.checkURL(login, option: "login_url")
        } catch { throw LuaError("graph_pull: \(error)") }
        let pageSize = try o.integer("page_size") ?? Int64(GraphPullOptions.defaultPageSize)
        guard GraphPullOptions.pageSizes.contains(Int(clamping: pageSize)) else {
            throw LuaError("graph_pull: page_size \(pageSize) is out of range \(GraphPullOptions.pageSizes.lowerBound)-\(GraphPullOptions.pageSizes.upperBound)")
        }
        let maxWait = o["max_wait"].doubleValue ?? 600
        guard maxWait.isFinite, (0...86_400).contains(maxWait) else { throw LuaError("graph_pull: max_wait \(maxWait) is out of range 0-86400 seconds") }
        let timeout = o["timeout"].doubleValue ?? 120
        guard timeout.isFinite, (1...3_600).contains(timeout) else { throw LuaError("graph_pull: timeout \(timeout) is out of range 1-3600 seconds") }
        let stateDir: String
        if let s = try o.string("state_dir") {
            stateDir = s
        } else if let file = workspace.file {
            stateDir = file.path + ".graph"
        } else {
            throw LuaError("graph_pull: this workspace is in memory: give state_dir= (where the pull keeps its pages, resume point and high-water mark), or open a workspace file (coexist FILE.db), whose pull state is kept in FILE.db.graph")
        }
        var options = GraphPullOptions(tenant: tenant, clientId: clientId, credential: credential, from: from, to: to, baseURL: base,
                                       loginURL: login, pageSize: Int(pageSize), stateDirectory: stateDir, maxWaitSeconds: maxWait,
                                       timeoutSeconds: timeout)
        options.now = Date(timeIntervalSince1970: now.epochSeconds)
        return options
    }

    static func pull(_ options: GraphPullOptions, explicitFrom: Bool, explicitTo: Bool, restart: Bool,
                     workspace: Workspace) throws -> LuaValue {
        let fetch: GraphPullFetch
        let puller: GraphPuller
        let line = GraphPullProgressLine.make(tenant: options.tenant)
        do {
            // Ctrl-C at the prompt (or in `coexist pull`) sets the bridge's pending interrupt; the puller looks at
            // it every tenth of a second and stops like a lost connection: what it fetched is imported below.
            puller = try GraphPuller(options: options, progress: line.map { l in { l.draw($0) } },
                                     shouldStop: { bridge_interrupt_pending() != 0 })
            if restart { try puller.dropPending() }
            fetch = try puller.run(explicitFrom: explicitFrom, explicitTo: explicitTo)
        } catch {
            line?.end()
            throw LuaError("graph_pull: \(error)")
        }
        line?.end()
        for w in fetch.warnings { fputs("warning: graph_pull: \(w)\n", bridge_stderr()) }
        var imported = 0, duplicates = 0
        var warnings: [String] = []
        // Counted before the import: the records of this run the store already holds (an incremental pull
        // fetches the last 48 hours again, for the calls that were still going on at the last pull).
        let held = workspace.calls.callIds
        let already = Set(fetch.recordIds).reduce(0) { $0 + (held.code(of: $1) == nil ? 0 : 1) }
        if let folder = fetch.folder {
            do {
                let source = try ImportSource.read(folder, folder: true)
                let report = try workspace.apply(.importCalls(source.stamp), who: TenantSource.who, at: workspace.clock.now.epochSeconds,
                                                 source: source)
                imported = report.streams?.imported ?? 0
                duplicates = report.streams?.duplicates ?? 0
                warnings = report.streams?.warnings ?? []
            } catch {
                throw LuaError("graph_pull: the fetched pages in \(folder) did not import (the store is unchanged; run graph_pull again to retry): \(error)")
            }
        }
        do { try puller.finish() } catch { throw LuaError("graph_pull: \(error)") }
        for w in warnings { fputs("warning: graph_pull: \(w)\n", bridge_stderr()) }
        if let stopped = fetch.stopped {
            throw LuaError("graph_pull: \(stopped) (this run fetched \(fetch.recordsThisRun) records in \(fetch.pagesThisRun) pages and imported \(imported) streams; "
                + (stopped.isResumable ? "run graph_pull again to resume at page \(fetch.pages + 1))" : "nothing more was fetched)"))
        }
        func int(_ n: Int) -> LuaValue { .integer(Int64(n)) }
        return .table(LuaTable(fields: [
            (.string("records"), int(fetch.recordsThisRun)), (.string("pages"), int(fetch.pagesThisRun)),
            (.string("imported"), int(imported)), (.string("duplicates"), int(duplicates)),
            (.string("already_imported"), int(already)),
            (.string("throttled"), int(fetch.throttled)), (.string("waited_s"), .number(fetch.waitedSeconds)),
            (.string("token_requests"), int(fetch.tokenRequests)), (.string("from"), .string(fetch.from)),
            (.string("to"), .string(fetch.to)), (.string("resumed"), .boolean(fetch.resumed)),
            (.string("incremental"), .boolean(fetch.incremental)),
            (.string("folder"), fetch.folder.map { .string($0) } ?? .nil),
        ]))
    }
}
