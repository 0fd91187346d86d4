import CLua
import CLuaBridge
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// help(): documentation for builtins, Lua functions (their source and the comment above them) and objects.
extension LuaEngine {
    func overview() -> String {
        let ours = globalDocs.keys.filter { !StandardLibraryDocs.entries.keys.contains($0) }.sorted()
        var lines = ["coexist: a Lua 5.4 shell over one tenant. help(x) tells about x; .help lists the dot-commands.", ""]
        lines.append("Builtins:")
        for name in ours { lines.append("  \(name.padding(14))\(firstLine(globalDocs[name]!))") }
        let typeNames = types.values.map(\.name).sorted()
        if !typeNames.isEmpty { lines.append(""); lines.append("Object types: " + typeNames.joined(separator: ", ")) }
        lines.append("")
        lines.append("The Lua standard library is here too: help(string), help(string.format), help(table.sort) ...")
        return lines.joined(separator: "\n")
    }

    func help(forArgument call: LuaCall) -> String {
        let idx = call.slot(1)
        switch lua_type(L, idx) {
        case LUA_TSTRING:
            return help(named: call.stack.string(at: idx) ?? "")
        case LUA_TFUNCTION:
            if let name = documentedName(of: idx) { return "\(name): \(globalDocs[name]!)" }
            if let doc = methodHelp(at: idx) { return doc }
            return luaFunctionHelp(at: idx)
        case LUA_TUSERDATA:
            var tname: UnsafePointer<CChar>?
            if bridge_any_object(L, idx, &tname) != nil, let tname, let type = types[String(cString: tname)] {
                return typeHelp(type)
            }
            return "a userdata value"
        case LUA_TTABLE:
            if let name = documentedName(of: idx) { return libraryHelp(name) }
            let n = lua_rawlen(L, idx)
            return "a table" + (n > 0 ? " with \(n) items in sequence" : "") + "; print it to see its contents"
        default:
            return "a \(call.stack.typeName(at: idx)) value: \(ValueInspector(self).describe(at: idx))"
        }
    }

    /// Longer than any global, library member, type or Type:method name help() documents.
    static let longestName = 256

    private func help(named name: String) -> String {
        // No documented name is this long; the lookups below copy and compare the name once per entry, which
        // for help(string.rep("x", 16 << 20)) took past the lua fuzz target's 30 s (a fuzz finding).
        if name.utf8.count > Self.longestName { return "no help for a name of \(name.utf8.count) bytes" }
        if let doc = globalDocs[name] { return "\(name): \(doc)" }
        if let colon = name.firstIndex(of: ":") { return methodHelp(named: String(name[..<colon]), String(name[name.index(after: colon)...])) }
        if let type = types.values.first(where: { $0.name.lowercased() == name.lowercased() }) { return typeHelp(type) }
        if globalDocs.keys.contains(where: { $0.hasPrefix(name + ".") }) { return libraryHelp(name) }
        let candidates = Array(globalDocs.keys) + types.values.map(\.name)
        return "no help for '\(name)'" + didYouMean(name, candidates)
    }

    private func libraryHelp(_ name: String) -> String {
        let members = globalDocs.keys.filter { $0.hasPrefix(name + ".") }.sorted()
        let head = globalDocs[name].map { "\(name): \($0)" } ?? "\(name):"
        if members.isEmpty { return globalDocs[name] == nil ? "\(name): a table" : head }
        return ([head] + members.map { "  \($0.padding(18))\(firstLine(globalDocs[$0]!))" }).joined(separator: "\n")
    }

    func typeHelp(_ type: LuaTypeDescription) -> String {
        var lines = ["\(type.name): \(type.doc)"]
        let fields = type.members.filter { !$0.isMethod }
        let methods = type.members.filter(\.isMethod)
        if !fields.isEmpty {
            lines.append("Fields:")
            for f in fields { lines.append("  .\(f.name.padding(14))\(f.doc)") }
        }
        if !methods.isEmpty {
            lines.append("Methods:")
            for m in methods { lines.append("  :\(m.name.padding(14))\(m.doc)") }
        }
        return lines.joined(separator: "\n")
    }

