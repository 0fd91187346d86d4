import Foundation

/// When to try a request again, and how long to wait first. Graph answers 429 (and 503 when busy) with a
/// `Retry-After` in seconds or as an HTTP date, which the client must obey ("Microsoft Graph throttling
/// guidance"); without one, the wait doubles from one second. Every wait counts against the pull's
/// `maxWaitSeconds`, so a pull that is throttled for ever stops with a clear message instead of hanging.
struct GraphRetryPolicy {
    let maxTotalSeconds: Double
    /// The longest single wait (a Retry-After past it is refused rather than slept through).
    let maxSingleSeconds: Double = 300
    /// Connection failures are retried this many times in a row before the pull stops.
    let networkRetries = 2
    private(set) var waited: Double = 0
    private(set) var throttled = 0
    /// Ctrl-C: a wait is slept in tenths of a second and ends early when this says so.
    let shouldStop: @Sendable () -> Bool

    init(maxTotalSeconds: Double, shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.maxTotalSeconds = maxTotalSeconds
        self.shouldStop = shouldStop
    }

    /// The seconds a 429/503 asks to wait: Retry-After as seconds or an HTTP date, else 2^attempt.
    static func delay(retryAfter: String?, attempt: Int, now: Date) -> Double {
        if let r = retryAfter?.trimmingCharacters(in: .whitespaces), !r.isEmpty {
            if let s = Double(r), s >= 0, s.isFinite { return s }
            if let date = httpDate(r) { return max(0, date.timeIntervalSince(now)) }
        }
        return min(60, pow(2, Double(attempt)))
    }

    /// RFC 9110's IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT").
    static func httpDate(_ s: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.date(from: s)
    }

    /// Takes `seconds` from the budget (and sleeps them), or throws when the budget would be exceeded.
    mutating func wait(_ seconds: Double, because reason: String, throttle: Bool, page: Int) throws(GraphPullError) {
        if throttle { throttled += 1 }
        guard seconds <= maxSingleSeconds else {
            throw .gaveUp("\(reason): the server asks to wait \(Int(seconds)) s, more than the \(Int(maxSingleSeconds)) s a single wait may take; run the pull again later to resume")
        }
        guard waited + seconds <= maxTotalSeconds else {
            throw .gaveUp("\(reason): waited \(String(format: "%.1f", waited)) s in all and \(String(format: "%.1f", seconds)) s more would pass max_wait (\(Int(maxTotalSeconds)) s); run the pull again to resume")
        }
        let end = Date().addingTimeInterval(seconds)
        defer { waited += seconds - max(0, end.timeIntervalSinceNow) }
        while true {
            if shouldStop() { throw .interrupted(page: page) }
            let left = end.timeIntervalSinceNow
            if left <= 0 { return }
            Thread.sleep(forTimeInterval: min(0.1, left))
        }
    }
}
