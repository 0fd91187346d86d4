@preconcurrency import Glibc
import Testing
import CoexistKit
@testable import CoexistLua

/// The built-in review (stdlib/qer.lua) on small data with known answers, and on the demo tenant.
@Suite(.serialized) struct QERLuaTests {
    static let header = "call_id,start,modality,call_type,product,first_user,subnet,connection,wifi_band,transport,ice,"
        + "capture_device,jitter_ms,packet_loss_rate,round_trip_ms,concealed_ratio,audio_degradation,cdr_available,"
        + "setup_failed,failure_reason,dropped"

    /// One audio stream; poor ones have 40 ms jitter (over CQD's 30), good ones 5 ms.
    static func stream(_ id: Int, day: String, type: String, connection: String, band: String = "", poor: Bool,
                       dropped: Bool = false) -> String {
        "c\(id),\(day)T10:00:00Z,audio,\(type),teams,u\(id % 7)@contoso.com,10.1.1.0,\(connection),\(band),udp,direct,"
            + "Jabra Evolve2 65,\(poor ? 40 : 5),0.01,60,0.01,0.2,true,false,,\(dropped)"
    }

    /// September: 100 wired conference streams, 1 poor. October: 100 wired conference streams, 2 poor (2.0 %,
    /// exactly the conferencing target); 50 peer-to-peer on 2.4 GHz Wi-Fi, 5 poor; 3 drops; 1 setup failure.
    static func smallTenant() -> String {
        var lines = [header]
        for i in 0..<100 { lines.append(stream(i, day: "2026-09-10", type: "conference", connection: "wired", poor: i < 1)) }
        for i in 100..<200 {
            lines.append(stream(i, day: "2026-10-10", type: "conference", connection: "wired", poor: i < 102, dropped: i >= 197))
        }
        for i in 200..<250 {
            lines.append(stream(i, day: "2026-10-12", type: "p2p", connection: "wifi", band: "2.4GHz", poor: i < 205))
        }
        lines.append("c999,2026-10-15T10:00:00Z,audio,p2p,teams,u1@contoso.com,10.1.1.0,wired,,udp,failed,,,,,,,true,true,"
            + "Missing FW IP Block Exemption Rule,false")
        return lines.joined(separator: "\n") + "\n"
    }

    func smallSession() throws -> QERSession {
        let s = try QERSession(Workspace.empty(today: PlanDay(year: 2026, month: 11, day: 1)))
        let buildings = try s.file("buildings.csv", "10.1.1.0,USA/Seattle/HQ,24,HQ,Contoso,,,Seattle,98101,US,WA,MSUS,1,0,0\n")
        let streams = try s.file("streams.csv", Self.smallTenant())
        try s.run("import_buildings('\(buildings)')")
        try s.run("import_calls('\(streams)')")
        return s
    }

    @Test func qualityFiguresHaveTheirKnownValuesAndStatus() throws {
        let s = try smallSession()
        try s.run("r = qer{period = '2026-10'}")
        let f = Figures(try s.resultSet("r:figures()"))
        // 2 of 100: exactly the 2.0 % target, which meets it (the target is "at most").
        #expect(f["Conferencing, internal"]?.value == 2.0)
        #expect(f["Conferencing, internal"]?.status == "meets")
        #expect(f["Conferencing, wired internal"]?.status == "misses")
        #expect(f["Peer-to-peer, internal"]?.value == 10.0)
        #expect(f["Wi-Fi 2.4 GHz, internal"]?.value == 10.0)
        #expect(f["Wi-Fi 2.4 GHz, internal"]?.streams == 50)
        let overall = try #require(f["Audio poor stream rate, overall"]?.value)
        #expect(abs(overall - 100.0 * 7 / 150) < 1e-9)
    }

    @Test func changeIsAgainstThePreviousPeriod() throws {
        let s = try smallSession()
        try s.run("r = qer{period = '2026-10'}")
        let f = Figures(try s.resultSet("r:figures()"))
        #expect(f["Conferencing, internal"]?.change == 1.0)  // 1 % in September, 2 % in October
        #expect(f["Peer-to-peer, internal"]?.change == nil)  // no peer-to-peer in September
        // The trend holds six periods, oldest first, the current last; months without streams are nil.
        try s.run("f = r:figure('Conferencing, internal')")
        #expect(try s.text("f.trend.n") == "6")
        guard case .values(let v) = s.lua.evaluate("f.trend[5], f.trend[6], f.trend[1]") else { Issue.record("failed"); return }
        #expect(v.count == 3)
        if v.count == 3, case .text(let a) = v[0], case .text(let b) = v[1], case .text(let c) = v[2] {
            #expect([a, b, c] == ["1.0", "2.0", "nil"])
        }
    }

