import Foundation

/// What one pull asks for: whose records, which period, with which credential, from which cloud. Built by
/// `graph_pull{...}` (and so by `coexist pull`), validated there; everything here is already checked.
public struct GraphPullOptions: Sendable {
    /// The directory (tenant) id or a verified domain, as the token endpoint takes it.
    public var tenant: String
    /// The app registration's application (client) id.
    public var clientId: String
    public var credential: GraphCredentialSource
    /// Records that started at or after `from` and before `to` (Graph's `startDateTime ge/lt` filter).
    /// nil `from`: from 48 hours before the tenant's high-water mark (the newest record pulled before; see
    /// `GraphPullPeriod.overlapSeconds`), else 30 days back
    /// (Graph keeps call records for 30 days: "List callRecords").
    public var from: Date?
    /// nil: now.
    public var to: Date?
    /// Graph's root with its version, e.g. https://graph.microsoft.com/v1.0 (https://graph.microsoft.us/v1.0
    /// for US Government L4, https://dod-graph.microsoft.us/v1.0 for L5).
    public var baseURL: String
    /// The identity platform's root: https://login.microsoftonline.com (https://login.microsoftonline.us for
    /// the US Government clouds).
    public var loginURL: String
    /// Records a page (`Prefer: odata.maxpagesize`).
    public var pageSize: Int
    /// Where the pull's pages and its state (resume point, high-water mark) are kept, one folder per tenant.
    public var stateDirectory: String
    /// The most seconds the whole pull may spend waiting on 429/503 and retries before it gives up.
    public var maxWaitSeconds: Double
    /// Seconds one request may take.
    public var timeoutSeconds: Double
    /// "Now", from the workspace's clock (COEXIST_NOW fixes it): the default end of the period.
    public var now: Date = Date()

    public static let defaultBaseURL = "https://graph.microsoft.com/v1.0"
    public static let defaultLoginURL = "https://login.microsoftonline.com"
    public static let pageSizes = 1...1000
    public static let defaultPageSize = 100

    public init(tenant: String, clientId: String, credential: GraphCredentialSource, from: Date? = nil, to: Date? = nil,
                baseURL: String = defaultBaseURL, loginURL: String = defaultLoginURL, pageSize: Int = defaultPageSize,
                stateDirectory: String, maxWaitSeconds: Double = 600, timeoutSeconds: Double = 120) {
        self.tenant = tenant
        self.clientId = clientId
        self.credential = credential
        self.from = from
        self.to = to
        self.baseURL = baseURL
        self.loginURL = loginURL
        self.pageSize = pageSize
        self.stateDirectory = stateDirectory
        self.maxWaitSeconds = maxWaitSeconds
        self.timeoutSeconds = timeoutSeconds
    }

    /// The token's scope: the Graph host's `/.default` (a national cloud's Graph has its own host).
    var scope: String {
        guard let url = URL(string: baseURL), let scheme = url.scheme, let host = url.host else {
            return "https://graph.microsoft.com/.default"
        }
        let port = url.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)/.default"
    }

    var tokenURL: String {
        (loginURL.hasSuffix("/") ? String(loginURL.dropLast()) : loginURL) + "/\(tenant)/oauth2/v2.0/token"
    }

    /// A tenant id or domain: letters, digits, '.', '-' (it names a folder and a URL path segment).
    public static func isValidTenant(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 255 && s.first != "." && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
    }

    /// A URL option must be http(s) with a host; plain http only on a loopback host (the local Graph of the
    /// tests), since a bearer token or a secret would otherwise cross the network in the clear.
    public static func checkURL(_ s: String, option: String) throws(GraphPullError) {
        guard let url = URL(string: s), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
              url.query == nil, url.fragment == nil else {
            throw .usage("\(option) '\(s)' is not a URL like https://graph.microsoft.com/v1.0")
        }
        if scheme == "https" { return }
        if scheme == "http" && ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) { return }
        throw .usage("\(option) '\(s)' must be https (plain http only to 127.0.0.1 or localhost, for a local test server)")
    }
}
