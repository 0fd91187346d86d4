import ArgumentParser
import Foundation
import CoexistLua
import CoexistShell

/// `coexist [workspace options] pull [options]`: graph_pull from the command line. Each option is graph_pull's
/// of the same name (dashes for underscores); the pull runs as that call in a session on the workspace the
/// options before `pull` name, so the two cannot drift apart. The records go into a workspace file, so a pull
/// without one (--open FILE or FILE.db) is refused unless --state-dir says where its pages stay.
struct PullArguments: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coexist [FILE.db] pull",
        abstract: "Fetch call records from Microsoft Graph (graph_pull) into the workspace.",
        discussion: "Give one credential: --secret-env, --secret-file, or --cert-file with --key-file. A stopped pull resumes where it stopped; a pull without --from fetches only records newer than the last pull's. Progress shows on a terminal.")

    @Option(help: ArgumentHelp("The directory (tenant) id or a verified domain.", valueName: "TENANT"))
    var tenant: String?
    @Option(name: .customLong("client-id"), help: ArgumentHelp("The app registration's application (client) id.", valueName: "ID"))
    var clientId: String?
    @Option(name: .customLong("secret-env"), help: ArgumentHelp("Read the client secret from this environment variable.", valueName: "NAME"))
    var secretEnv: String?
    @Option(name: .customLong("secret-file"), help: ArgumentHelp("Read the client secret from this file (mode 600).", valueName: "FILE"))
    var secretFile: String?
    @Option(name: .customLong("cert-file"), help: ArgumentHelp("Certificate credential: the certificate (PEM) uploaded to the app.", valueName: "FILE"))
    var certFile: String?
    @Option(name: .customLong("key-file"), help: ArgumentHelp("The certificate's private key (PEM, mode 600).", valueName: "FILE"))
    var keyFile: String?
    @Option(help: ArgumentHelp("Records that started at or after this date (default: after the last pull's newest record, else 30 days back).", valueName: "DATE"))
    var from: String?
    @Option(help: ArgumentHelp("Records that started before this date (default: now).", valueName: "DATE"))
    var to: String?
    @Option(name: .customLong("base-url"), help: ArgumentHelp("Graph's root (default https://graph.microsoft.com/v1.0; https://graph.microsoft.us/v1.0 for US Government).", valueName: "URL"))
    var baseURL: String?
    @Option(name: .customLong("login-url"), help: ArgumentHelp("The identity platform's root (default https://login.microsoftonline.com; https://login.microsoftonline.us for US Government).", valueName: "URL"))
    var loginURL: String?
    @Option(name: .customLong("page-size"), help: ArgumentHelp("Records a page, 1-1000 (default 100).", valueName: "N"))
    var pageSize: Int?
    @Option(name: .customLong("state-dir"), help: ArgumentHelp("Where the pages, resume point and high-water mark are kept (default FILE.db.graph).", valueName: "DIR"))
    var stateDir: String?
    @Option(name: .customLong("max-wait"), help: ArgumentHelp("Seconds the pull may wait in all on throttling and retries (default 600).", valueName: "SECONDS"))
    var maxWait: Double?
    @Option(help: ArgumentHelp("Seconds one request may take (default 120).", valueName: "SECONDS"))
    var timeout: Double?
    @Flag(help: "Drop a stopped pull instead of resuming it.")
    var restart = false

    struct Failure: Error, CustomStringConvertible { let description: String }

    static let names = ["--tenant", "--client-id", "--secret-env", "--secret-file", "--cert-file", "--key-file", "--from", "--to",
                        "--base-url", "--login-url", "--page-size", "--state-dir", "--max-wait", "--timeout", "--restart", "--help"]

    static func apply(_ args: [String], to config: inout SessionConfig) throws {
        for a in args where a.hasPrefix("-") {
            let name = String(a.split(separator: "=", maxSplits: 1).first ?? "")
            if !names.contains(name) && name != "-h" { throw Failure(description: "unknown option '\(name)'" + didYouMean(name, names)) }
        }
        let parsed: PullArguments
        do { parsed = try PullArguments.parse(args) } catch {
            if PullArguments.exitCode(for: error) == .success { PullArguments.exit(withError: error) }
            throw Failure(description: PullArguments.message(for: error).split(separator: "\n").first.map(String.init) ?? "bad usage")
        }
        if config.workspaceFile == nil && parsed.stateDir == nil {
            throw Failure(description: "pull needs a workspace file to keep the records in: coexist FILE.db pull ... (or --open FILE pull ...), or --state-dir DIR")
        }
        config.evalChunks = [parsed.luaCall]
        config.interactiveAfter = false
        config.script = nil
        config.noRC = true
    }

    /// The graph_pull call, every value a Lua string or number literal written byte by byte (no value can
    /// end the string early), and a one-line summary of what it did.
    var luaCall: String {
        var fields: [String] = []
        func add(_ key: String, _ value: String?) { if let value { fields.append("\(key)=\(Self.literal(value))") } }
        add("tenant", tenant); add("client_id", clientId); add("secret_env", secretEnv); add("secret_file", secretFile)
        add("cert_file", certFile); add("key_file", keyFile); add("from", from); add("to", to); add("base_url", baseURL)
        add("login_url", loginURL); add("state_dir", stateDir)
        if let pageSize { fields.append("page_size=\(pageSize)") }
        if let maxWait { fields.append("max_wait=\(maxWait)") }
        if let timeout { fields.append("timeout=\(timeout)") }
        if restart { fields.append("restart=true") }
        return "local r = graph_pull{" + fields.joined(separator: ", ") + "}; "
            + #"io.write(("pulled %d records in %d pages (%s to %s): %d streams imported, %d duplicates, %d records already imported, %d throttled, %.1f s waited%s\n"):format(r.records, r.pages, r.from, r.to, r.imported, r.duplicates, r.already_imported, r.throttled, r.waited_s, r.resumed and ", resumed" or ""))"#
    }

    static func literal(_ s: String) -> String {
        "\"" + s.utf8.map { b in
            let c = Character(Unicode.Scalar(b))
            return (c.isLetter || c.isNumber) && b < 128 ? String(c) : "\\" + String(format: "%03d", Int(b))
        }.joined() + "\""
    }
}
