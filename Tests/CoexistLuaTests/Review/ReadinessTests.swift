import Testing
import CoexistKit
@testable import CoexistLua

/// Network readiness measured from the call records: per building and network type against the network targets
/// of "Prepare your organization's network for Microsoft Teams" and the QER guide's internal targets, small
/// samples marked; a cohort is not ready while a building its users sit in fails.
@Suite(.serialized) struct ReadinessTests {
    /// The verdict of one row of a readiness table.
    func verdict(_ rs: ResultSet, _ building: String, _ network: String, _ metric: String) -> ResultValue? {
        let b = rs.columnIndex("building")!, n = rs.columnIndex("network")!, m = rs.columnIndex("metric")!, v = rs.columnIndex("verdict")!
        return rs.rows.first { $0[b] == .string(building) && $0[n] == .string(network) && $0[m] == .string(metric) }?[v]
    }

    func flag(_ rs: ResultSet, _ name: String) -> [ResultValue]? { rs.rows.first { $0[0] == .string(name) } }

    /// Users of a cohort sitting in the given buildings, from the cohort's own summary.
    func users(_ s: QERSession, _ cohort: String, in buildings: Set<String>, complement: Bool = false) throws -> Int {
        try s.resultSet("cohort('\(cohort)'):summary('building')").rows.reduce(0) { n, row in
            guard case .string(let b) = row[0], case .int(let k) = row[1] else { return n }
            return buildings.contains(b) != complement ? n + k : n
        }
    }

    // MARK: the demo tenant

    @Test func aCohortInFailingBuildingsIsNotReady() throws {
        let s = try QERSession(Workspace.demo())
        let rs = try s.resultSet("cohort('Wave 2'):readiness()")
        let row = try #require(flag(rs, "network_not_ready"))
        #expect(row[2] == .bool(true))
        #expect(row[3] == .string("buildings failing network readiness (measured 2026-10): NYC-1, SEA-2"))
        #expect(row[1] == .int(try users(s, "Wave 2", in: ["NYC-1", "SEA-2"])))
        // readiness{cohort=} shows the figures behind it: the buildings its users sit in, and only those.
        let figures = try s.resultSet("readiness{cohort = 'Wave 2'}")
        #expect(figures.title == "network readiness, 2026-10: failing NYC-1, SEA-2")
        let sitIn = Set(try s.resultSet("cohort('Wave 2'):summary('building')").rows.compactMap { r -> String? in
            if case .string(let b) = r[0] { return b }; return nil
        })
        let shown = Set(figures.rows.compactMap { r -> String? in if case .string(let b) = r[0] { return b }; return nil })
        #expect(shown == sitIn)
    }

    @Test func theTenantsReadinessNamesThePlantedBuildingsAndNoHealthyOne() throws {
        let s = try QERSession(Workspace.demo())
        let rs = try s.resultSet("readiness()")
        #expect(rs.title == "network readiness, 2026-10: failing NYC-1, SEA-2, VPN")
        #expect(verdict(rs, "SEA-2", "wifi", "audio_poor_pct") == .string("misses"))
        #expect(verdict(rs, "SEA-2", "wired", "audio_poor_pct") == .string("meets"))
        #expect(verdict(rs, "NYC-1", "wired", "setup_failure_pct") == .string("misses"))
        #expect(verdict(rs, "VPN", "wired", "round_trip_ms") == .string("misses"))
        let b = rs.columnIndex("building")!, v = rs.columnIndex("verdict")!
        for healthy in ["SEA-1", "RED-1", "LON-1", "LON-2", "BER-1", "SYD-1"] {
            #expect(!rs.rows.contains { $0[b] == .string(healthy) && $0[v] == .string("misses") }, "\(healthy) fails")
        }
        // Six metrics for each building and network type.
        #expect(rs.rows.filter { $0[b] == .string("SEA-2") }.count == 12)
        let one = try s.resultSet("readiness{building = 'sea-2'}")
        #expect(one.rows.count == 12)
        #expect(one.title == "network readiness, 2026-10: failing SEA-2")
    }

    @Test func buildingsAreNoLongerPassedByHand() throws {
        let s = try QERSession(Workspace.demo())
        do {
            try s.run("cohort('Wave 2'):readiness({'SEA-2'})")
            Issue.record("a list of buildings was accepted")
        } catch {
            #expect("\(error)".contains("measured from the call records"))
        }
    }

    // MARK: a CQD export

    static let buildings = "10.1.1.0,USA/Seattle/SEATTLE-SEA-1,24,SEA-1,Contoso,,,Seattle,98101,US,WA,MSUS,1,0,0\n"
        + "10.1.2.0,USA/Seattle/SEATTLE-SEA-2,24,SEA-2,Contoso,,,Seattle,98101,US,WA,MSUS,1,0,0\n"

