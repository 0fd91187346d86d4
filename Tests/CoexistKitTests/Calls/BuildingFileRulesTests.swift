import Testing
@testable import CoexistKit

/// The rules of CQD's building-file upload ("Upload tenant and building data in Call Quality Dashboard").
@Suite("building file: network addresses and VPN expansion")
struct BuildingFileRulesTests {
    func row(_ ip: String, _ prefix: Int, _ name: String, vpn: String = "0") -> String {
        "\(ip),USA/Seattle/\(name),\(prefix),\(name),Contoso,Office,Engineering,Seattle,98101,US,WA,MSUS,1,0,\(vpn)"
    }

    @Test("a NetworkIP with host bits set is refused, with the network address it probably meant")
    func hostBits() {
        let text = [row("10.1.1.0", 24, "SEA-1"), row("10.1.2.5", 24, "SEA-2")].joined(separator: "\r\n")
        do { _ = try BuildingFile.parse(text, file: "buildings.csv"); Issue.record("accepted 10.1.2.5/24") }
        catch let e as CallImportError {
            #expect(e.line == 2)
            #expect(e.value == "10.1.2.5")
            #expect(e.description.contains("did you mean 10.1.2.0?"), "\(e)")
            #expect(e.description.hasPrefix("buildings.csv:2: NetworkIP (column 1) = 10.1.2.5: "))
        } catch { Issue.record("\(error)") }
        #expect(throws: CallImportError.self) { try BuildingFile.parse(row("10.8.0.0", 12, "WIDE")) }
        #expect((try? BuildingFile.parse(row("10.16.0.0", 12, "WIDE"))) != nil)
    }

    @Test("VPN rows that expand past 1,000,000 addresses are refused, as CQD's upload does")
    func vpnExpansion() {
        // Two /13 VPN ranges: 524,288 addresses each, 1,048,576 with the office row.
        let text = [row("10.1.1.0", 24, "SEA-1"), row("172.16.0.0", 13, "VPN", vpn: "1"), row("172.24.0.0", 13, "VPN", vpn: "1")]
            .joined(separator: "\n")
        do { _ = try BuildingFile.parse(text, file: "buildings.csv"); Issue.record("accepted") }
        catch let e as CallImportError {
            #expect(e.line == 3)
            #expect(e.description.contains("1,000,000"), "\(e)")
            #expect(e.description.contains("1048577"), "\(e)")
        } catch { Issue.record("\(error)") }
        // One of them fits, and the same /13 as a plain (not expanded) range is only one row.
        #expect((try? BuildingFile.parse([row("10.1.1.0", 24, "SEA-1"), row("172.16.0.0", 13, "VPN", vpn: "1")].joined(separator: "\n"))) != nil)
        #expect((try? BuildingFile.parse([row("172.16.0.0", 13, "VPN"), row("172.24.0.0", 13, "VPN")].joined(separator: "\n"))) != nil)
    }

    @Test("/32 VPN rows are accepted and map their one address; /32 is refused on other rows")
    func vpnHosts() throws {
        let f = try BuildingFile.parse([row("10.1.1.0", 24, "SEA-1"), row("10.99.0.7", 32, "VPN", vpn: "1")].joined(separator: "\n"))
        #expect(f.rangeIndex(forSubnet: "10.99.0.7").map { f.buildings[f.ranges[$0].building].name } == "VPN")
        #expect(f.rangeIndex(forSubnet: "10.99.0.8") == nil)
        #expect(f.rangeIndex(forSubnet: "10.1.1.78").map { f.buildings[f.ranges[$0].building].name } == "SEA-1")
        #expect(throws: CallImportError.self) { try BuildingFile.parse(row("10.1.1.77", 32, "HOST")) }
    }
}
