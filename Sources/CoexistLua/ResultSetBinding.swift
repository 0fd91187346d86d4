import CoexistKit

/// A result set as Lua holds it.
public final class ResultSetBox {
    public let resultSet: ResultSet
    public init(_ resultSet: ResultSet) { self.resultSet = resultSet }
}

/// Result sets in Lua: `#rs`, `rs[i]` (a row as a record), `for row in rs:rows()`, `rs:column(name)`,
/// `rs:save(path)`, `rs:chart{...}`, and the verbs of `ResultSetVerbs` (sort, where, head, select, add, pivot, join, format). The REPL, print and tostring render them in the current output mode.
public enum ResultSetBinding {
    nonisolated(unsafe) public static let type: LuaObjectType<ResultSetBox> = makeType()

    public static func push(_ rs: ResultSet, _ L: OpaquePointer) { type.push(ResultSetBox(rs), L) }

    public static func luaValue(_ v: ResultValue) -> LuaValue {
        switch v {
        case .null: return .nil
        case .bool(let b): return .boolean(b)
        case .int(let i): return .integer(Int64(i))
        case .double(let d): return .number(d)
        case .string(let s): return .string(s)
        case .date(let s): return .date(LuaDate(epochSeconds: s))
        }
    }

    static func record(_ rs: ResultSet, _ row: Int) -> LuaValue {
        var t = LuaTable()
        for (c, column) in rs.columns.enumerated() where rs.rows[row][c] != .null {
            t.fields.append((.string(column.name), luaValue(rs.rows[row][c])))
        }
        return .table(t)
    }

    private static func makeType() -> LuaObjectType<ResultSetBox> {
        let t = LuaObjectType<ResultSetBox>("ResultSet", doc: """
            A table of results: named columns and rows. The shell prints it in the current .mode.
            #rs is the row count; rs[i] is row i as a record; for row in rs:rows() do ... end.
            """)
        t.field("columns", "the column names, in order") { box in
            .table(LuaTable(array: box.resultSet.columns.map { .string($0.name) }))
        }
        t.field("title", "the caption shown above the table, or nil") { box in box.resultSet.title.map { .string($0) } ?? .nil }
        t.method("rows", "rs:rows(): an iterator over the rows, each a record keyed by column name") { box, call in
            var i = 0
            let rs = box.resultSet
            HostFunction("rows iterator") { call in
                guard i < rs.rows.count else { return call.results(.nil) }
                i += 1
                return call.results(record(rs, i - 1))
            }.push(call.L)
            return 1
        }
        t.method("column", "rs:column(name): the values of one column as an array") { box, call in
            let name = try call.string(1)
            guard let c = box.resultSet.columnIndex(name) else {
                throw call.error(1, "no column '\(name)'" + didYouMean(name, box.resultSet.columns.map(\.name)))
            }
            return call.results(.table(LuaTable(array: box.resultSet.rows.map { luaValue($0[c]) })))
        }
        t.method("save", "rs:save(path): writes every row as CSV, JSON, Markdown, an HTML page or a text table, by the file's extension (.csv, .json, .md, .html, .txt)") { box, call in
            let path = try call.string(1)
            try ResultFiles.save(box.resultSet, to: path, gate: FileGate.of(call.L))
            return 0
        }
        t.length { $0.resultSet.count }
        t.positional { box, i, call in
            guard i >= 1 && i <= box.resultSet.count else { return call.results(.nil) }
            return call.results(record(box.resultSet, i - 1))
        }
        ResultSetVerbs.install(t)
        t.method("chart", ResultSetChart.doc) { box, call in
            call.results(.string(try ResultSetChart.chart(box.resultSet, try call.optTable(1))))
        }
        // tostring and print follow the shell's .mode, .headers, .nullvalue and .maxrows, as the REPL does.
        t.describe(inState: { box, L in
            ResultRenderer.render(box.resultSet, RenderSettings.current(L)).trimmingTrailingNewline
        })
        return t
    }
}

extension String {
    var trimmingTrailingNewline: String {
        var s = Substring(self)
        while s.last == "\n" { s = s.dropLast() }
        return String(s)
    }
}
