import Testing
import CoexistKit
@testable import CoexistLua

/// The review honours its scope and period everywhere (figures, missing subnets, sections of your own), checks
/// its options, and picks the last full month that has data by default. Data: CQD exports (display-name headers,
/// BOM, CRLF) and the demo tenant.
@Suite(.serialized) struct QERScopeTests {
    static let buildings = "10.1.1.0,USA/Seattle/HQ,24,HQ,Contoso,,,Seattle,98101,US,WA,MSUS,1,0,0\n"
        + "10.2.1.0,USA/Redmond/LAB,24,LAB,Contoso,,,Redmond,98052,US,WA,MSUS,1,0,0\n"

    /// A session whose clock reads 2026-11-01 (so date() and the default period are fixed; the demo's sessions
    /// set the same day) with the two buildings and the given export.
    func session(_ export: CQDExport, _ test: String = #function) throws -> QERSession {
        let tag = "scope-" + test.prefix { $0 != "(" }
        let day = PlanDay(year: 2026, month: 11, day: 1)
        let s = try QERSession(Workspace(name: "contoso", today: day, coexistence: { CoexistenceTenant(today: day) }))
        try s.run("import_buildings('\(try s.file(tag + "-buildings.csv", Self.buildings))')")
        try s.run("import_calls('\(try s.file(tag + "-cqd-export.csv", export.text))')")
        return s
    }

    func findingText(_ s: QERSession) throws -> [String] {
        let f = try s.resultSet("r:findings()")
        let title = f.columnIndex("finding")!, detail = f.columnIndex("detail")!
        func text(_ v: ResultValue) -> String { if case .string(let t) = v { return t }; return "" }
        return f.rows.map { text($0[title]) + " " + text($0[detail]) }
    }

    // MARK: missing subnets

    /// 10.9.9.0 is missing only in September; 10.8.8.0 in October but only from Skype for Business clients;
    /// 192.168.1.0 and 10.0.0.0 are home networks seen from outside.
    func subnetExport() -> CQDExport {
        var e = CQDExport()
        e.add(150, .init())
        e.add(30, .init(day: "2026-09-15", subnet: "10.9.9.0"))
        e.add(30, .init(teams: false, subnet: "10.8.8.0"))
        e.add(40, .init(subnet: "192.168.1.0", connection: "WiFi", band: "5GHz"))
        e.add(40, .init(subnet: "10.0.0.0", connection: "WiFi", band: "5GHz"))
        return e
    }

    @Test func theMissingSubnetFindingCoversOnlyThePeriodAndLeavesHomeNetworksOut() throws {
        let s = try session(subnetExport())
        try s.run("r = qer{period = '2026-10'}")
        let text = try findingText(s)
        let missing = try #require(text.first { $0.contains("missing from the building file") })
        #expect(missing.hasPrefix("1 subnets missing"))
        #expect(missing.contains("10.8.8.0"))
        #expect(!missing.contains("10.9.9.0"), "a subnet seen only in September is not missing in October")
        #expect(!missing.contains("192.168.1.0") && !missing.contains("10.0.0.0"), "home networks are not missing subnets")
        // The home-network list can be changed: without it, the two home subnets are reported too.
        try s.run("local saved = qer.home_networks; qer.home_networks = {}; r2 = qer{period = '2026-10'}; qer.home_networks = saved")
        try s.run("r = r2")
        #expect(try findingText(s).contains { $0.hasPrefix("3 subnets missing") })
    }

    @Test func theMissingSubnetFindingHonoursTheScope() throws {
        let s = try session(subnetExport())
        try s.run("r = qer{period = '2026-10', scope = calls:where{product = 'teams'}}")
        #expect(!(try findingText(s)).contains { $0.contains("missing from the building file") })
        try s.run("r = qer{period = '2026-10', scope = calls:where{product = 'sfb'}}")
        #expect(try findingText(s).contains { $0.contains("10.8.8.0") })
    }

    // MARK: sections of your own

    @Test func aSectionsQueryIsNarrowedToTheScope() throws {
        var e = CQDExport()
        e.add(95, .init())
        e.add(5, .init(poor: true))                      // HQ: 5 %
        e.add(80, .init(subnet: "10.2.1.0"))
        e.add(20, .init(subnet: "10.2.1.0", poor: true))  // LAB: 20 %
        let s = try session(e)
        try s.run("""
            review.section{name = "Audio poor, Teams", query = calls:where{product = "teams", modality = "audio"},
                           measure = "audio_poor_pct", target = 10, remedy = "look at it"}
            """)
        defer { _ = try? s.run("qer.clear_sections()") }
        try s.run("r = qer{period = '2026-10', scope = 'HQ'}")
        #expect(Figures(try s.resultSet("r:figures()"))["Audio poor, Teams"]?.value == 5.0)
        try s.run("r = qer{period = '2026-10', scope = 'LAB'}")
        let lab = Figures(try s.resultSet("r:figures()"))["Audio poor, Teams"]
        #expect(lab?.value == 20.0)
        #expect(lab?.status == "misses")
    }

