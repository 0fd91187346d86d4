extension CallQuery {
    /// How many conditions the query holds, so a caller can ask about the ones a step added.
    public var conditionCount: Int { conditions.count }

    /// One warning per operand that names no building, place, user, cohort, department or user city the
    /// store knows (names matched case-insensitively, patterns matched as the filter would), with the
    /// closest known value. Not errors: a name with no streams yet is a fair question, but a typo that
    /// silently selects nothing is not. Conditions before `after` are skipped.
    public func unknownValues(on store: CallStore, after: Int = 0) -> [String] {
        var out: [String] = []
        for c in conditions.dropFirst(after) {
            switch c {
            case .compare(let f, let op, var values):
                if (f == .firstUser || f == .secondUser) && !op.isText {
                    // Tens of thousands of users: look the value up before listing them for a suggestion.
                    values = values.filter { v in
                        guard case .string(let u) = v else { return false }
                        return store.users.code(of: u) == nil && store.users.code(of: u.lowercased()) == nil
                    }
                    if values.isEmpty { continue }
                }
                guard let known = store.knownValues(f) else { continue }
                out += Self.unknown(f.rawValue, op, values, known, foldCase: FieldValues.isName(f))
            case .derived(let name, let op, let labels):
                guard let d = store.derivedDimensions[name] else { continue }
                out += Self.unknown(name, op, labels.map { .string($0) }, d.labels.strings.filter { !$0.isEmpty }, foldCase: true)
            default:
                continue
            }
        }
        return out
    }

    /// Longer than any building, place, user or cohort name a person types (CQD limits building file fields to
    /// 64 characters; a UPN to 113), with room to spare.
    static let longestNamed = 256

    private static func unknown(_ field: String, _ op: FilterOp, _ values: [ResultValue], _ known: [String],
                                foldCase: Bool) -> [String] {
        guard op != .isNull && op != .notNull && !op.isOrdering else { return [] }
        let lowered = foldCase || op.isText ? known.map { $0.lowercased() } : known
        var out: [String] = []
        for v in values {
            guard case .string(let s) = v else { continue }
            let hit: Bool
            if op.isText {
                let test = ValueTest(op == .notLike ? .like : op, [v], foldCase: true)
                hit = known.contains { test(.string($0)) }
            } else {
                hit = lowered.contains(foldCase ? s.lowercased() : s)
            }
            if hit { continue }
            // A value far longer than any name is no misspelling of one: naming it whole would print megabytes,
            // and comparing it letter by letter with every name took minutes (found by fuzzing the evaluator).
            let long = s.utf8.count > Self.longestNamed
            let shown = long ? String(s.prefix(40)) + "... (\(s.utf8.count) bytes)" : s
            let what = op.isText ? "'\(shown)' matches no \(field)" : "no \(field) is '\(shown)'"
            let near = long ? nil : closest(to: s, in: lowered).flatMap { c in known.first { (foldCase || op.isText ? $0.lowercased() : $0) == c } }
            out.append(what + (near.map { "; did you mean '\($0)'?" } ?? ""))
        }
        return out
    }
}

extension CallStore {
    /// The values a field can name here, for fields whose values are names a person types: buildings and
    /// their places (from the building file) and users (from the streams). nil for other fields.
    func knownValues(_ f: CallField) -> [String]? {
        let b = buildingFile.buildings
        func distinct(_ xs: [String]) -> [String] { Array(Set(xs.filter { !$0.isEmpty })).sorted() }
        switch f {
        case .building: return b.isEmpty ? nil : distinct(b.map(\.name))
        case .city: return b.isEmpty ? nil : distinct(b.map(\.city))
        case .country: return b.isEmpty ? nil : distinct(b.map(\.country))
        case .region: return b.isEmpty ? nil : distinct(b.map(\.region))
        case .firstUser, .secondUser: return users.count <= 1 ? nil : Array(users.strings.dropFirst())
        default: return nil
        }
    }
}
