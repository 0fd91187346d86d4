import Testing
import CoexistKit
@testable import CoexistLua

/// `undo()` reverts the last change whatever its kind (imports of calls, users, buildings and devices
/// included), and `changes` shows every kind with who, when, what and why.
@Suite(.serialized) struct UndoImportLuaTests {
    static let buildings = "10.1.1.0,USA/Seattle/HQ,24,HQ,Contoso,,,Seattle,98101,US,WA,MSUS,1,0,0\n"

    func session() throws -> QERSession { try QERSession(Workspace.demo(users: 60)) }

    @Test func undoRevertsImportBuildings() throws {
        let s = try session()
        let demoBuildings = try s.text("#buildings()")
        #expect(demoBuildings != "1")
        let path = try s.file("undo-buildings.csv", Self.buildings)
        try s.run("import_buildings('\(path)')")
        #expect(try s.text("#buildings()") == "1")
        #expect(try s.text("#changes") == "1")
        #expect(try s.text("changes:table()[1].kind") == "import_buildings")
        #expect(try s.text("changes[1].what").contains("undo-buildings.csv"))
        try s.run("undo()")
        #expect(try s.text("#buildings()") == demoBuildings)
        #expect(try s.text("#changes") == "0")
    }

    @Test func undoRevertsImportCallsAfterAMoveLastFirst() throws {
        let s = try session()
        let before = try s.text("calls:count()")
        var export = CQDExport()
        export.add(3, .init())
        let path = try s.file("undo-cqd-export.csv", export.text)
        try s.run("import_calls('\(path)')")
        try s.run("cohort('Wave 1'):move('TeamsOnly', {reason='after the import'})")
        #expect(try s.text("calls:count()") == String(Int(before)! + 3))
        #expect(try s.text("#changes") == "2")
        #expect(try s.text("changes:table()[1].kind") == "import_calls")
        #expect(try s.text("changes:table()[2].why") == "after the import")
        try s.run("undo()")
        #expect(try s.text("#changes") == "1")
        #expect(try s.text("calls:count()") == String(Int(before)! + 3))
        try s.run("u = undo()")
        #expect(try s.text("u.what").contains("import_calls"))
        #expect(try s.text("calls:count()") == before)
        #expect(try s.text("#changes") == "0")
        #expect(throws: (any Error).self) { try s.run("undo()") }
    }

    @Test func aRefusedImportIsNotJournaled() throws {
        let s = try session()
        let path = try s.file("undo-bad-buildings.csv", "10.1.1.5,USA/Seattle/HQ,24,HQ,Contoso,,,Seattle,98101,US,WA,MSUS,1,0,0\n")
        #expect(throws: (any Error).self) { try s.run("import_buildings('\(path)')") }
        #expect(try s.text("#changes") == "0")
    }
}
