@preconcurrency import Glibc
import Foundation
import Testing
import CoexistKit
@testable import CoexistLua

/// import_devices: wildcard patterns, and help that says how they match.
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
}
