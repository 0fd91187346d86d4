/// An error a host function reports to Lua; its message becomes the Lua error message.
public struct LuaError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    public static let interrupted = LuaError("interrupted!")
}

/// Levenshtein distance, for "did you mean" suggestions on misspelt names.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The candidate closest to `name`, if it is close enough to be what the user meant.
public func closestName(to name: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(name, $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
    return best.1 <= max(2, name.count / 3) ? best.0 : nil
}

/// " (did you mean 'x'?)" or "".
public func didYouMean(_ name: String, _ candidates: [String]) -> String {
    closestName(to: name, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
}
