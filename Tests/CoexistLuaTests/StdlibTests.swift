@preconcurrency import Glibc
import CoexistKit
import Testing
@testable import CoexistLua

@Suite struct StdlibTests {
    func makeTree(_ paths: [String]) -> String {
        let root = "/tmp/coexist-stdlib-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        for p in paths {
            var prefix = ""
            for part in (root + "/" + p).split(separator: "/").dropLast() {
                prefix += "/" + part
                mkdir(prefix, 0o755)
            }
            fclose(fopen(root + "/" + p, "w"))
        }
        return root
    }

    @Test func foundBesideAnInstalledBinary() {
        let root = makeTree(["bin/coexist", "share/coexist/stdlib/prelude.lua"])
        #expect(StdlibLocator.find(environment: [:], executable: root + "/bin/coexist") == root + "/share/coexist/stdlib")
    }

    @Test func foundInTheCheckoutABuildCameFrom() {
        let root = makeTree(["Package.swift", "stdlib/prelude.lua", ".build/x86_64-unknown-linux-gnu/release/coexist"])
        #expect(StdlibLocator.find(environment: [:], executable: root + "/.build/x86_64-unknown-linux-gnu/release/coexist")
            == root + "/stdlib")
    }

    @Test func environmentOverrides() {
        #expect(StdlibLocator.find(environment: ["COEXIST_STDLIB": "/opt/mine"], executable: "/usr/bin/coexist") == "/opt/mine")
    }

    @Test func missingGivesNil() {
        let root = makeTree(["bin/coexist"])
        #expect(StdlibLocator.find(environment: [:], executable: root + "/bin/coexist") == nil)
    }

    @Test func requireFindsModulesInTheStdlib() throws {
        let root = makeTree(["stdlib/prelude.lua"])
        try AtomicFile.write("return { answer = 42 }\n", to: root + "/stdlib/sample_module.lua")
        let lua = try LuaEngine(LuaEngineOptions(stdlibPath: root + "/stdlib"))
        guard case .values(let v) = lua.evaluate("require('sample_module').answer"), case .text(let t) = v.first else {
            Issue.record("require failed"); return
        }
        #expect(t == "42")
    }
}