    /// The demo's users and cohorts over a building file and a CQD export of our own.
    func session(_ export: CQDExport, _ test: String = #function) throws -> QERSession {
        let tag = "readiness-" + test.prefix { $0 != "(" }
        let s = try QERSession(Workspace.demo())
        try s.run("import_buildings('\(try s.file(tag + "-buildings.csv", Self.buildings))')")
        try s.run("import_calls('\(try s.file(tag + "-cqd-export.csv", export.text))', {replace = true})")
        return s
    }

    @Test func theNetworkTargetsAreMeasuredPerNetworkType() throws {
        var e = CQDExport()
        e.add(150, .init(subnet: "10.1.1.0", roundTrip: 150))                                   // wired: RTT too high
        e.add(150, .init(subnet: "10.1.1.0", connection: "WiFi", band: "5GHz", jitter: 35))     // Wi-Fi: jitter too high
        e.add(150, .init(subnet: "10.1.2.0", loss: 0.02))                                       // SEA-2 wired: loss 2 %
        e.add(150, .init(subnet: "10.1.2.0", connection: "WiFi", band: "5GHz"))
        let s = try session(e)
        let rs = try s.resultSet("readiness{period = '2026-10'}")
        #expect(verdict(rs, "SEA-1", "wired", "round_trip_ms") == .string("misses"))
        #expect(verdict(rs, "SEA-1", "wired", "jitter_ms") == .string("meets"))
        #expect(verdict(rs, "SEA-1", "wifi", "jitter_ms") == .string("misses"))
        #expect(verdict(rs, "SEA-1", "wifi", "round_trip_ms") == .string("meets"))
        #expect(verdict(rs, "SEA-2", "wired", "packet_loss_pct") == .string("misses"))
        #expect(verdict(rs, "SEA-2", "wifi", "packet_loss_pct") == .string("meets"))
    }

    @Test func smallSamplesAreMarkedAndTheirUsersFlaggedApart() throws {
        var e = CQDExport()
        e.add(150, .init(subnet: "10.1.1.0"))
        e.add(30, .init(subnet: "10.1.2.0", poor: true))   // SEA-2: 30 streams, all poor
        let s = try session(e)
        let rs = try s.resultSet("readiness{period = '2026-10'}")
        #expect(verdict(rs, "SEA-2", "wired", "audio_poor_pct") == .string("too few streams"))
        #expect(verdict(rs, "SEA-2", "wifi", "audio_poor_pct") == .string("no data"))
        #expect(rs.title == "network readiness, 2026-10: no building fails")
        let c = try s.resultSet("cohort('Wave 2'):readiness{period = '2026-10'}")
        #expect(flag(c, "network_not_ready")?[2] == .bool(false))
        let unmeasured = try #require(flag(c, "network_unmeasured"))
        #expect(unmeasured[1] == .int(try users(s, "Wave 2", in: ["SEA-1"], complement: true)))
        #expect(verdict(try s.resultSet("readiness{period = '2026-10', min_streams = 20}"), "SEA-2", "wired", "audio_poor_pct")
                == .string("misses"))
        // With a lower minimum SEA-2 is judged, fails, and so does the cohort.
        let judged = try s.resultSet("cohort('Wave 2'):readiness{period = '2026-10', min_streams = 20}")
        #expect(flag(judged, "network_not_ready")?[1] == .int(try users(s, "Wave 2", in: ["SEA-2"])))
    }

    @Test func aRateJustOverItsTargetIsBorderlineNotFailing() throws {
        var e = CQDExport()
        e.add(979, .init(subnet: "10.1.1.0"))
        e.add(21, .init(subnet: "10.1.1.0", poor: true))   // 2.1 % over 1,000: within sampling noise of 2 %
        e.add(960, .init(subnet: "10.1.2.0"))
        e.add(40, .init(subnet: "10.1.2.0", poor: true))   // 4 % over 1,000: beyond it
        let s = try session(e)
        let rs = try s.resultSet("readiness{period = '2026-10'}")
        #expect(verdict(rs, "SEA-1", "wired", "audio_poor_pct") == .string("borderline"))
        #expect(verdict(rs, "SEA-2", "wired", "audio_poor_pct") == .string("misses"))
        #expect(rs.title == "network readiness, 2026-10: failing SEA-2")
    }

    @Test func optionsAreChecked() throws {
        var e = CQDExport()
        e.add(150, .init(subnet: "10.1.1.0"))
        let s = try session(e)
        func error(_ code: String) -> String {
            do { try s.run(code); return "" } catch { return "\(error)" }
        }
        #expect(error("readiness{building = 'SEA-3'}").contains("unknown building 'SEA-3' (did you mean"))
        #expect(error("readiness{period = '2026-13'}").contains("period must be a month like"))
        #expect(error("readiness{min_streams = -5}").contains("min_streams must be a whole number"))
        #expect(error("readiness{buildng = 'SEA-1'}").contains("did you mean 'building'?"))
        #expect(error("readiness{cohort = 'Wave2'}").contains("Wave 2"))
        #expect(error("cohort('Wave 2'):readiness{perod = '2026-10'}").contains("did you mean 'period'?"))
        // The default period is the last full month that has data.
        #expect(try s.resultSet("readiness()").title == "network readiness, 2026-10: no building fails")
    }
}
