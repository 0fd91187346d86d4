/// A calls query as a stored value: the conditions `calls:where{...}`, `between` and `poor` add, so a goal
/// measured by a query can live in the journal and be replayed. A query holding a Lua or Swift predicate (or
/// rows computed from one) has no stored form: `CallQuery.spec` is nil for it and a goal refuses it by name.
public struct CallQuerySpec: Sendable, Codable, Equatable {
    public enum Value: Sendable, Codable, Equatable {
        case null, bool(Bool), int(Int), double(Double), string(String), date(Double)
        init(_ v: ResultValue) {
            switch v {
            case .null: self = .null
            case .bool(let b): self = .bool(b)
            case .int(let i): self = .int(i)
            case .double(let d): self = .double(d)
            case .string(let s): self = .string(s)
            case .date(let d): self = .date(d)
            }
        }
        var value: ResultValue {
            switch self {
            case .null: .null
            case .bool(let b): .bool(b)
            case .int(let i): .int(i)
            case .double(let d): .double(d)
            case .string(let s): .string(s)
            case .date(let d): .date(d)
            }
        }
    }

    public enum Condition: Sendable, Codable, Equatable {
        case compare(field: String, op: String, values: [Value])
        case between(from: Double?, to: Double?)
        case derived(name: String, op: String, labels: [String])
    }

    public var conditions: [Condition]

    /// The query again, condition for condition (values were checked when the query was first made).
    public func query() throws -> CallQuery {
        var q = CallQuery()
        for c in conditions {
            switch c {
            case let .compare(field, op, values):
                guard let f = CallField(rawValue: field), let o = FilterOp(rawValue: op) else {
                    throw CallQueryError.badOperator(field: field, op: op, reason: "not a stored condition this version knows")
                }
                q.conditions.append(.compare(f, o, values.map(\.value)))
            case let .between(from, to): q = q.between(from, to)
            case let .derived(name, op, labels):
                guard let o = FilterOp(rawValue: op) else {
                    throw CallQueryError.badOperator(field: name, op: op, reason: "not a stored condition this version knows")
                }
                q.conditions.append(.derived(name, o, labels))
            }
        }
        return q
    }
}

extension CallQuery {
    /// The stored form of this query, nil when it holds a predicate (a function or rows picked by one).
    public var spec: CallQuerySpec? {
        var out: [CallQuerySpec.Condition] = []
        for c in conditions {
            switch c {
            case let .compare(f, op, values): out.append(.compare(field: f.rawValue, op: op.rawValue, values: values.map(CallQuerySpec.Value.init)))
            case let .between(from, to): out.append(.between(from: from, to: to))
            case let .derived(name, op, labels): out.append(.derived(name: name, op: op.rawValue, labels: labels))
            case .predicate, .rows: return nil
            }
        }
        return CallQuerySpec(conditions: out)
    }
}
