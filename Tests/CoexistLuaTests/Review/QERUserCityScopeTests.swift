import CoexistKit
import Testing

/// `qer{scope={user_city=...}}`: the review of the streams whose first endpoint's user lives in that city, the
/// city's name checked against the directory like a cohort's or a department's.
@Suite struct QERUserCityScopeTests {
    @Test func aUserCityScopeReviewsThatCitysStreams() throws {
        let s = try QERSession(Workspace.demo(users: 300))
        try s.run("r = qer{period = '2026-10', scope = {user_city = 'berlin'}}")
        #expect(try s.text("tostring(r)").contains("user_city Berlin"))
        let f = Figures(try s.resultSet("r:figures()"))
        let n = try s.resultSet("calls:where{user_city = 'Berlin'}:between('2026-10-01', '2026-11-01'):summary{'cdr_streams'}")
        guard case .int(let cdr)? = n.rows.first?[0] else { Issue.record("no count"); return }
        #expect(cdr > 0)
        #expect(f["Call setup failure rate, overall"]?.streams == cdr)
    }

    /// It was accepted with only a warning from `where`, and reviewed no streams at all.
    @Test func aMisspeltCityIsRefusedWithTheClosestName() throws {
        let s = try QERSession(Workspace.demo(users: 300))
        do {
            try s.run("qer{period = '2026-10', scope = {user_city = 'Berln'}}")
            Issue.record("an unknown city was accepted")
        } catch {
            #expect("\(error)".contains("unknown user_city 'Berln' (did you mean 'Berlin'?)"))
        }
    }
}
