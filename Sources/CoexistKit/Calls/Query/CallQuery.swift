/// A comparison in a filter.
public enum FilterOp: String, Sendable, CaseIterable {
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">=", `in` = "in", notIn = "not in"

    /// Accepts "=", "~=" (Lua's not-equal) and "<>" as well.
    public static func parse(_ s: String) -> FilterOp? {
        switch s.lowercased() {
        case "=", "==", "eq": return .eq
        case "!=", "~=", "<>", "ne": return .ne
        case "<", "lt": return .lt
        case "<=", "le": return .le
        case ">", "gt": return .gt
        case ">=", "ge": return .ge
        case "in": return .in
        case "not in", "notin", "not_in": return .notIn
        default: return nil
        }
    }
}

/// One condition of a query, already checked against the field's type.
enum Condition {
    case compare(CallField, FilterOp, [ResultValue])
    case predicate((CallRow) -> Bool)
    /// start in [from, to), epoch seconds.
    case between(Double?, Double?)
    /// A `DerivedDimension` of the store the query runs on, resolved when it runs.
    case derived(String, FilterOp, [String])
}

/// A lazy query over the streams: a list of conditions (all must hold). Each step returns a new query,
/// so a Lua binding can chain `calls:where{...}:poor():by(...)` over immutable values; nothing runs
/// until a `CallStore` evaluates it (`count`, `summary`, `top`, `rows`, `select`).
///
/// A stream whose field is missing (a metric not reported, a subnet in no building) matches no
/// comparison on that field, `!=` included, as in SQL.
public struct CallQuery {
    var conditions: [Condition] = []

    public init() {}

    /// `field op value`; the value is checked now (type, enum names), so errors come before any scan.
    public func filter(_ field: String, _ op: FilterOp = .eq, _ value: ResultValue) throws -> CallQuery {
        if let u = UserDimension(rawValue: field) { return try filter(derived: u.rawValue, op, value) }
        let f = try CallField.named(field)
        if op == .in || op == .notIn {
            throw CallQueryError.badOperator(field: f.rawValue, op: op.rawValue, reason: "give a list of values")
        }
        return try adding(f, op, [value])
    }

    /// `field in values` (or `not in`).
    public func filter(_ field: String, in values: [ResultValue], negated: Bool = false) throws -> CallQuery {
        if let u = UserDimension(rawValue: field) { return try filter(derived: u.rawValue, in: values, negated: negated) }
        let f = try CallField.named(field)
        return try adding(f, negated ? .notIn : .in, values)
    }

    /// A Swift predicate over row views. It runs on the calling thread, row by row, in row order
    /// (so a Lua callback is safe), after the other conditions have narrowed the rows.
    public func filter(_ predicate: @escaping (CallRow) -> Bool) -> CallQuery {
        var q = self
        q.conditions.append(.predicate(predicate))
        return q
    }

    /// Streams starting in [from, to) (epoch seconds, UTC); nil leaves that side open.
    public func between(_ from: Double?, _ to: Double?) -> CallQuery {
        var q = self
        q.conditions.append(.between(from, to))
        return q
    }

    /// Only streams CQD classifies as poor.
    public func poor() -> CallQuery {
        var q = self
        q.conditions.append(.compare(.quality, .eq, [.string("poor")]))
        return q
    }

    /// `dimension op label` on a derived dimension (`CallStore.registerDerivedDimension`), such as
    /// the cohort of the first user. The name is resolved against the store when the query runs (a
    /// query is not bound to a store), so an unknown name is an error then. Streams whose user has no
    /// label match nothing, `!=` included.
    public func filter(derived name: String, _ op: FilterOp = .eq, _ value: ResultValue) throws -> CallQuery {
        guard op == .eq || op == .ne else {
            throw CallQueryError.badOperator(field: name, op: op.rawValue, reason: "a derived dimension is a label; use ==, != or in")
        }
        return try addingDerived(name, op, [value])
    }

    public func filter(derived name: String, in values: [ResultValue], negated: Bool = false) throws -> CallQuery {
        try addingDerived(name, negated ? .notIn : .in, values)
    }

    private func addingDerived(_ name: String, _ op: FilterOp, _ values: [ResultValue]) throws -> CallQuery {
        let labels = try values.map { v -> String in
            guard case .string(let s) = v else { throw CallQueryError.badValue(field: name, value: "\(v)", expected: "a label (a string)") }
            return s
        }
        var q = self
        q.conditions.append(.derived(name, op, labels))
        return q
    }

    public var isEmpty: Bool { conditions.isEmpty }

    /// The streams matching both queries: a review's scope applied to a section's own query.
    public func and(_ other: CallQuery) -> CallQuery {
        var q = self
        q.conditions += other.conditions
        return q
    }

    private func adding(_ f: CallField, _ op: FilterOp, _ values: [ResultValue]) throws -> CallQuery {
        let normalized = try values.map { try FieldValues.normalize($0, for: f) }
        if [.lt, .le, .gt, .ge].contains(op) && !FieldValues.isOrdered(f) {
            throw CallQueryError.badOperator(field: f.rawValue, op: op.rawValue,
                                             reason: "it is not a number or a date; use == or in")
        }
        var q = self
        q.conditions.append(.compare(f, op, normalized))
        return q
    }
}