    /// The documented global name whose value is the very value at idx.
    private func documentedName(of idx: Int32) -> String? {
        let idx = lua_absindex(L, idx)
        for name in globalDocs.keys.sorted() {
            pushGlobal(path: name)
            defer { stack.pop() }
            if lua_rawequal(L, -1, idx) != 0 { return name }
        }
        for name in Set(globalDocs.keys.compactMap { $0.split(separator: ".").first.map(String.init) }) {
            pushGlobal(path: name)
            defer { stack.pop() }
            if lua_type(L, -1) == LUA_TTABLE && lua_rawequal(L, -1, idx) != 0 { return name }
        }
        return nil
    }

    /// `help(calls.where)`: the method of a registered object type whose function is the value at idx.
    private func methodHelp(at idx: Int32) -> String? {
        let idx = lua_absindex(L, idx)
        lua_checkstack(L, 4)
        for type in types.values.sorted(by: { $0.name < $1.name }) {
            guard lua_getfield(L, shim_registryindex(), type.metatableName) == LUA_TTABLE else { stack.pop(); continue }
            defer { stack.pop() }
            guard lua_getfield(L, -1, "__methods") == LUA_TTABLE else { stack.pop(); continue }
            defer { stack.pop() }
            for m in type.members where m.isMethod {
                lua_getfield(L, -1, m.name)
                defer { stack.pop() }
                if lua_rawequal(L, -1, idx) != 0 { return MethodDocs.text(type: type.name, method: m.name, doc: m.doc) }
            }
        }
        return nil
    }

    /// `help("calls:where")` or `help("Cohort:move")`: the owner is a global holding an object, or a type's name.
    private func methodHelp(named owner: String, _ method: String) -> String {
        var type = types.values.first { $0.name.lowercased() == owner.lowercased() }
        if type == nil {
            let kind = pushGlobal(path: owner)
            var tname: UnsafePointer<CChar>?
            if kind == LUA_TUSERDATA, bridge_any_object(L, -1, &tname) != nil, let tname { type = types[String(cString: tname)] }
            stack.pop()
        }
        guard let type else {
            return "no help for '\(owner):\(method)': '\(owner)' is neither an object nor a type"
                + didYouMean(owner, types.values.map(\.name) + globalDocs.keys.filter { !$0.contains(".") })
        }
        guard let member = type.members.first(where: { $0.isMethod && $0.name == method }) else {
            return "\(type.name) has no method '\(method)'" + didYouMean(method, type.members.filter(\.isMethod).map(\.name))
        }
        return MethodDocs.text(type: type.name, method: member.name, doc: member.doc)
    }

    /// Where a Lua function was defined, and the comment lines right above it when it came from a file.
    private func luaFunctionHelp(at idx: Int32) -> String {
        var ar = lua_Debug()
        lua_pushvalue(L, idx)
        lua_getinfo(L, ">S", &ar)
        let source = ar.source.map { String(cString: $0) } ?? "?"
        if source == "=[C]" { return "a built-in C function" }
        let line = Int(ar.linedefined)
        guard source.hasPrefix("@") else {
            return "a Lua function defined at \(String(source.dropFirst())):\(line)"
        }
        let path = String(source.dropFirst())
        var text = "a Lua function defined at \(path):\(line)"
        let comments = leadingComments(path: path, line: line)
        if !comments.isEmpty { text += "\n" + comments.joined(separator: "\n") }
        return text
    }

    private func leadingComments(path: String, line: Int) -> [String] {
        // A function's source file can be anything by now (a FIFO would hang help()); read only what the gate allows.
        guard let text = try? files.readText(path) else { return [] }
        let lines = text.split(separator: "\n", maxSplits: max(line - 1, 0), omittingEmptySubsequences: false)
            .prefix(max(line - 1, 0)).map { String($0).trimmingSpaces }
        var comments: [String] = []
        for l in lines.reversed() {
            guard l.hasPrefix("--") else { break }
            comments.insert(String(l.drop(while: { $0 == "-" })).trimmingSpaces, at: 0)
        }
        return comments
    }

    private func firstLine(_ s: String) -> String { s.split(separator: "\n").first.map(String.init) ?? s }

    func documentStandardLibrary() {
        for (name, doc) in StandardLibraryDocs.entries where globalDocs[name] == nil { globalDocs[name] = doc }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
