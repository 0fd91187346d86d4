/// One condition of a query, already checked against the field's type.
enum Condition {
    case compare(CallField, FilterOp, [ResultValue])
    case predicate((CallRow) -> Bool)
    /// start in [from, to), epoch seconds.
    case between(Double?, Double?)
    /// A `DerivedDimension` of the store the query runs on, resolved when it runs.
    case derived(String, FilterOp, [String])
    /// Rows computed once (a Lua predicate's result): a bitmap the parallel scans test like a column.
    case rows(RowSelection)
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
        if op == .in || op == .notIn {
            throw CallQueryError.badOperator(field: field, op: op.rawValue, reason: "give a list of values")
        }
        return try filter(field, op, values: [value])
    }

    /// `field in values` (or `not in`).
    public func filter(_ field: String, in values: [ResultValue], negated: Bool = false) throws -> CallQuery {
        try filter(field, negated ? .notIn : .in, values: values)
    }

    /// `field is null` or `field not null`.
    public func filter(_ field: String, _ op: FilterOp) throws -> CallQuery {
        try filter(field, op, values: [])
    }

    /// Any operator with its operands: none for `is null`/`not null`, a list for `in`/`not in` (and, for
    /// `like`/`not like`/`prefix`, a list meaning any of them), one value otherwise. Checked against the
    /// field now: an operator the field cannot mean is refused, not read as something else.
    public func filter(_ field: String, _ op: FilterOp, values: [ResultValue]) throws -> CallQuery {
        switch op {
        case .isNull, .notNull:
            guard values.isEmpty else { throw CallQueryError.badOperator(field: field, op: op.rawValue, reason: "it takes no value") }
        case .in, .notIn, .like, .notLike, .prefix:
            guard !values.isEmpty else { throw CallQueryError.badOperator(field: field, op: op.rawValue, reason: "give at least one value") }
        default:
            guard values.count == 1 else {
                throw CallQueryError.badOperator(field: field, op: op.rawValue, reason: "give one value (use in for a list)")
            }
        }
        if let u = UserDimension(rawValue: field) { return try addingDerived(u.rawValue, op, values) }
        return try adding(try CallField.named(field), op, values)
    }

    /// A Swift predicate over row views. It runs on the calling thread, row by row, in row order
    /// (so a Lua callback is safe), after the other conditions have narrowed the rows.
    public func filter(_ predicate: @escaping (CallRow) -> Bool) -> CallQuery {
        var q = self
        q.conditions.append(.predicate(predicate))
        return q
    }

    /// Only the rows of `selection` (positions in the store it was made on). Unlike a closure, it
    /// keeps the query parallel and on the top-N fast path.
    public func filter(rows selection: RowSelection) -> CallQuery {
        var q = self
        q.conditions.append(.rows(selection))
        return q
    }

    /// Whether a Swift closure (`filter(_:)`) is among the conditions: such a query scans on one thread
    /// and cannot take the top-N fast path.
    public var hasClosure: Bool {
        conditions.contains { if case .predicate = $0 { return true }; return false }
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
    /// label match nothing, `!=` included, except `is null`.
    public func filter(derived name: String, _ op: FilterOp = .eq, _ value: ResultValue) throws -> CallQuery {
        try addingDerived(name, op, [value])
    }

    public func filter(derived name: String, in values: [ResultValue], negated: Bool = false) throws -> CallQuery {
        try addingDerived(name, negated ? .notIn : .in, values)
    }

    private func addingDerived(_ name: String, _ op: FilterOp, _ values: [ResultValue]) throws -> CallQuery {
        if op.isOrdering {
            throw CallQueryError.badOperator(field: name, op: op.rawValue, reason: "it is a label; use ==, ~=, in, like or prefix")
        }
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
        func refuse(_ reason: String) -> CallQueryError { .badOperator(field: f.rawValue, op: op.rawValue, reason: reason) }
        if op.isOrdering && !FieldValues.isOrdered(f) { throw refuse("it is not a number or a date; use == or in") }
        if op.isText && f.type != .string { throw refuse("it compares text, and \(f.rawValue) is a \(f.type.rawValue); use ==, <, >") }
        if f == .start && ![.eq, .lt, .le, .gt, .ge, .isNull, .notNull].contains(op) { throw refuse("use between(from, to) or <, >") }
        let normalized = try values.map { op.isText ? try FieldValues.pattern($0, for: f) : try FieldValues.normalize($0, for: f) }
        var q = self
        q.conditions.append(.compare(f, op, normalized))
        return q
    }
}
