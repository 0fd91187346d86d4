@preconcurrency import Glibc
import Foundation
import Testing
import CoexistKit
@testable import CoexistLua

/// import_devices (wildcard patterns, and help that says how they match) and import_buildings refusals, from Lua.
@Suite(.serialized) struct ImportDevicesLuaTests {
    @Test("import_devices takes * patterns and help(import_devices) says how names match")
    func patterns() throws {
        let lua = try CallsLua(streams: 200)
        let path = CallsImportLuaTests.write("*jabra*\n!*Realtek*\n", "devices.txt")
        try lua.run("_d = import_devices('\(path)')")
        #expect(try lua.integer("_d.certified") == 1 && lua.integer("_d.excluded") == 1)
        // The random store's devices: "Jabra Evolve2 65", "Microphone Array (Realtek(R) Audio)", "".
        let jabra = lua.naive(.captureDevice) { $0 == .string("Jabra Evolve2 65") }.count
        #expect(jabra > 0)
        #expect(try lua.integer("calls:where{certified=true}:count()") == jabra)

        let out = "/tmp/coexist-devices-help-\(getpid()).txt"
        try lua.engine.redirectOutput(to: out)
        _ = lua.engine.evaluate("help(import_devices)")
        try lua.engine.redirectOutput(to: nil)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("ignore case"))
        #expect(text.contains("* matches any run of characters"))
        #expect(text.contains("without * must equal the whole device name"))
    }

    @Test("a pattern without * that only occurs inside device names warns, naming the * pattern to write")
    func plainPatternWarns() throws {
        let lua = try CallsLua(streams: 200)
        _ = Warnings.take(lua.engine.L)
        let path = CallsImportLuaTests.write("Jabra\r\n!Realtek\r\nJabra Evolve2 65\r\n", "plain-devices.txt")
        try lua.run("import_devices('\(path)')")
        let w = Warnings.take(lua.engine.L)
        // "Jabra Evolve2 65" is a whole name: no warning for it, and its streams are certified.
        #expect(w.count == 2, "\(w)")
        #expect(w.first?.contains("'jabra' equals no device name") == true && w.first?.contains("write '*jabra*'") == true, "\(w)")
        #expect(w.last?.contains("'!realtek'") == true && w.last?.contains("write '!*realtek*'") == true, "\(w)")
        let jabra = lua.naive(.captureDevice) { $0 == .string("Jabra Evolve2 65") }.count
        #expect(try lua.integer("calls:where{certified=true}:count()") == jabra)
    }

    @Test("import_buildings refuses a host address, says which network it meant, and keeps the building file")
    func buildingHostBits() throws {
        let lua = try CallsLua(streams: 200)
        let before = lua.store.buildingFile
        let path = CallsImportLuaTests.write("10.1.2.5,USA/Seattle/SEA-9,24,SEA-9,Contoso,,,Seattle,98101,US,WA,MSUS,1,0,0\r\n", "hostbits.csv")
        let e = lua.error("import_buildings('\(path)')")
        #expect(e?.contains("hostbits.csv:1") == true && e?.contains("did you mean 10.1.2.0?") == true, "\(e ?? "")")
        #expect(lua.store.buildingFile == before)
    }
}
