extension BuildingFile {
    /// One row per building of the file: where it is, how many network ranges it holds, and whether they
    /// are inside the corporate network or a VPN pool (a building may mix them).
    public var table: ResultSet {
        var ranges = [Int](repeating: 0, count: buildings.count)
        var inside = [Bool](repeating: false, count: buildings.count)
        var vpn = [Bool](repeating: false, count: buildings.count)
        for r in self.ranges {
            ranges[r.building] += 1
            if r.insideCorp { inside[r.building] = true }
            if r.vpn { vpn[r.building] = true }
        }
        let rows: [[ResultValue]] = buildings.indices.sorted { buildings[$0].name < buildings[$1].name }.map { i in
            let b = buildings[i]
            func text(_ s: String) -> ResultValue { s.isEmpty ? .null : .string(s) }
            return [.string(b.name), text(b.city), text(b.country), text(b.region), .int(ranges[i]), .bool(inside[i]), .bool(vpn[i])]
        }
        return ResultSet(columns: [Column("building", .string), Column("city", .string), Column("country", .string),
                                   Column("region", .string), Column("ranges", .int), Column("inside", .bool), Column("vpn", .bool)],
                         rows: rows, title: "buildings in the building file")
    }
}
