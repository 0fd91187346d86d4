/// A comparison in a filter. Every spelling a user may type is listed in `spellings`; anything else is
/// refused with the closest one, because a word we do not know taken as a value would select the very
/// streams the user meant to leave out.
public enum FilterOp: String, Sendable, CaseIterable {
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">=", `in` = "in", notIn = "not in"
    /// SQL LIKE: `%` any run of characters, `_` one character; case-insensitive.
    case like, notLike = "not like"
    /// Starts with, case-insensitive.
    case prefix
    /// The field is missing (a metric not reported, a subnet in no building) or present.
    case isNull = "is null", notNull = "not null"

    /// Accepts "=", "~=" (Lua's not-equal), "<>", "not" and SQL's words as well.
    public static func parse(_ s: String) -> FilterOp? {
        let key = s.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" }).joined(separator: " ")
        switch key {
        case "=", "==", "eq": return .eq
        case "!=", "~=", "<>", "ne", "not": return .ne
        case "<", "lt": return .lt
        case "<=", "le": return .le
        case ">", "gt": return .gt
        case ">=", "ge": return .ge
        case "in": return .in
        case "not in", "notin": return .notIn
        case "like": return .like
        case "not like", "notlike": return .notLike
        case "prefix", "starts with": return .prefix
        case "is null", "isnull", "null": return .isNull
        case "not null", "notnull", "is not null": return .notNull
        default: return nil
        }
    }

    /// The spellings `parse` accepts, for "did you mean" and the help text.
    public static let spellings = ["==", "=", "~=", "!=", "<>", "not", "<", "<=", ">", ">=", "in", "not in",
                                   "like", "not like", "prefix", "is null", "not null"]

    /// `is null` and `not null` take no value; `in` and `not in` a list; the rest one value (or, for like
    /// and prefix, a list: any of them).
    public var takesValue: Bool { self != .isNull && self != .notNull }

    /// Whether the op selects by text rather than by value.
    var isText: Bool { self == .like || self == .notLike || self == .prefix }

    var isOrdering: Bool { self == .lt || self == .le || self == .gt || self == .ge }

    /// The op as the query's description says it.
    public var word: String {
        switch self {
        case .eq: return "="
        default: return rawValue
        }
    }
}

/// Why a filter operator was refused.
extension CallQueryError {
    /// An operator word no one knows, with the nearest spelling.
    public static func unknownOperator(_ field: String, _ op: String) -> CallQueryError {
        let hint = closest(to: op, in: FilterOp.spellings).map { "; did you mean '\($0)'?" } ?? ""
        return .badOperator(field: field, op: op, reason: "unknown operator (use " + FilterOp.spellings.joined(separator: ", ") + ")" + hint)
    }
}
