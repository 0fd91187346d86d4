import Testing
import CoexistKit
@testable import CoexistLua

/// The review applies the QER guide's targets and no others, divides the certified-device share by every audio
/// stream, withholds a verdict over too few streams, and merges findings that share a cause and remedy.
@Suite(.serialized) struct QERTargetsTests {
    static let building = "10.1.1.0,USA/Seattle/HQ,24,HQ,Contoso,,,Seattle,98101,US,WA,MSUS,1,0,0\n"

    func session(_ export: CQDExport, devices: String? = nil, _ test: String = #function) throws -> QERSession {
        let tag = "targets-" + test.prefix { $0 != "(" }
        let s = try QERSession(Workspace.empty(today: PlanDay(year: 2026, month: 11, day: 1)))
        try s.run("import_buildings('\(try s.file(tag + "-buildings.csv", Self.building))')")
        if let devices { try s.run("import_devices('\(try s.file(tag + "-devices.txt", devices))')") }
        try s.run("import_calls('\(try s.file(tag + "-cqd-export.csv", export.text))')")
        return s
    }

    /// The guide's table (reference 4.1), row by row: audio poor stream rate, setup failure rate, drop failure rate.
    static let guide: [(call: String?, network: String, poor: Double, setup: Double, drop: Double)] = [
        (nil, "internal", 2.0, 0.5, 2.0), (nil, "overall", 3.0, 1.0, 3.0),
        ("Conferencing", "internal", 2.0, 0.5, 2.0), ("Conferencing", "wired internal", 1.0, 0.5, 1.0),
        ("Conferencing", "Wi-Fi 5 GHz internal", 1.0, 0.5, 1.0), ("Conferencing", "Wi-Fi 2.4 GHz internal", 2.0, 0.5, 2.0),
        ("Conferencing", "overall", 2.0, 0.5, 3.0),
        ("Peer-to-peer", "internal", 2.0, 0.5, 2.0),
        ("Peer-to-peer", "wired internal", 1.0, 0.5, 1.0), ("Peer-to-peer", "Wi-Fi 5 GHz internal", 1.0, 0.5, 1.0),
        ("Peer-to-peer", "wired overall", 2.0, 1.0, 1.0), ("Peer-to-peer", "Wi-Fi 5 GHz overall", 2.0, 1.0, 1.0),
        ("Peer-to-peer", "overall", 2.0, 1.0, 3.0),
    ]

    static var expectedTargets: [String: String] {
        func pct(_ v: Double) -> String { "<= " + String(format: "%.2f %%", v) }
        var out: [String: String] = ["Audio streams on certified devices": ">= 80.00 %",
                                     "Skype for Business streams from clients over six months old": "<= 0.00 %"]
        for r in guide {
            out[(r.call ?? "Audio poor stream rate") + ", " + r.network] = pct(r.poor)
            let part = (r.call.map { $0.lowercased() + ", " } ?? "") + r.network
            out["Call setup failure rate, " + part] = pct(r.setup)
            out["Drop failure rate, " + part] = pct(r.drop)
        }
        return out
    }

    @Test func everyTargetIsTheGuidesAndEveryRowOfTheGuideIsThere() throws {
        var e = CQDExport()
        e.add(150, .init())
        let s = try session(e)
        try s.run("r = qer{period = '2026-10'}")
        let rs = try s.resultSet("r:figures()")
        let name = rs.columnIndex("figure")!, target = rs.columnIndex("target")!, status = rs.columnIndex("status")!
        var seen: [String: ResultValue] = [:]
        for row in rs.rows { if case .string(let n) = row[name] { seen[n] = row[target] } }
        for (figure, t) in Self.expectedTargets {
            #expect(seen[figure] == .string(t), "\(figure): the guide's target is \(t)")
        }
        // Whatever the guide sets no number for carries no target and says so.
        for row in rs.rows {
            guard case .string(let n) = row[name], Self.expectedTargets[n] == nil else { continue }
            #expect(row[target] == .null, "\(n) has a target the guide does not set")
            #expect(row[status] == .string("no target") || row[status] == .string("no data"), "\(n)")
        }
        for n in ["PSTN, overall", "Over VPN", "TCP share of audio, video and VBSS streams", "Streams through an HTTP proxy",
                  "Wired, internal", "Wi-Fi 5 GHz, internal", "Wi-Fi 2.4 GHz, internal"] {
            #expect(seen.keys.contains(n), "\(n) is still shown")
        }
        // A target of your own applies once set.
        try s.run("qer.targets.tcp = 5; r = qer{period = '2026-10'}; qer.targets.tcp = nil")
        #expect(Figures(try s.resultSet("r:figures()"))["TCP share of audio, video and VBSS streams"]?.status == "meets")
    }

