/// A catalogue written for substring matching ("Jabra" meaning any Jabra device) certifies nothing now
/// that a pattern without `*` must equal the whole name; this says so instead of letting the
/// certified-device share drop to zero without a word.
extension DeviceCatalogue {
    /// One warning per plain pattern that equals no device name in `devices` but occurs inside some.
    public func plainPatternWarnings(devices: [String]) -> [String] {
        let names = devices.map { $0.lowercased() }.filter { !$0.isEmpty }
        guard !names.isEmpty else { return [] }
        // Each name's characters once, not once per pattern: a catalogue of thousands of lines (any text file
        // passed by mistake) made this quadratic in allocations and took tens of seconds.
        let nameSet = Set(names)
        let nameChars = names.map(Array.init)
        var out: [String] = []
        for (pattern, excludes) in certified.map({ ($0, false) }) + excluded.map({ ($0, true) }) where !pattern.contains("*") {
            guard !nameSet.contains(pattern) else { continue }
            // Character by character, as matching is (`DeviceCatalogue.matches(name, "*" + pattern + "*")`):
            // Foundation's contains traps on some NUL and U+FFFD mixes (a fuzzed catalogue found it).
            let part = Array(pattern)
            let containing = nameChars.filter { DeviceCatalogue.contains($0, part) }.count
            guard containing > 0 else { continue }
            out.append("device pattern '\(excludes ? "!" : "")\(pattern)' equals no device name, but \(containing) device name(s) contain it: a pattern without * must equal the whole name; write '\(excludes ? "!" : "")*\(pattern)*' to match them")
        }
        return out
    }
}

extension CallStore {
    /// `DeviceCatalogue.plainPatternWarnings` over the devices the store has seen.
    public var devicePatternWarnings: [String] { deviceCatalogue.plainPatternWarnings(devices: devices.strings) }
}
