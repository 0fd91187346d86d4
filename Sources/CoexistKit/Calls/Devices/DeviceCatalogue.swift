/// Which capture devices count as certified (QER target: 80 % of audio streams on certified devices).
///
/// A device is certified when its name contains one of `certified` and none of `excluded`
/// (case-insensitive). The exclusions exist because vendor names recur in built-in hardware
/// ("Microphone Array (Realtek...)" on a laptop whose speakerphone may say "Jabra").
public struct DeviceCatalogue: Sendable, Equatable {
    public var certified: [String]
    public var excluded: [String]

    public init(certified: [String], excluded: [String] = []) {
        self.certified = certified.map { $0.lowercased() }
        self.excluded = excluded.map { $0.lowercased() }
    }

    /// The shipped default: vendors with Teams-certified headsets and speakerphones, minus built-ins.
    public static let `default` = DeviceCatalogue(
        certified: ["Jabra", "Poly", "Plantronics", "Logitech", "Yealink", "EPOS", "Sennheiser",
                    "Microsoft Modern", "Surface Headphones", "AudioCodes", "Crestron", "Lenovo ThinkSmart",
                    "Shure", "Bose", "Sony WH"],
        excluded: ["Microphone Array", "Realtek", "Built-in", "Internal Microphone", "MacBook", "Conexant",
                   "Intel Smart Sound", "High Definition Audio"])

    public func isCertified(_ device: String) -> Bool {
        let d = device.lowercased()
        guard !d.isEmpty else { return false }
        return certified.contains { d.contains($0) } && !excluded.contains { d.contains($0) }
    }

    /// A catalogue file: one name pattern per line; `!pattern` excludes; `#` starts a comment.
    public static func parse(_ text: String) -> DeviceCatalogue {
        var inc: [String] = [], exc: [String] = []
        for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = trimField(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("!") { exc.append(String(line.dropFirst())) } else { inc.append(line) }
        }
        return DeviceCatalogue(certified: inc, excluded: exc)
    }
}
