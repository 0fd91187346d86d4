/// Which capture devices count as certified (QER target: 80 % of audio streams on certified devices).
///
/// A device is certified when its name matches one of `certified` and none of `excluded`. Matching
/// ignores case; `*` in a pattern stands for any run of characters (none included), and a pattern
/// without `*` must equal the whole name. So "*Jabra*" is any device with Jabra in its name, "Jabra*"
/// one whose name starts with it, "Jabra Evolve 75" only that name. The exclusions exist because vendor
/// names recur in built-in hardware ("Microphone Array (Realtek...)" on a laptop whose speakerphone may
/// say "Jabra").
public struct DeviceCatalogue: Sendable, Equatable {
    public var certified: [String]
    public var excluded: [String]

    public init(certified: [String], excluded: [String] = []) {
        self.certified = certified.map { $0.lowercased() }
        self.excluded = excluded.map { $0.lowercased() }
    }

    /// The shipped default: vendors with Teams-certified headsets and speakerphones, minus built-ins.
    public static let `default` = DeviceCatalogue(
        certified: ["*Jabra*", "*Poly*", "*Plantronics*", "*Logitech*", "*Yealink*", "*EPOS*", "*Sennheiser*",
                    "*Microsoft Modern*", "*Surface Headphones*", "*AudioCodes*", "*Crestron*", "*Lenovo ThinkSmart*",
                    "*Shure*", "*Bose*", "*Sony WH*"],
        excluded: ["*Microphone Array*", "*Realtek*", "*Built-in*", "*Internal Microphone*", "*MacBook*", "*Conexant*",
                   "*Intel Smart Sound*", "*High Definition Audio*"])

    public func isCertified(_ device: String) -> Bool {
        let d = device.lowercased()
        guard !d.isEmpty else { return false }
        return certified.contains { Self.matches(d, $0) } && !excluded.contains { Self.matches(d, $0) }
    }

    /// Whether `name` matches `pattern` (both lowercased): `*` is any run, anything else itself. Compares
    /// Characters, not Foundation's `range(of:)`, which trapped "String index is out of bounds" on a
    /// Substring of some names (NULs, replacement characters, CRLF; found by fuzzing the catalogue).
    static func matches(_ name: String, _ pattern: String) -> Bool {
        guard pattern.contains("*") else { return name == pattern }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(Array.init)
        let chars = Array(name)
        // The first part is anchored at the start, the last at the end, the middle ones found in turn.
        guard chars.starts(with: parts[0]) else { return false }
        var from = parts[0].count
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let at = firstIndex(of: part, in: chars, from: from) else { return false }
            from = at + part.count
        }
        let last = parts[parts.count - 1]
        return chars.count - from >= last.count && chars.suffix(last.count).elementsEqual(last)
    }

    /// Whether `part` occurs in `chars`: what `matches(name, "*" + part + "*")` answers for a part without `*`.
    static func contains(_ chars: [Character], _ part: [Character]) -> Bool {
        part.isEmpty || firstIndex(of: part, in: chars, from: 0) != nil
    }

    private static func firstIndex(of part: [Character], in chars: [Character], from: Int) -> Int? {
        guard part.count <= chars.count - from else { return nil }
        for i in from...(chars.count - part.count) where chars[i] == part[0] && chars[i..<(i + part.count)].elementsEqual(part) {
            return i
        }
        return nil
    }

    /// A catalogue file: one name pattern per line; `!pattern` excludes; `#` starts a comment.
    public static func parse(_ text: String, file: String = "devices") throws -> DeviceCatalogue {
        var inc: [String] = [], exc: [String] = []
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // `isNewline`: a CRLF is one Character, equal to neither "\n" nor "\r".
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).enumerated() {
            if raw.utf8.count > RegularFile.maxLineBytes {
                throw ImportError(file: file, line: i + 1,
                                  message: "the line is \(raw.utf8.count) bytes, past the longest an import reads (\(RegularFile.maxLineBytes) bytes, 1 MiB)")
            }
            let line = trimField(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("!") { exc.append(String(line.dropFirst())) } else { inc.append(line) }
        }
        return DeviceCatalogue(certified: inc, excluded: exc)
    }
}
