import Testing
import Foundation
@testable import CoexistKit

/// A CQD export as the dashboard writes it (display names, a BOM, CRLF) with conference rows, where
/// CQD puts the AV MCU First and the client Second (`First Is Server` = Server).
@Suite("CQD exports with conference calls")
struct CQDExportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/CQD")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// The export with the building file of its two buildings loaded first.
    static func imported() throws -> (CallStore, ImportReport) {
        var s = CallStore()
        s.setBuildingFile(try BuildingFile.parse(try String(contentsOfFile: fixture("buildings.csv"), encoding: .utf8)))
        let r = try s.importCSV(path: fixture("conference-export.csv"))
        return (s, r)
    }

    @Test("a conference row describes the client: its subnet, building, network, device, version and user")
    func clientSide() throws {
        let (s, r) = try Self.imported()
        #expect(r.imported == 5 && r.skipped == 0)
        #expect(r.unknownColumns.isEmpty)
        for i in 0..<2 {
            #expect(s.value(.firstUser, at: i) == .string("ann@contoso.com"))
            #expect(s.value(.secondUser, at: i) == .null)
            #expect(s.value(.subnet, at: i) == .string("10.1.1.0"))
            #expect(s.value(.building, at: i) == .string("SEA-1"))
            #expect(s.value(.inside, at: i) == .bool(true))
            #expect(s.value(.connection, at: i) == .string("wifi"))
            #expect(s.value(.wifiBand, at: i) == .string("5ghz"))
            #expect(s.value(.captureDevice, at: i) == .string("Headset Microphone (Jabra Evolve 75)"))
            #expect(s.value(.certified, at: i) == .bool(true))
            #expect(s.value(.clientVersion, at: i) == .string("27/1.0.0.2023"))
            #expect(s.value(.rating, at: i) == .int(2))
            #expect(s.value(.quality, at: i) == .string("good"))
        }
        // CQD's First-to-Second is the AV MCU sending to the client: from our first user's side, toward it.
        #expect(s.value(.direction, at: 0) == .string("second_to_first"))
        #expect(s.value(.direction, at: 1) == .string("first_to_second"))
        // Bob on VPN at NYC-1, erin at NYC-1 (First Is Server written True).
        #expect(s.value(.firstUser, at: 2) == .string("bob@contoso.com"))
        #expect(s.value(.building, at: 2) == .string("NYC-1"))
        #expect(s.value(.vpn, at: 2) == .bool(true))
        #expect(s.value(.firstUser, at: 4) == .string("erin@contoso.com"))
        #expect(s.value(.subnet, at: 4) == .string("10.2.2.0"))
        // The media servers' subnets are nowhere.
        #expect(s.subnets.code(of: "52.114.128.0") == nil && s.subnets.code(of: "52.114.130.0") == nil)
    }

    @Test("a client-first row keeps its First columns")
    func peerToPeer() throws {
        let (s, _) = try Self.imported()
        #expect(s.value(.firstUser, at: 3) == .string("carol@contoso.com"))
        #expect(s.value(.secondUser, at: 3) == .string("dave@contoso.com"))
        #expect(s.value(.subnet, at: 3) == .string("10.1.1.0"))
        #expect(s.value(.connection, at: 3) == .string("wired"))
        #expect(s.value(.captureDevice, at: 3) == .string("Echo Cancelling Speakerphone (Poly Sync 20)"))
        #expect(s.value(.direction, at: 3) == .string("first_to_second"))
        #expect(s.value(.ice, at: 3) == .string("direct"))
    }

    @Test("FAILED ICE on either side makes the stream Unclassified")
    func iceEitherSide() throws {
        let (s, _) = try Self.imported()
        // Bob: the client's (Second) ICE failed; erin: the server's (First) did. Both have good metrics.
        for i in [2, 4] {
            #expect(s.value(.quality, at: i) == .string("unclassified"), "row \(i)")
            #expect(s.value(.ice, at: i) == .string("failed"), "row \(i)")
        }
        let summary = try s.summary(CallQuery(), by: ["quality"], measures: ["streams"])
        #expect(summary.rows.contains([.string("unclassified"), .int(2)]))
    }

    @Test("buildings, inside-corp and cohorts count the client's streams")
    func attribution() throws {
        var (s, _) = try Self.imported()
        let byBuilding = try s.summary(CallQuery(), by: ["building"], measures: ["streams"])
        #expect(byBuilding.rows.contains([.string("SEA-1"), .int(3)]))
        #expect(byBuilding.rows.contains([.string("NYC-1"), .int(2)]))
        #expect(!byBuilding.rows.contains { $0.first == .null })
        #expect(try s.count(CallQuery().filter("inside", .eq, .bool(true))) == 5)
        try s.registerDerivedDimension(name: "wave", from: .firstUser,
                                       mapping: ["ann@contoso.com": "Wave 1", "bob@contoso.com": "Wave 2", "erin@contoso.com": "Wave 2"])
        let byWave = try s.summary(CallQuery(), by: ["wave"], measures: ["streams"])
        #expect(byWave.rows.contains([.string("Wave 1"), .int(2)]))
        #expect(byWave.rows.contains([.string("Wave 2"), .int(2)]))
    }

    @Test("a bad value in a conference row names the Second column it came from")
    func errorsNameTheClientColumn() throws {
        let header = "Conference Id,Start Time,Media Type,First Is Server,First Subnet,Second Subnet,First Network Connection Detail,Second Network Connection Detail,Second Connectivity Ice"
        var s = CallStore()
        let bad = header + "\r\nc1,2026-10-05T09:00:00Z,Audio,Server,52.114.128.0,10.1.1.0,Wired,Carrier Pigeon,DIRECT\r\n"
        do { try s.importCSV(text: bad, name: "cqd.csv"); Issue.record("no error") }
        catch let e as CallImportError {
            #expect(e.line == 2)
            #expect(e.field == "Second Network Connection Detail")
            #expect(e.value == "Carrier Pigeon")
        }
        let badICE = header + "\r\nc1,2026-10-05T09:00:00Z,Audio,Client,10.1.1.0,52.114.128.0,Wired,Wired,BROKEN\r\n"
        do { try s.importCSV(text: badICE, name: "cqd.csv"); Issue.record("no error") }
        catch let e as CallImportError { #expect(e.field == "Second Connectivity Ice") }
        let badSide = header + "\r\nc1,2026-10-05T09:00:00Z,Audio,Mediation,10.1.1.0,52.114.128.0,Wired,Wired,DIRECT\r\n"
        do { try s.importCSV(text: badSide, name: "cqd.csv"); Issue.record("no error") }
        catch let e as CallImportError {
            #expect(e.field == "First Is Server")
            #expect(e.value == "Mediation")
        }
        #expect(s.count == 0)
    }

    @Test("a server's First column without its Second partner is left missing, not given to the client")
    func unpairedFirstColumn() throws {
        let text = "Call Id,Start Time,Media Type,First Is Server,First Subnet,Second UPN,Transport\n"
            + "c1,2026-10-05T09:00:00Z,Audio,Server,52.114.128.0,ann@contoso.com,TCP\n"
            + "c2,2026-10-05T09:00:00Z,Audio,Client,10.1.1.0,dave@contoso.com,UDP\n"
        var s = CallStore()
        try s.importCSV(text: text)
        #expect(s.value(.subnet, at: 0) == .null)
        #expect(s.value(.firstUser, at: 0) == .string("ann@contoso.com"))
        // "Transport" names no side: it is the stream's, read as it is.
        #expect(s.value(.transport, at: 0) == .string("tcp"))
        #expect(s.value(.subnet, at: 1) == .string("10.1.1.0"))
        #expect(s.value(.secondUser, at: 1) == .string("dave@contoso.com"))
    }

    @Test("unknown columns are named with the closest known name")
    func unknownColumns() throws {
        let text = "Call Id,Start Time,Media Type,Second Subnett,Mystery\nc1,2026-10-05T09:00:00Z,Audio,10.1.1.0,x\n"
        var s = CallStore()
        let r = try s.importCSV(text: text)
        #expect(r.unknownColumns.map(\.name) == ["Second Subnett", "Mystery"])
        #expect(r.unknownColumns[0].suggestion == "Second Subnet")
        #expect(r.warnings == ["ignored unknown columns: Second Subnett (did you mean 'Second Subnet'?), Mystery"])
    }
}
