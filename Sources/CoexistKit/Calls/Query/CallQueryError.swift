/// A query that cannot run, with a message a person can act on.
public enum CallQueryError: Error, CustomStringConvertible, Sendable, Equatable {
    case unknownField(String, suggestion: String?)
    case unknownMeasure(String, suggestion: String?)
    case badValue(field: String, value: String, expected: String)
    case badOperator(field: String, op: String, reason: String)
    case notGroupable(String, reason: String)
    case tooManyGroups(Int)
    /// A user dimension on a store no tenant registered it on.
    case noUserDirectory(String)
    /// `between(from, to)` with `to` before `from` (epoch seconds).
    case reversedRange(from: Double, to: Double)
    /// A `RowSelection` that does not fit the store the query runs on.
    case badSelection(String)

    public var description: String {
        switch self {
        case .unknownField(let n, let s):
            return "unknown field '\(n)'" + (s.map { "; did you mean '\($0)'?" } ?? "")
        case .unknownMeasure(let n, let s):
            return "unknown measure '\(n)'" + (s.map { "; did you mean '\($0)'?" } ?? "")
        case .badValue(let f, let v, let e):
            return "bad value '\(v)' for \(f): expected \(e)"
        case .badOperator(let f, let op, let r):
            return "operator '\(op)' cannot be used on \(f): \(r)"
        case .notGroupable(let f, let r):
            return "cannot group by \(f): \(r)"
        case .tooManyGroups(let n):
            return "the grouping has \(n) possible groups; group by fewer or coarser dimensions"
        case .reversedRange(let from, let to):
            func day(_ t: Double) -> String { UTCTimestamp(epochSeconds: t)?.text(time: t.truncatingRemainder(dividingBy: 86_400) != 0, separator: UInt8(ascii: "T")) ?? "\(t)" }
            return "between: the end (\(day(to))) is before the start (\(day(from))); give the earlier date first"
        case .badSelection(let why):
            return "row selection: \(why)"
        case .noUserDirectory(let n):
            return "\(n) comes from the tenant's user directory, and these streams have none attached"
        }
    }
}

/// Levenshtein distance, for "did you mean".
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8), b = Array(b.utf8)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}

/// The closest candidate, if it is close enough to be a plausible typo.
func closest(to name: String, in candidates: [String]) -> String? {
    // The table is |name| x |candidate| per candidate: a script's 16 MB string would take hours. No field or
    // measure name is near anything that long.
    guard name.utf8.count <= 256 else { return nil }
    let lower = name.lowercased()
    // A prefix counts as one edit, so "audio_poor_pctt" ties "audio_poor" (a prefix) with "audio_poor_pct"
    // (one edit): the true distance breaks the tie.
    var best: (String, Int, Int)?
    for c in candidates {
        let e = editDistance(lower, c)
        let d = c.hasPrefix(lower) || lower.hasPrefix(c) ? min(e, 1) : e
        if best == nil || (d, e) < (best!.1, best!.2) { best = (c, d, e) }
    }
    guard let (c, d, _) = best, d <= max(2, name.count / 2) else { return nil }
    return c
}
