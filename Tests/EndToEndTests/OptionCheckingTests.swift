import Testing

/// Issue 10, item 8: every builtin that takes an option table reads it through the one checker, so a misspelt
/// key is refused with the builtin's name, the key and the closest known spelling (a silently ignored
/// `dry_run=true` would make a real change), and a value of the wrong type names the key and the type.
@Suite struct OptionCheckingTests {
    /// (statement with a misspelt option, the builtin the error names, the key, the spelling it suggests)
    static let misspelt: [(String, String, String, String)] = [
        ("calls:top('building', 3, 'streams', {min_stream=5})", "top", "min_stream", "min_streams"),
        ("import_calls('none.csv', {on_eror='skip'})", "import_calls", "on_eror", "on_error"),
        ("import_users('none.csv', {globl='SfBOnly'})", "import_users", "globl", "global"),
        ("readiness{perod='2026-10'}", "readiness", "perod", "period"),
        ("cohort('Pilot'):readiness{min_stream=1}", "readiness", "min_stream", "min_streams"),
        ("calls:by('building'):summary():chart{titel='x'}", "chart", "titel", "title"),
        ("tenant:set_global('TeamsOnly', {dry_rn=true})", "set_global", "dry_rn", "dry_run"),
        ("users['ann.smith@contoso.com']:move('TeamsOnly', {reson='x', dry_run=true})", "move", "reson", "reason"),
        ("users:where{department='Sales'}:move('TeamsOnly', {notfy=true, dry_run=true})", "move", "notfy", "notify"),
        ("cohort('Pilot'):move('TeamsOnly', {dryrun=true})", "move", "dryrun", "dry_run"),
        ("route{from='ann.smith@contoso.com', to='raj.smith@contoso.com', federatd=false}", "route", "federatd", "federated"),
        ("route{from={mode='TeamsOnly', homng='online'}, to='raj.smith@contoso.com'}", "route: 'from'", "homng", "homing"),
        ("routing_matrix{bi='mode'}", "routing_matrix", "bi", "by"),
        ("changes:powershell{pth='plan.ps1'}", "powershell", "pth", "path"),
        ("cohort('Pilot'):powershell{whatf=true}", "powershell", "whatf", "whatif"),
        ("make_cohort('W9', {'ann.smith@contoso.com'}, {group_i='g'})", "make_cohort", "group_i", "group_id"),
        ("cohort('Pilot'):add({'ann.smith@contoso.com'}, {grup_id='g'})", "add", "grup_id", "group_id"),
        ("date{year=2026, month=1, day=2, huor=3}", "date table", "huor", "hour"),
        ("review.report{titel='x'}", "review.report", "titel", "title"),
        ("review.report{sections={{name='s', figures={{name='f', valeu=1}}}}}", "review.report: sections[1].figures[1]", "valeu", "value"),
        ("review.report{findings={{title='t', remdy='r'}}}", "review.report: findings[1]", "remdy", "remedy"),
        ("review.section{nme='x', measure='streams'}", "review.section", "nme", "name"),
        ("qer{peroid='2026-10'}", "qer", "peroid", "period"),
        ("check_options('mine', {colour='red'}, {color='string'})", "mine", "colour", "color"),
    ]

    func run(_ statement: String) throws -> PipedRun {
        try PipedRun(["--demo-size", "20", "-e", statement], home: try TestHome())
    }

    @Test(arguments: misspelt.indices)
    func aMisspeltOptionIsRefusedWithTheClosestKey(_ i: Int) throws {
        let (statement, builtin, key, suggestion) = Self.misspelt[i]
        let run = try run(statement)
        #expect(run.status == 1, "\(statement) was accepted: \(run.stdout)")
        #expect(run.stderr.contains("\(builtin): unknown option '\(key)' (did you mean '\(suggestion)'?)"),
                "\(statement): \(run.stderr)")
    }

    /// (statement with a wrong-typed option, the builtin, the key, the type the error asks for)
    static let wrongType: [(String, String, String, String)] = [
        ("calls:top('building', 3, 'streams', {min_streams='5'})", "top", "min_streams", "an integer"),
        ("import_calls('none.csv', {replace='yes'})", "import_calls", "replace", "true or false"),
        ("tenant:set_global('TeamsOnly', {dry_run='yes'})", "set_global", "dry_run", "true or false"),
        ("cohort('Pilot'):move('TeamsOnly', {reason=5, dry_run=true})", "move", "reason", "a string"),
        ("calls:by('building'):summary():chart{width='wide'}", "chart", "width", "an integer"),
        ("changes:powershell{csv=true}", "powershell", "csv", "a string or false"),
        ("date{year=2026, month=1, day=2, isdst=0}", "date table", "isdst", "true or false"),
        ("qer{min_streams='many'}", "qer", "min_streams", "an integer"),
        ("review.section{name=1, measure='streams'}", "review.section", "name", "a string"),
    ]

    @Test(arguments: wrongType.indices)
    func aWrongTypedOptionNamesTheKeyAndTheType(_ i: Int) throws {
        let (statement, builtin, key, type) = Self.wrongType[i]
        let run = try run(statement)
        #expect(run.status == 1, "\(statement) was accepted: \(run.stdout)")
        #expect(run.stderr.contains("\(builtin): option '\(key)' must be \(type), got"), "\(statement): \(run.stderr)")
    }

    @Test func rightOptionsStillWork() throws {
        let run = try run("""
            print(#calls:top('building', 2, 'streams', {min_streams=1}), date{year=2026, month=1, day=2, hour=3, isdst=false},
                  check_options('mine', nil, {color='string'}) ~= nil, check_options('mine', {color='red'}, {color='string|table'}).color)
            """)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdoutLines == ["2\t2026-01-02T03:00:00Z\ttrue\tred"], "\(run.stdout)")
    }

    /// A key whose value the builtin reads itself keeps its own advice.
    @Test func routeStillSaysToPassAUPNForAUserObject() throws {
        let run = try run("route{from=users[1], to='raj.smith@contoso.com'}")
        #expect(run.stderr.contains("route: pass 'from' as a UPN string (u.upn), not a User object"), "\(run.stderr)")
    }

    /// The README's example, with options right and then wrong.
    @Test func theReadmeExampleChecksAScriptsOwnOptions() throws {
        let example = #"opts = check_options("myreport", opts, {period="string", min_streams="integer"})"#
        let right = try run("opts = {period='2026-10'}; " + example + "; print(opts.period)")
        #expect(right.stdoutLines == ["2026-10"], "\(right.stderr)")
        let wrong = try run("opts = {min_stream=5}; " + example)
        #expect(wrong.stderr.contains("myreport: unknown option 'min_stream' (did you mean 'min_streams'?)"), "\(wrong.stderr)")
        let typed = try run("opts = {period=202610}; " + example)
        #expect(typed.stderr.contains("myreport: option 'period' must be a string, got number 202610"), "\(typed.stderr)")
    }

    @Test func checkOptionsRefusesATypeItDoesNotKnow() throws {
        let run = try run("check_options('mine', {}, {color='strng'})")
        #expect(run.status == 1)
        #expect(run.stderr.contains("unknown type 'strng' for 'color' (did you mean 'string'?)"), "\(run.stderr)")
    }
}
