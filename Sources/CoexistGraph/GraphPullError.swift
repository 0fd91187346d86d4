/// Why a pull stopped. Every message is written here from parts that hold no secret: the client secret, the
/// assertion and the bearer token are never put in one (the tests grep every output for the secret).
public enum GraphPullError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A bad option or credential file, before anything was sent.
    case usage(String)
    /// The token endpoint refused: AAD's `error` and the first line of its `error_description` (which starts
    /// with the AADSTS code, e.g. "AADSTS7000215: Invalid client secret provided").
    case token(status: Int, code: String, message: String)
    /// Graph answered with an error: HTTP status, and Graph's own `error.code` and `error.message`.
    case graph(status: Int, code: String, message: String, page: Int)
    /// Throttled (429/503) or failing for longer than the pull may wait.
    case gaveUp(String)
    /// The connection failed (refused, dropped, timed out) after the retries.
    case network(String, page: Int)
    /// A page that is not a callRecord collection, or whose records do not import.
    case malformedPage(page: Int, reason: String)
    /// The state folder cannot be read or written.
    case state(String)
    /// Ctrl-C (SIGINT) while fetching this page: the request or the wait was cut short; the page is fetched
    /// again by the next run.
    case interrupted(page: Int)

    public var description: String {
        switch self {
        case .usage(let m): return m
        case let .token(status, code, message):
            return "the token request was refused (HTTP \(status)): \(code): \(message)"
        case let .graph(status, code, message, page):
            return "Graph answered HTTP \(status) for page \(page): \(code): \(message)"
        case .gaveUp(let m): return m
        case let .network(m, page): return "page \(page): \(m)"
        case let .malformedPage(page, reason): return "page \(page) is malformed: \(reason)"
        case .state(let m): return m
        case .interrupted(let page):
            return page == 0 ? "interrupted (Ctrl-C) while asking for a token" : "interrupted (Ctrl-C) while fetching page \(page)"
        }
    }

    /// Whether the pull can resume from where it stopped by running it again (the resume point was kept).
    public var isResumable: Bool {
        switch self {
        case .gaveUp, .network, .malformedPage, .graph, .interrupted: return true
        default: return false
        }
    }
}
