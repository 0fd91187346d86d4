import AsyncHTTPClient
import Foundation
import NIOCore

/// One HTTP answer, whole.
struct HTTPReply {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: Data

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// A transport: the real one is `GraphHTTP`; tests of the retry policy need none (they go through the local
/// server end to end).
protocol HTTPTransport {
    func send(_ method: String, _ url: String, headers: [(String, String)], body: Data?) throws -> HTTPReply
}

/// The user asked the pull to stop (Ctrl-C) while a request was on its way: the request was cancelled.
struct GraphStopRequested: Error {}

/// Blocking requests over AsyncHTTPClient: the pull runs inside a Lua call, which cannot suspend, so each
/// request waits for its answer (never on an event-loop thread). It waits in slices of a tenth of a second and
/// asks `shouldStop` between them, so Ctrl-C cancels a request within that, not after the request's timeout.
final class GraphHTTP: HTTPTransport {
    private let client: HTTPClient
    private let shouldStop: @Sendable () -> Bool

    init(timeoutSeconds: Double, shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.shouldStop = shouldStop
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(15), read: .milliseconds(Int64(timeoutSeconds * 1000)))
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    deinit { try? client.syncShutdown() }

    func send(_ method: String, _ url: String, headers: [(String, String)], body: Data?) throws -> HTTPReply {
        var request = try HTTPClient.Request(url: url, method: method == "POST" ? .POST : .GET,
                                             body: body.map { .data($0) })
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let task = client.execute(request: request, delegate: ResponseAccumulator(request: request))
        let answered = DispatchSemaphore(value: 0)
        task.futureResult.whenComplete { _ in answered.signal() }
        while answered.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
            if shouldStop() {
                task.cancel()
                answered.wait()
                throw GraphStopRequested()
            }
        }
        let response = try task.futureResult.wait()
        var data = Data()
        if let buffer = response.body, let bytes = buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) {
            data = Data(bytes)
        }
        return HTTPReply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: data)
    }
}

/// What a failed connection says, without the URL's query (which holds nothing secret, but is long).
func describeTransport(_ error: Error) -> String {
    if let e = error as? HTTPClientError {
        switch e {
        case .remoteConnectionClosed: return "the server closed the connection"
        case .readTimeout: return "no answer within the timeout"
        case .connectTimeout: return "the connection timed out"
        default: return "\(e)"
        }
    }
    let text = "\(error)"
    if text.contains("connectionRefused") || text.contains("Connection refused") { return "the connection was refused" }
    return text
}