    @Test func theCertifiedShareIsOverAllAudioStreams() throws {
        var e = CQDExport()
        e.add(60, .init())
        e.add(20, .init(device: "Microphone Array (Realtek(R) Audio)"))
        e.add(20, .init(device: ""))
        let s = try session(e, devices: "Jabra Evolve2 65\n")
        try s.run("r = qer{period = '2026-10'}")
        let f = Figures(try s.resultSet("r:figures()"))["Audio streams on certified devices"]
        #expect(f?.value == 60.0)
        #expect(f?.streams == 100)
        #expect(f?.status == "misses")
    }

    @Test func aFigureOverTooFewStreamsNeitherMeetsNorMisses() throws {
        var e = CQDExport()
        e.add(45, .init())
        e.add(5, .init(poor: true))   // 10 % over 50 streams
        let s = try session(e)
        try s.run("r = qer{period = '2026-10'}")
        #expect(Figures(try s.resultSet("r:figures()"))["Conferencing, wired internal"]?.status == "too few streams")
        #expect(try s.resultSet("r:findings()").count == 0)
        #expect(try s.text("tostring(r)").contains("too few streams"))
        try s.run("r = qer{period = '2026-10', min_streams = 50}")
        #expect(Figures(try s.resultSet("r:figures()"))["Conferencing, wired internal"]?.status == "misses")
        try s.run("qer.min_streams = 20; r = qer{period = '2026-10'}; qer.min_streams = 100")
        #expect(Figures(try s.resultSet("r:figures()"))["Conferencing, wired internal"]?.status == "misses")
        // A section has its own minimum.
        try s.run("review.section{name = 'Mine', measure = 'audio_poor_pct', target = 5, min_streams = 80}")
        defer { _ = try? s.run("qer.clear_sections()") }
        try s.run("r = qer{period = '2026-10', min_streams = 10}")
        #expect(Figures(try s.resultSet("r:figures()"))["Mine"]?.status == "too few streams")
    }

    /// Five figures and the building miss for the same poor streams: one finding, the 10 poor streams once.
    @Test func findingsWithOneCauseAreMergedAndTheirStreamsCountedOnce() throws {
        var e = CQDExport()
        e.add(190, .init())
        e.add(10, .init(poor: true))
        let s = try session(e)
        try s.run("r = qer{period = '2026-10'}")
        let f = try s.resultSet("r:findings()")
        let remedy = f.columnIndex("remedy")!, streams = f.columnIndex("streams_affected")!, title = f.columnIndex("finding")!
        let quality = try s.text("qer.remedies.quality")
        let merged = f.rows.filter { $0[remedy] == .string(quality) }
        #expect(merged.count == 1)
        #expect(merged.first?[streams] == .int(10))
        let name = try #require(merged.first.flatMap { r -> String? in if case .string(let t) = r[title] { return t }; return nil })
        #expect(name.hasPrefix("Poor audio quality:"))
        #expect(name.contains("Conferencing, wired internal") || name.contains("more"))
    }

    /// On the demo, NYC-1's TCP share and its poor audio over TCP are one finding, its TCP streams counted once.
    @Test func theDemosTCPFindingsAreOne() throws {
        let s = try QERSession(Workspace.demo())
        try s.run("r = qer{period = '2026-10'}")
        let f = try s.resultSet("r:findings()")
        let remedy = f.columnIndex("remedy")!, streams = f.columnIndex("streams_affected")!, detail = f.columnIndex("detail")!
        let tcp = f.rows.filter { $0[remedy] == .string(try! s.text("qer.remedies.tcp")) }
        #expect(tcp.count == 1)
        let nyc = try s.resultSet("calls:where{building = 'NYC-1', vpn = false}:between('2026-10-01', '2026-11-01'):summary{'tcp'}")
        #expect(tcp.first?[streams] == nyc.rows.first?[0])
        if case .string(let d)? = tcp.first?[detail] {
            #expect(d.contains("not the guide's"), "a threshold of ours is named as ours")
        }
    }
}
