/// Suggests the name a user probably meant ("TeamOnly" -> "TeamsOnly").
public enum EditDistance {
    /// Levenshtein distance, compared case-insensitively.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The closest candidate, or nil when even the closest needs more edits than half its length
    /// (a suggestion that far off misleads more than it helps).
    public static func nearest(to name: String, in candidates: [String]) -> String? {
        var best: (String, Int)?
        let length = name.count
        for c in candidates {
            // The length difference bounds the distance from below: skip a candidate that cannot be near,
            // so a 16 MB name costs one pass, not a 16 MB x candidate-length table per candidate.
            let limit = Swift.max(2, c.count / 2)
            guard abs(length - c.count) <= limit else { continue }
            let d = distance(name, c)
            if best == nil || d < best!.1 { best = (c, d) }
        }
        guard let (candidate, d) = best, d <= Swift.max(2, candidate.count / 2) else { return nil }
        return candidate
    }
}
