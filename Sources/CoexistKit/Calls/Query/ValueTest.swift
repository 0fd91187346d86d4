/// One condition's test on a decoded value, prepared once per compiled condition (operands folded to
/// lower case, patterns split, CIDR ranges parsed) and then run once per dictionary code or enum byte,
/// never per row: the row loop reads the table this fills.
struct ValueTest {
    let op: FilterOp
    let operands: [ResultValue]
    /// Names (buildings, cities, users, cohorts...) compare case-insensitively, as enums do.
    let foldCase: Bool
    private var lowered: [String] = []
    private var patterns: [[Unicode.Scalar]] = []
    /// Per operand, a (network, mask) when the operand is a CIDR range on the subnet field.
    private var ranges: [(UInt32, UInt32)?] = []
    /// The operand of <, <=, >, >=, read once: a metric's table asks 65,535 times.
    private var bound: Double?

    init(_ op: FilterOp, _ operands: [ResultValue], foldCase: Bool, cidr: Bool = false) {
        self.op = op
        self.operands = operands
        self.foldCase = foldCase
        lowered = operands.map { if case .string(let s) = $0 { return s.lowercased() }; return "" }
        if op.isText { patterns = lowered.map { Array($0.unicodeScalars) } }
        bound = operands.first.flatMap(FieldValues.number)
        if cidr { ranges = operands.map { if case .string(let s) = $0 { return CIDR.parse(s) }; return nil } }
    }

    func callAsFunction(_ stored: ResultValue) -> Bool {
        if case .null = stored { return op == .isNull }
        switch op {
        case .isNull: return false
        case .notNull: return true
        case .eq, .in: return operands.indices.contains { equal(stored, $0) }
        case .ne, .notIn: return !operands.indices.contains { equal(stored, $0) }
        case .like, .prefix: return text(stored)
        case .notLike: return !text(stored)
        case .lt, .le, .gt, .ge:
            guard let a = FieldValues.number(stored), let b = bound else { return false }
            switch op {
            case .lt: return a < b
            case .le: return a <= b
            case .gt: return a > b
            default: return a >= b
            }
        }
    }

    private func equal(_ stored: ResultValue, _ k: Int) -> Bool {
        if k < ranges.count, let (net, mask) = ranges[k] {
            guard case .string(let s) = stored, let a = IPv4.parse(s) else { return false }
            return a & mask == net
        }
        if foldCase, case .string(let s) = stored { return s.lowercased() == lowered[k] }
        return FieldValues.equal(stored, operands[k])
    }

    private func text(_ stored: ResultValue) -> Bool {
        guard case .string(let s) = stored else { return false }
        let value = s.lowercased()
        if op == .prefix { return lowered.contains { value.hasPrefix($0) } }
        let scalars = Array(value.unicodeScalars)
        return patterns.contains { SQLLike.matches($0[...], scalars[...]) }
    }
}

/// SQL's LIKE: `%` matches any run of characters (none included), `_` exactly one.
enum SQLLike {
    static func matches(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
        var p = p, s = s
        // Backtrack only to the last `%`, which keeps the match linear in practice.
        var star: (ArraySlice<Unicode.Scalar>, ArraySlice<Unicode.Scalar>)?
        while true {
            if let c = p.first {
                if c == "%" {
                    p = p.dropFirst()
                    star = (p, s)
                    continue
                }
                if let x = s.first, c == "_" || c == x {
                    p = p.dropFirst()
                    s = s.dropFirst()
                    continue
                }
            } else if s.isEmpty {
                return true
            }
            guard let (sp, ss) = star, !ss.isEmpty else { return false }
            p = sp
            s = ss.dropFirst()
            star = (sp, s)
        }
    }
}

/// "10.4.0.0/16": a network address and a prefix length, for subnet filters.
enum CIDR {
    /// (network, mask), or nil when the text is not address/prefix with a prefix of 0 to 32.
    static func parse(_ s: String) -> (UInt32, UInt32)? {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = IPv4.parse(parts[0]), parts[0].utf8.allSatisfy({ $0 != 47 }),
              let n = Int(parts[1]), (0...32).contains(n), parts[1].allSatisfy(\.isNumber) else { return nil }
        let mask = IPv4.mask(n)
        return (a & mask, mask)
    }
}
