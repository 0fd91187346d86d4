import Testing
import Foundation
@testable import CoexistKit

@Suite("CQD building file")
struct BuildingFileTests {
    func row(_ ip: String, _ prefix: Any, _ name: String, inside: String = "1") -> String {
        "\(ip),USA/Seattle/\(name),\(prefix),\(name),Contoso,IT,Eng,Seattle,98001,US,WA,MSUS,\(inside),0,0"
    }

    @Test("longest prefix wins, nested is allowed only without overlap")
    func longestPrefix() throws {
        let f = try BuildingFile.parse([row("10.1.0.0", 16, "SEA-1"), row("10.2.3.0", 24, "SEA-2")].joined(separator: "\n"))
        #expect(f.rangeIndex(forSubnet: "10.1.200.0").map { f.buildings[f.ranges[$0].building].name } == "SEA-1")
        #expect(f.rangeIndex(forSubnet: "10.2.3.0").map { f.buildings[f.ranges[$0].building].name } == "SEA-2")
        #expect(f.rangeIndex(forSubnet: "10.2.4.0") == nil)
        // Built in code (no overlap check), longest prefix decides.
        var g = BuildingFile()
        let b = Building(name: "A", ownershipType: "", buildingType: "", officeType: "", city: "", zipCode: "", country: "", state: "", region: "")
        g.add(BuildingRange(network: IPv4.parse("10.0.0.0")!, prefix: 8, networkName: "", building: 0, insideCorp: true, expressRoute: false, vpn: false, line: 0), building: b)
        var b2 = b; b2.name = "B"
        g.add(BuildingRange(network: IPv4.parse("10.5.6.0")!, prefix: 24, networkName: "", building: 0, insideCorp: true, expressRoute: false, vpn: false, line: 0), building: b2)
        #expect(g.rangeIndex(forSubnet: "10.5.6.0").map { g.buildings[g.ranges[$0].building].name } == "B")
        #expect(g.rangeIndex(forSubnet: "10.5.7.0").map { g.buildings[g.ranges[$0].building].name } == "A")
    }

    @Test("overlapping ranges are an error naming both lines")
    func overlap() {
        let text = [row("10.1.0.0", 16, "SEA-1"), row("10.9.0.0", 16, "X"), row("10.1.4.0", 24, "SEA-2")].joined(separator: "\n")
        do {
            _ = try BuildingFile.parse(text, file: "b.csv")
            Issue.record("expected an overlap error")
        } catch let e as CallImportError {
            #expect(e.line == 3)
            #expect(e.description.contains("line 1"))
            #expect(e.description.contains("b.csv:3"))
        } catch { Issue.record("\(error)") }
    }

    @Test("/7 and /29 are rejected, /8 and /28 accepted", arguments: [(7, false), (8, true), (28, true), (29, false)])
    func bounds(prefix: Int, ok: Bool) {
        let r = Result { try BuildingFile.parse(row("10.0.0.0", prefix, "A")) }
        if ok { #expect((try? r.get()) != nil) } else {
            #expect(throws: CallImportError.self) { try r.get() }
        }
    }

    @Test("wrong column count, bad IP, bad Boolean: line and column named; tabs and CRLF work")
    func errors() throws {
        #expect(throws: CallImportError.self) { try BuildingFile.parse("10.0.0.0,a,16") }
        do { _ = try BuildingFile.parse(row("10.0.0.0", 16, "A") + "\n" + row("10.300.0.0", 16, "B")); Issue.record("no error") }
        catch let e as CallImportError { #expect(e.line == 2); #expect(e.value == "10.300.0.0") }
        do { _ = try BuildingFile.parse(row("10.0.0.0", 16, "A", inside: "yes")); Issue.record("no error") }
        catch let e as CallImportError { #expect(e.field?.contains("InsideCorp") == true) }
        let tsv = "\u{FEFF}" + row("10.1.0.0", 16, "A").replacingOccurrences(of: ",", with: "\t") + "\r\n"
        let f = try BuildingFile.parse(tsv)
        #expect(f.ranges.count == 1 && f.buildings[0].name == "A")
    }

    @Test("demo building file parses and leaves the planted subnets out")
    func demoFile() throws {
        var store = DemoCalls.generate(DemoCallsOptions(users: 300))
        let missing = store.missingSubnets()
        let names = Set(missing.rows.compactMap { if case .string(let s) = $0[0] { return s }; return nil })
        #expect(names.isSuperset(of: ["10.4.40.0", "10.4.41.0", "10.7.77.0"]))
        #expect(!names.contains("10.1.1.0"))
        store.setBuildingFile(BuildingFile())
        #expect(store.missingSubnets().count > missing.count)
    }
}
