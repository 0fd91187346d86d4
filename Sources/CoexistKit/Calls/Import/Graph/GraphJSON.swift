import Foundation

/// Typed reads from `JSONSerialization` output that fail with the JSON path of the offending value,
/// so an import error can say `$.sessions[0].segments[0].media[0].streams[1].averageJitter`.
struct GraphJSON {
    let value: Any?
    let path: String

    init(_ value: Any?, path: String) {
        self.value = value
        self.path = path
    }

    subscript(key: String) -> GraphJSON {
        GraphJSON((value as? [String: Any])?[key], path: path + "." + key)
    }

    /// Absent and JSON null are the same thing here: "not reported".
    var isNull: Bool { value == nil || value is NSNull }

    func fail(_ message: String, value shown: String? = nil) -> GraphFieldError {
        GraphFieldError(path: path, value: shown ?? describe(value), message: message)
    }

    var object: [String: Any]? { value as? [String: Any] }

    func requireObject() throws(GraphFieldError) -> [String: Any]? {
        if isNull { return nil }
        guard let o = value as? [String: Any] else { throw fail("expected an object") }
        return o
    }

    /// The elements of an array (empty when absent or null).
    func elements(_ name: String) throws(GraphFieldError) -> [GraphJSON] {
        let field = self[name]
        if field.isNull { return [] }
        guard let a = field.value as? [Any] else { throw field.fail("expected an array") }
        return a.enumerated().map { GraphJSON($0.element, path: "\(field.path)[\($0.offset)]") }
    }

    func string() throws(GraphFieldError) -> String? {
        if isNull { return nil }
        guard let s = value as? String else { throw fail("expected a string") }
        return s
    }

    /// A non-negative number; NaN and infinities are refused because they would poison averages.
    func number() throws(GraphFieldError) -> Double? {
        if isNull { return nil }
        guard let n = value as? NSNumber, !isJSONBoolean(n) else {
            throw fail("expected a number")
        }
        let d = n.doubleValue
        guard d.isFinite else { throw fail("expected a finite number") }
        guard d >= 0 else { throw fail("negative value; metrics are 0 or more") }
        return d
    }

    /// An ISO 8601 duration, in milliseconds.
    func durationMs() throws(GraphFieldError) -> Double? {
        guard let s = try string() else { return nil }
        guard let ms = ISO8601Duration.milliseconds(s) else {
            throw fail("bad ISO 8601 duration (want e.g. PT0.016S)", value: s)
        }
        return ms
    }

    /// An ISO 8601 date-time, as epoch seconds.
    func dateTime() throws(GraphFieldError) -> Int64? {
        guard var s = try string() else { return nil }
        let t = s.withUTF8 { $0.count > 0 ? ByteParsers.timestamp($0.baseAddress!, $0.count) : nil }
        guard let t else {
            let why = s.withUTF8 { $0.count > 0 ? "\(ByteParsers.timestampProblem($0.baseAddress!, $0.count))" : "bad date-time" }
            throw fail(why.replacingOccurrences(of: "bad date-time", with: "bad ISO 8601 date-time"), value: s)
        }
        return t
    }

    /// A Graph enum member through `parse` (which sees the `enumKey` form); `unknownFutureValue`, the
    /// member Graph adds to every evolvable enum, is `unknown`. Anything else unrecognised is an error.
    func member<T>(_ what: String, unknown: T, _ parse: (String) -> T?) throws(GraphFieldError) -> T? {
        guard let s = try string() else { return nil }
        let key = enumKey(s)
        if key == "unknownfuturevalue" { return unknown }
        guard let v = parse(key) else { throw fail("unknown \(what)", value: s) }
        return v
    }

    private func describe(_ v: Any?) -> String? {
        switch v {
        case nil: return nil
        case let s as String: return s
        case is NSNull: return "null"
        case let n as NSNumber: return n.stringValue
        case is [Any]: return "[...]"
        case is [String: Any]: return "{...}"
        default: return "\(v!)"
        }
    }
}

/// JSON `true` arrives as an NSNumber that `as? Double` and `is Bool` also accept (as does 1); only
/// its class tells them apart. A metric given as a Boolean is a type error, not 1.0.
private func isJSONBoolean(_ n: NSNumber) -> Bool {
    String(describing: type(of: n)).contains("Boolean")
}

/// A problem at one JSON path; the importer adds the file (and line, for JSON Lines).
struct GraphFieldError: Error {
    var path: String
    var value: String?
    var message: String
}
