import CoexistKit
import Foundation

/// What `make_cohort` and `cohort:add` accept as members: a filter table, a predicate, a list of UPNs, a
/// Users selection or the path of a CSV file naming users.
enum CohortSpec {
    static let help = "a filter table {department=\"Sales\"}, a function(u), a list of UPNs {\"a@x\", ...}, a users selection or a \"file.csv\""

    static func positions(_ source: TenantSource, _ call: LuaCall, argument i: Int) throws -> [Int] {
        let tenant = source.tenant
        if call.isFunction(i) { return try UsersBinding.select(UsersBox(source), call, argument: i) }
        if let box = call.optObject(i, UsersBinding.type) { return box.positions }
        if call.isString(i) {
            let path = try call.string(i)
            guard path.lowercased().hasSuffix(".csv") else {
                throw call.error(i, "'\(path)' is not a .csv file; members are " + help)
            }
            try Sandbox.checkRead(call.L, path)
            // Decoded as the users import decodes: UTF-8 (with or without a mark) or UTF-16 as Export-Csv
            // -Encoding Unicode writes it; a bad byte is refused naming its line.
            let text: String
            do { text = try UserFileText.decode(try UserFileText.read(path), file: path).text } catch {
                throw LuaError("\(error)")
            }
            return try tenant.positions(fromCSV: text, file: path).positions
        }
        guard call.isTable(i) else { throw call.error(i, help + " expected, got \(call.typeName(i))") }
        let t = try call.table(i)
        if t.fields.isEmpty {
            var result: [Int] = []
            for (n, v) in t.array.enumerated() {
                guard let upn = v.stringValue else { throw call.error(i, "item \(n + 1) is a \(v.typeName), not a UPN") }
                result.append(try UserBinding.position(upn, in: tenant, what: call.name))
            }
            return result
        }
        let filter = try UsersBinding.filter(t)
        for w in tenant.unknownFilterValues(filter) { Warnings.emit(call.L, "\(call.name): " + w) }
        return try tenant.select(filter: filter)
    }
}
