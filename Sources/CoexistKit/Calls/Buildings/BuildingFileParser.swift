extension BuildingFile {
    static let columnNames = ["NetworkIP", "NetworkName", "NetworkRange", "BuildingName", "OwnershipType",
                              "BuildingType", "BuildingOfficeType", "City", "ZipCode", "Country", "State",
                              "Region", "InsideCorp", "ExpressRoute", "VPN"]

    /// CQD's upload refuses a file past this many rows once VPN=1 rows are expanded to every address
    /// ("Upload tenant and building data in Call Quality Dashboard").
    public static let maxExpandedRows = 1_000_000

    /// Parses a CQD building file ("Upload tenant and building data in Call Quality Dashboard"): no header, 15 columns, comma or tab separated,
    /// prefixes /8 to /28 (to /32 on VPN=1 rows, which CQD expands address by address), Booleans 0 or 1.
    /// Refused, naming the line: overlapping ranges (CQD mis-maps subnets when they overlap), a
    /// NetworkIP with host bits set (10.1.2.5 with range 24 is a typo for 10.1.2.0 or for another
    /// range: guessing would map a building wrongly), and a file whose expanded rows pass 1,000,000.
    public static func parse(_ text: String, file: String = "buildings") throws -> BuildingFile {
        var text = text
        return try text.withUTF8 { try parse(UnsafeRawBufferPointer($0), file: file) }
    }

    /// The file's records through the one CSV reader (`CSVRecordReader`), tab-separated when its first
    /// line holds a tab, so quoted names ("Seattle, WA") keep their commas.
    static func parse(_ raw: UnsafeRawBufferPointer, file: String) throws -> BuildingFile {
        var result = BuildingFile()
        var expandedRows = 0, vpnAddresses = 0
        let firstLine = raw.prefix { $0 != 10 }
        let sep: UInt8 = firstLine.contains(9) ? 9 : 44
        var reader = CSVRecordReader(raw, file: file, separator: sep)
        reader.names = columnNames.enumerated().map { "\($1) (column \($0 + 1))" }
        while let record = try reader.next() {
            let lineNo = record.line
            if record.fields.count == 1 && record.fields[0].allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let cols = record.fields.map { trimField(Substring($0)) }
            func fail(_ col: Int, _ message: String) -> CallImportError {
                CallImportError(file: file, line: lineNo, field: reader.names[col], value: cols[col], message: message)
            }
            guard cols.count == 15 else {
                throw CallImportError(file: file, line: lineNo, value: record.fields.joined(separator: String(UnicodeScalar(sep))),
                                      message: "expected 15 columns, found \(cols.count)")
            }
            guard let ip = IPv4.parse(cols[0]) else { throw fail(0, "not an IPv4 address") }
            guard let prefix = Int(cols[2]) else { throw fail(2, "not a whole number") }
            let vpnRow = cols[14] == "1"
            guard (8...28).contains(prefix) || (vpnRow && (29...32).contains(prefix)) else {
                throw fail(2, "network range must be 8 to 28 (29 to 32 only on VPN=1 rows)")
            }
            guard ip & IPv4.mask(prefix) == ip else {
                throw fail(0, "is not the network address of a /\(prefix) range; did you mean \(IPv4.format(ip & IPv4.mask(prefix)))?")
            }
            func bool(_ col: Int, default d: Bool?) throws -> Bool {
                switch cols[col] {
                case "1": return true
                case "0": return false
                case "": if let d { return d }
                default: break
                }
                throw fail(col, "must be 0 or 1")
            }
            let inside = try bool(12, default: nil)
            let express = try bool(13, default: nil)
            let vpn = try bool(14, default: false)
            expandedRows += vpn ? 1 << (32 - prefix) : 1
            if vpn { vpnAddresses += 1 << (32 - prefix) }
            if expandedRows > maxExpandedRows {
                throw CallImportError(file: file, line: lineNo, field: vpn ? reader.names[14] : nil,
                                      message: "the file has \(expandedRows) rows once its VPN=1 rows are expanded to every "
                                        + "address (\(vpnAddresses) VPN addresses by this line), past CQD's limit of 1,000,000; "
                                        + "use smaller VPN ranges, or VPN=0 on the large ones")
            }
            let b = Building(name: cols[3], ownershipType: cols[4], buildingType: cols[5], officeType: cols[6],
                             city: cols[7], zipCode: cols[8], country: cols[9], state: cols[10], region: cols[11])
            let r = BuildingRange(network: ip & IPv4.mask(prefix), prefix: prefix, networkName: cols[1], building: 0,
                                  insideCorp: inside, expressRoute: express, vpn: vpn, line: lineNo)
            result.add(r, building: b)
        }
        try result.checkOverlaps(file: file)
        return result
    }

    /// CIDR blocks are nested or disjoint, so after sorting by start an overlap is always with the
    /// block that reaches furthest so far.
    func checkOverlaps(file: String) throws {
        let order = ranges.indices.sorted {
            (ranges[$0].network, ranges[$0].prefix) < (ranges[$1].network, ranges[$1].prefix)
        }
        var reach: (end: UInt64, index: Int)?
        for i in order {
            let r = ranges[i]
            let start = UInt64(r.network)
            let end = start + (UInt64(1) << UInt64(32 - r.prefix)) - 1
            if let (prevEnd, j) = reach, start <= prevEnd {
                let p = ranges[j]
                let (first, second) = p.line <= r.line ? (p, r) : (r, p)
                throw CallImportError(
                    file: file, line: second.line, field: "NetworkIP (column 1)", value: IPv4.format(second.network),
                    message: "range \(IPv4.format(second.network))/\(second.prefix) overlaps "
                        + "\(IPv4.format(first.network))/\(first.prefix) on line \(first.line)")
            }
            if reach == nil || end > reach!.end { reach = (end, i) }
        }
    }

    /// Writes the file in CQD's comma-separated form.
    public func csv() -> String {
        var out = ""
        for r in ranges {
            let b = buildings[r.building]
            let cols = [IPv4.format(r.network), r.networkName, String(r.prefix), b.name, b.ownershipType,
                        b.buildingType, b.officeType, b.city, b.zipCode, b.country, b.state, b.region,
                        r.insideCorp ? "1" : "0", r.expressRoute ? "1" : "0", r.vpn ? "1" : "0"]
            out += cols.joined(separator: ",") + "\n"
        }
        return out
    }
}

/// Spaces around a field and one pair of quotes go; CQD files are often hand-edited.
func trimField(_ s: Substring) -> String {
    var t = s
    while let f = t.first, f == " " { t = t.dropFirst() }
    while let l = t.last, l == " " { t = t.dropLast() }
    if t.count >= 2 && t.first == "\"" && t.last == "\"" { t = t.dropFirst().dropLast() }
    return String(t)
}
