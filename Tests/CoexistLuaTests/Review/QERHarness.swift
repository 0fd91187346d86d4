import CoexistKit
@testable import CoexistLua

/// A session like the shell's (every binding, the shipped stdlib and prelude) over a given workspace: the
/// shared harness, read the way the prompt shows values.
final class QERSession {
    let harness: LuaHarness
    var lua: LuaEngine { harness.engine }

    init(_ workspace: Workspace) throws {
        harness = try LuaHarness(workspace, stdlibPath: TestFiles.stdlib)
        if case .failure(let e) = lua.runPrelude() { throw e }
    }

    @discardableResult
    func run(_ code: String) throws -> [LuaDisplay] { try harness.displays(code) }

    func resultSet(_ code: String) throws -> ResultSet {
        guard case .resultSet(let box) = try run(code).first else { throw LuaError("not a result set: \(code)") }
        return box.resultSet
    }

    func text(_ code: String) throws -> String {
        guard case .text(let t) = try run(code).first else { throw LuaError("not a plain value: \(code)") }
        return t
    }

    /// Writes a file the session can import.
    func file(_ name: String, _ text: String) throws -> String {
        let path = TestFiles.temporaryPath(inDirectory: "qer-" + name)
        try AtomicFile.write(text, to: path)
        return path
    }
}

/// The figures of a review as (value, target, status, change) by figure name.
struct Figures {
    var rows: [String: (value: Double?, status: String, change: Double?, streams: Int)] = [:]

    init(_ rs: ResultSet) {
        let name = rs.columnIndex("figure")!, value = rs.columnIndex("value")!, status = rs.columnIndex("status")!
        let change = rs.columnIndex("change")!, streams = rs.columnIndex("streams")!
        for r in rs.rows {
            guard case .string(let n) = r[name], case .string(let s) = r[status], case .int(let k) = r[streams] else { continue }
            var v: Double?, c: Double?
            if case .double(let d) = r[value] { v = d }
            if case .double(let d) = r[change] { c = d }
            rows[n] = (v, s, c, k)
        }
    }

    subscript(_ name: String) -> (value: Double?, status: String, change: Double?, streams: Int)? { rows[name] }
}
