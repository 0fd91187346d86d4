@preconcurrency import Glibc
import Testing
@testable import CoexistLua
import CoexistKit

/// help() on any method prints its signature, description and an example, from one table of examples that
/// every method of every host object type must have an entry in.
@Suite(.serialized) struct MethodDocsTests {
    func engine() throws -> LuaEngine {
        let lua = try LuaEngine(LuaEngineOptions(stdlibPath: nil))
        Bindings.install(Workspace.demo(users: 60), in: lua)
        return lua
    }

    func help(_ lua: LuaEngine, _ expression: String) throws -> String {
        let path = "/tmp/coexist-method-help-\(getpid()).txt"
        try lua.redirectOutput(to: path)
        let outcome = lua.evaluate("help(\(expression))")
        try lua.redirectOutput(to: nil)
        if case .failure(let e) = outcome { return "error: " + e.message }
        guard let f = fopen(path, "r") else { return "" }
        defer { fclose(f) }
        var out = ""
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, Int32(buffer.count), f) != nil { out += String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return out
    }

    @Test("every method of every host object type has an example")
    func everyMethodHasAnExample() throws {
        let lua = try engine()
        let methods = lua.types.values.flatMap { type in type.members.filter(\.isMethod).map { "\(type.name):\($0.name)" } }
        #expect(methods.count >= 50, "\(methods.count) methods found: the walk reached too few types")
        let missing = methods.filter { MethodDocs.examples[$0] == nil }.sorted()
        #expect(missing.isEmpty, "methods without an example in MethodDocs: \(missing)")
        // And no entry names a method that does not exist (a rename would leave it stale).
        let stale = Set(MethodDocs.examples.keys).subtracting(methods).sorted()
        #expect(stale.isEmpty, "examples for methods that do not exist: \(stale)")
    }

    @Test("every example compiles as Lua")
    func examplesCompile() throws {
        let lua = try engine()
        for (name, example) in MethodDocs.examples {
            #expect(!lua.isIncomplete(example), "\(name): \(example)")
            if case .failure(let e) = lua.evaluateCompileOnly(example) { Issue.record("\(name): \(e.message)") }
        }
    }

    @Test("help on a method value, a method of a call's result and a \"owner:method\" string", arguments: [
        "calls.where", #"cohort("Pilot").move"#, #""calls:where""#, #""Cohort:move""#, "users.count",
    ])
    func helpOnAMethod(_ expression: String) throws {
        let text = try help(try engine(), expression)
        #expect(text.contains("Example:"), "\(text)")
        #expect(!text.contains("a built-in C function") && !text.contains("no help"), "\(text)")
        // The first line names the type and method; the signature follows on its own line.
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains(":") == true && lines.count >= 4, "\(text)")
    }

    @Test func helpOnCallsWhereShowsItsSignatureAndExample() throws {
        let text = try help(try engine(), #""calls:where""#)
        #expect(text.hasPrefix("Calls:where\n  q:where{field=value"), "\(text)")
        #expect(text.contains(MethodDocs.examples["Calls:where"]!))
    }

    @Test func aMisspeltMethodNamesTheClosest() throws {
        let lua = try engine()
        #expect(try help(lua, #""calls:wher""#).contains("did you mean 'where'?"))
        #expect(try help(lua, #""cals:where""#).contains("did you mean"))
    }
}
