/// A JSON value in a Graph callRecord as the mapper reads it: typed reads that fail with the JSON path of
/// the offending value, so an import error can say `$.sessions[0].segments[0].media[0].streams[1].averageJitter`.
///
/// The importer reads simdjson's tape (`GraphTapeNode`); the tests' oracle reads Foundation's
/// JSONSerialization output through the same mapper, which is how the two are compared row by row.
protocol GraphNode {
    subscript(key: String) -> Self { get }
    /// Absent and JSON null are the same thing here: "not reported".
    var isNull: Bool { get }
    var isObject: Bool { get }
    /// The elements when this is an array, else nil.
    var arrayElements: [Self]? { get }
    /// The text when this is a string, else nil.
    var stringValue: String? { get }
    /// The value when this is a number (never a Boolean: `true` is not 1), else nil.
    var numberValue: Double? { get }
    /// The value as an error shows it (nil when absent).
    var shown: String? { get }
    /// `$` for the record itself, `$.sessions[0].id` below it.
    var path: String { get }
}

extension GraphNode {
    func fail(_ message: String, value: String? = nil) -> GraphFieldError {
        GraphFieldError(path: path, value: value ?? shown, message: message)
    }

    func requireObject() throws(GraphFieldError) {
        if isNull { return }
        guard isObject else { throw fail("expected an object") }
    }

    /// The elements of an array (empty when absent or null).
    func elements(_ name: String) throws(GraphFieldError) -> [Self] {
        let field = self[name]
        if field.isNull { return [] }
        guard let a = field.arrayElements else { throw field.fail("expected an array") }
        return a
    }

    func string() throws(GraphFieldError) -> String? {
        if isNull { return nil }
        guard let s = stringValue else { throw fail("expected a string") }
        return s
    }

    /// A non-negative number; NaN and infinities are refused because they would poison averages.
    func number() throws(GraphFieldError) -> Double? {
        if isNull { return nil }
        guard let d = numberValue else { throw fail("expected a number") }
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
}

/// A problem at one JSON path; the importer adds the file (and line, for JSON Lines).
struct GraphFieldError: Error {
    var path: String
    var value: String?
    var message: String
}