    @Test func registeringASectionTwiceReplacesIt() throws {
        var e = CQDExport()
        e.add(200, .init())
        let s = try session(e)
        defer { _ = try? s.run("qer.clear_sections()") }
        try s.run("review.section{name = 'Poor', measure = 'audio_poor_pct', target = 5}")
        try s.run("review.section{name = 'Poor', measure = 'audio_poor_pct', target = 7}")
        try s.run("r = qer{period = '2026-10'}")
        let figures = try s.resultSet("r:figures()")
        let name = figures.columnIndex("figure")!, target = figures.columnIndex("target")!
        let mine = figures.rows.filter { $0[name] == .string("Poor") }
        #expect(mine.count == 1)
        #expect(mine.first?[target] == .string("<= 7.00 %"))
    }

    // MARK: period and options

    @Test func theDefaultPeriodIsTheLastFullMonthThatHasData() throws {
        var e = CQDExport()
        e.add(120, .init(day: "2026-08-12"))
        e.add(10, .init(day: "2026-11-01"))   // the current month is not full yet
        let s = try session(e)
        try s.run("r = qer()")
        #expect(try s.text("r.period == '2026-08'") == "true")
    }

    @Test func optionsAreChecked() throws {
        var e = CQDExport()
        e.add(120, .init())
        let s = try session(e)
        func error(_ code: String) -> String {
            do { try s.run(code); return "" } catch { return "\(error)" }
        }
        #expect(error("qer{peroid = '2026-10'}").contains("unknown option 'peroid' (did you mean 'period'?)"))
        #expect(error("qer{period = '2026-13'}").contains("the month must be 01 to 12"))
        #expect(error("qer{period = 'October'}").contains("period must be a month like"))
        #expect(error("qer{scope = 'HQQ'}").contains("unknown building 'HQQ' (did you mean 'HQ'?)"))
        #expect(error("qer{min_streams = -1}").contains("min_streams must be a whole number"))
        #expect(error("qer.targets.poor_internl = 1; qer{period = '2026-10'}").contains("did you mean 'poor_internal'?"))
        _ = try? s.run("qer.targets.poor_internl = nil")
        #expect(error("review.section{name = 'x', measure = 'audio_poor_pc'}").contains("did you mean 'audio_poor_pct'?"))
        #expect(error("review.section{name = 'x', measure = 'streams', trget = 3}").contains("did you mean 'target'?"))
        // Building names match whatever their case.
        try s.run("r = qer{period = '2026-10', scope = 'hq'}")
        #expect(try s.text("tostring(r)").contains("building HQ"))
    }

    // MARK: cohorts and departments (the demo tenant)

    /// README's example: the figures are the cohort's own streams, not the tenant's.
    @Test func aCohortScopeReviewsTheCohortsStreams() throws {
        let s = try QERSession(Workspace.demo())
        try s.run("r = qer{period = '2026-10', scope = {cohort = 'Wave 2'}}")
        let f = Figures(try s.resultSet("r:figures()"))
        let judged = try s.resultSet("""
            calls:where{cohort = 'Wave 2', modality = 'audio'}:between('2026-10-01', '2026-11-01'):summary{'audio_poor', 'audio_good'}
            """)
        guard case .int(let poor) = judged.rows[0][0], case .int(let good) = judged.rows[0][1] else {
            Issue.record("no counts"); return
        }
        #expect(f["Audio poor stream rate, overall"]?.streams == poor + good)
        #expect(try s.text("tostring(r)").contains("cohort Wave 2"))
        try s.run("whole = qer{period = '2026-10'}")
        let tenant = Figures(try s.resultSet("whole:figures()"))
        #expect(try #require(tenant["Audio poor stream rate, overall"]?.streams) > poor + good)
        // An unknown cohort is an error naming the closest one.
        do {
            try s.run("qer{scope = {cohort = 'Wave2'}}")
            Issue.record("an unknown cohort was accepted")
        } catch {
            #expect("\(error)".contains("unknown cohort 'Wave2' (did you mean 'Wave 2'?)"))
        }
    }

    @Test func aDepartmentScopeReviewsTheDepartmentsStreams() throws {
        let s = try QERSession(Workspace.demo())
        try s.run("r = qer{period = '2026-10', scope = {department = 'Sales'}}")
        let f = Figures(try s.resultSet("r:figures()"))
        let n = try s.resultSet("calls:where{department = 'Sales'}:between('2026-10-01', '2026-11-01'):summary{'cdr_streams'}")
        guard case .int(let cdr)? = n.rows.first?[0] else { Issue.record("no count"); return }
        #expect(f["Call setup failure rate, overall"]?.streams == cdr)
        do {
            try s.run("qer{scope = {department = 'Sails'}}")
            Issue.record("an unknown department was accepted")
        } catch {
            #expect("\(error)".contains("did you mean 'Sales'?"))
        }
    }
}
