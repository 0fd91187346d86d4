/// One row of the CQD endpoint file ("Upload tenant and building data in Call Quality Dashboard").
public struct EndpointInfo: Sendable, Equatable {
    public var name: String
    public var make: String
    public var model: String
    public var type: String
    public var labels: [String]
}

/// The CQD endpoint file: no header, 7 string columns (at most 64 characters), comma or tab separated,
/// EndpointName unique. It joins to an endpoint (machine) name, which the stream columns do not carry;
/// it is kept for lookups by name.
public struct EndpointFile: Sendable, Equatable {
    public private(set) var endpoints: [String: EndpointInfo] = [:]

    public init() {}

    public subscript(name: String) -> EndpointInfo? { endpoints[name] }

    public static func parse(_ text: String, file: String = "endpoints") throws -> EndpointFile {
        var result = EndpointFile()
        var text = Substring(text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        var lineNo = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNo += 1
            var line = raw
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " }) { continue }
            let sep: Character = line.contains("\t") ? "\t" : ","
            let cols = line.split(separator: sep, omittingEmptySubsequences: false).map { trimField($0) }
            guard cols.count == 7 else {
                throw CallImportError(file: file, line: lineNo, value: String(line),
                                      message: "expected 7 columns, found \(cols.count)")
            }
            if let long = cols.firstIndex(where: { $0.count > 64 }) {
                throw CallImportError(file: file, line: lineNo, field: "column \(long + 1)", value: cols[long],
                                      message: "longer than 64 characters")
            }
            guard !cols[0].isEmpty else {
                throw CallImportError(file: file, line: lineNo, field: "EndpointName", message: "is empty")
            }
            guard result.endpoints[cols[0]] == nil else {
                throw CallImportError(file: file, line: lineNo, field: "EndpointName", value: cols[0],
                                      message: "appears twice; names must be unique")
            }
            result.endpoints[cols[0]] = EndpointInfo(name: cols[0], make: cols[1], model: cols[2], type: cols[3],
                                                     labels: Array(cols[4...6]))
        }
        return result
    }
}