    @Test func reliabilityUsesCQDsDenominators() throws {
        let s = try smallSession()
        try s.run("r = qer{period = '2026-10'}")
        let f = Figures(try s.resultSet("r:figures()"))
        // Setup failures over CDR-available streams (151); drops over streams that were set up (150).
        let setup = try #require(f["Call setup failure rate, overall"]?.value)
        #expect(abs(setup - 100.0 / 151) < 1e-9)
        let drop = try #require(f["Drop failure rate, overall"]?.value)
        #expect(abs(drop - 2.0) < 1e-9)
        #expect(f["Drop failure rate, overall"]?.status == "meets")
    }

    @Test func aPeriodWithoutDataSaysNoData() throws {
        let s = try smallSession()
        try s.run("r = qer{period = '2026-06'}")
        let f = Figures(try s.resultSet("r:figures()"))
        #expect(f["Audio poor stream rate, overall"]?.status == "no data")
        #expect(f["Audio poor stream rate, overall"]?.value == nil)
    }

    @Test func anEmptyTenantGivesNoDataAndNoFindings() throws {
        let s = try QERSession(Workspace.empty(today: PlanDay(year: 2026, month: 11, day: 1)))
        try s.run("r = qer()")
        let f = Figures(try s.resultSet("r:figures()"))
        #expect(!f.rows.isEmpty)
        #expect(f.rows.values.allSatisfy { $0.status == "no data" })
        #expect(try s.resultSet("r:findings()").count == 0)
        #expect(try s.text("tostring(r)").contains("none: every figure with data meets its target"))
    }

    @Test func targetsCanBeChangedPerTenant() throws {
        let s = try smallSession()
        try s.run("qer.targets.poor_conf_wired_internal = 2.5")
        try s.run("r = qer{period = '2026-10'}")
        #expect(Figures(try s.resultSet("r:figures()"))["Conferencing, wired internal"]?.status == "meets")
        try s.run("qer.targets.poor_conf_wired_internal = 1.0")
    }

    @Test func aCustomSectionRendersLikeTheBuiltInOnes() throws {
        let s = try smallSession()
        try s.run("""
            review.section{name = "Peer-to-peer on Wi-Fi", query = calls:where{call_type = "p2p", connection = "wifi"},
                           measure = "audio_poor_pct", target = 5, remedy = "fix the Wi-Fi", min_streams = 50}
            """)
        defer { _ = try? s.run("qer.clear_sections()") }
        try s.run("r = qer{period = '2026-10'}")
        let f = Figures(try s.resultSet("r:figures()"))
        #expect(f["Peer-to-peer on Wi-Fi"]?.value == 10.0)
        #expect(f["Peer-to-peer on Wi-Fi"]?.status == "misses")
        let findings = try s.resultSet("r:findings()")
        let remedy = findings.columnIndex("remedy")!
        #expect(findings.rows.contains { $0[remedy] == .string("fix the Wi-Fi") })
    }

    @Test func reportsSaveAsMarkdownAndHTMLWithAChartPerMeasure() throws {
        let s = try smallSession()
        try s.run("r = qer{period = '2026-10'}")
        let md = try s.file("qer.md", ""), html = try s.file("qer.html", "")
        try s.run("r:save('\(md)'); r:save('\(html)')")
        let page = try #require(readText(html))
        let rs = try s.resultSet("r:figures()")
        let status = rs.columnIndex("status")!
        let withData = rs.rows.filter { $0[status] != .string("no data") }.count
        #expect(withData > 0 && withData < rs.count)
        // A chart per figure with data, none for a figure without.
        #expect(page.components(separatedBy: "class=\"chart\"").count - 1 == withData)
        #expect(try #require(readText(md)).contains("## Reliability"))
    }

    // MARK: the demo tenant

    /// Every planted problem is found, and no finding names a healthy building.
    @Test func theDemoReviewFindsWhatWasPlantedAndNothingElse() throws {
        let s = try QERSession(Workspace.demo())
        try s.run("r = qer()")
        let findings = try s.resultSet("r:findings()")
        let title = findings.columnIndex("finding")!, detail = findings.columnIndex("detail")!
        let text = findings.rows.map { "\($0[title]) \($0[detail])" }
        func found(_ words: String...) -> Bool { text.contains { t in words.allSatisfy { t.contains($0) } } }
        #expect(found("SEA-2", "Wi-Fi 2.4 GHz"))
        #expect(found("NYC-1", "TCP"))
        #expect(found("Over VPN"))
        #expect(found("certified devices"))
        #expect(found("missing from the building file"))
        for healthy in ["SEA-1", "RED-1", "LON-1", "LON-2", "BER-1", "SYD-1"] {
            #expect(!text.contains { $0.contains(healthy) }, "a finding names the healthy building \(healthy)")
        }
    }
}

func readText(_ path: String) -> String? { try? TestFiles.read(path) }
