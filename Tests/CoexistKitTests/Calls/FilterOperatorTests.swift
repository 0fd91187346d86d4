import Foundation
import Testing
@testable import CoexistKit

/// Every filter operator on every kind of field (enum bytes, packed bits, Booleans, metrics, small
/// integers, dates, dictionary strings, building-derived names, the multi-valued poor reasons, the
/// user dimensions) against an oracle that decodes each row and decides by itself, with its own LIKE
/// (a regular expression) and its own CIDR arithmetic.
@Suite("filter operators")
struct FilterOperatorTests {
    /// The random store of the query tests (users u0..u49), with a tenant that knows most of those users:
    /// departments, cities and a cohort to filter on, and users it does not know.
    static let fixture: (store: CallStore, tenant: CoexistenceTenant) = {
        let w = Workspace.demo(users: 120)
        var t = w.coexistence
        _ = t.importUsers((0..<40).map { i in
            User(upn: "u\(i)@contoso.com", department: ["Sales", "Finance", "Legal", ""][i % 4], city: ["Seattle", "London", ""][i % 3])
        })
        try! t.defineCohort("Early birds", members: (0..<10).compactMap { t.directory.position(of: "u\($0)@contoso.com") })
        w.coexistence = t
        w.calls = QueryTests.randomStore(8_000, seed: 5)
        return (w.calls, w.coexistence)
    }()

    /// A LIKE written independently of the product: the pattern as an anchored, case-insensitive regex.
    static func like(_ pattern: String, _ text: String) -> Bool {
        var re = "^"
        for ch in pattern {
            switch ch {
            case "%": re += ".*"
            case "_": re += "."
            default: re += NSRegularExpression.escapedPattern(for: String(ch))
            }
        }
        re += "$"
        return text.range(of: re, options: [.regularExpression, .caseInsensitive]) != nil
    }

    static func inCIDR(_ subnet: String, _ cidr: String) -> Bool {
        func quad(_ s: Substring) -> UInt32? {
            let p = s.split(separator: ".").compactMap { UInt32($0) }
            return p.count == 4 ? p.reduce(0) { $0 << 8 | $1 } : nil
        }
        let parts = cidr.split(separator: "/")
        guard let net = quad(parts[0]), let bits = UInt32(parts[1]), let a = quad(Substring(subnet)) else { return false }
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
        return a & mask == net & mask
    }

    /// The decoded value of a field, or of a user dimension, at row i.
    static func decoded(_ s: CallStore, _ field: String, _ i: Int) -> ResultValue {
        if let d = UserDimension(rawValue: field) {
            guard case .string(let upn) = s.value(.firstUser, at: i),
                  let p = fixture.tenant.directory.position(of: upn) else { return .null }
            let l: String
            switch d {
            case .cohort: l = fixture.tenant.cohorts.cohortName(ofUser: p) ?? ""
            case .department: l = fixture.tenant.directory[p].department
            case .userCity: l = fixture.tenant.directory[p].city
            }
            return l.isEmpty ? .null : .string(l)
        }
        return s.value(try! CallField.named(field), at: i)
    }

    static func names(_ field: String) -> Bool {
        ["building", "city", "country", "region", "first_user", "second_user", "cohort", "department", "user_city"].contains(field)
    }

    /// The oracle for one stored value (`list` for poor reasons: any of the stream's reasons).
    static func oracle(_ field: String, _ v: ResultValue, _ op: FilterOp, _ operands: [ResultValue]) -> Bool {
        if case .null = v { return op == .isNull }
        if field == "poor_reason", case .string(let joined) = v {
            let reasons = joined.split(separator: ",").map { ResultValue.string(String($0)) }
            switch op {
            case .ne: return !reasons.contains { oracle("", $0, .eq, operands) }
            case .notIn: return !reasons.contains { oracle("", $0, .in, operands) }
            case .notLike: return !reasons.contains { oracle("", $0, .like, operands) }
            default: return reasons.contains { oracle("", $0, op, operands) }
            }
        }
        func text(_ x: ResultValue) -> String? { if case .string(let s) = x { return s }; return nil }
        func equal(_ a: ResultValue, _ b: ResultValue) -> Bool {
            if field == "subnet", let c = text(b), c.contains("/"), let sub = text(a) { return inCIDR(sub, c) }
            if let x = text(a), let y = text(b) { return names(field) ? x.lowercased() == y.lowercased() : x == y }
            if let x = FieldValues.number(a), let y = FieldValues.number(b) { return x == y }
            return a == b
        }
        switch op {
        case .isNull: return false
        case .notNull: return true
        case .eq, .in: return operands.contains { equal(v, $0) }
        case .ne, .notIn: return !operands.contains { equal(v, $0) }
        case .like: return operands.contains { like(text($0)!, text(v) ?? "") }
        case .notLike: return !operands.contains { like(text($0)!, text(v) ?? "") }
        case .prefix: return operands.contains { (text(v) ?? "").lowercased().hasPrefix(text($0)!.lowercased()) }
        case .lt, .le, .gt, .ge:
            guard let a = FieldValues.number(v), let b = FieldValues.number(operands[0]) else { return false }
            switch op {
            case .lt: return a < b
            case .le: return a <= b
            case .gt: return a > b
            default: return a >= b
            }
        }
    }

    typealias Case = (String, FilterOp, [ResultValue])
    static let s = ResultValue.string

    /// Each operator on each kind of field where it means something.
    static let cases: [Case] = {
        var c: [Case] = []
        // Closed vocabularies, stored as bytes or packed bits.
        for (f, a, b) in [("modality", "audio", "video"), ("transport", "tcp", "udp"), ("connection", "wifi", "wired"),
                          ("wifi_band", "5ghz", "2.4ghz"), ("ice", "relay", "failed"), ("quality", "poor", "good"),
                          ("direction", "first_to_second", "second_to_first"), ("call_type", "p2p", "pstn"), ("product", "teams", "sfb")] {
            c += [(f, .eq, [s(a)]), (f, .ne, [s(a)]), (f, .in, [s(a), s(b)]), (f, .notIn, [s(a), s(b)]),
                  (f, .like, [s(String(a.prefix(2)) + "%")]), (f, .notLike, [s("%" + String(a.suffix(2)))]),
                  (f, .prefix, [s(String(b.prefix(1)))]), (f, .isNull, []), (f, .notNull, [])]
        }
        // Booleans.
        for f in ["vpn", "inside", "certified", "setup_failed", "dropped", "cdr_available"] {
            c += [(f, .eq, [.bool(true)]), (f, .ne, [.bool(true)]), (f, .in, [.bool(false)]), (f, .notIn, [.bool(false)]),
                  (f, .isNull, []), (f, .notNull, [])]
        }
        // Metrics (gated by modality), small integers, a date.
        for (f, x) in [("jitter_ms", 30.0), ("packet_loss_rate", 0.1), ("video_frame_rate", 7), ("tile_latency_ms", 400),
                       ("rating", 3), ("duration_s", 1200)] {
            c += [(f, .eq, [.double(x)]), (f, .ne, [.double(x)]), (f, .lt, [.double(x)]), (f, .le, [.double(x)]),
                  (f, .gt, [.double(x)]), (f, .ge, [.double(x)]), (f, .in, [.double(x), .double(0)]),
                  (f, .notIn, [.double(x)]), (f, .isNull, []), (f, .notNull, [])]
        }
        c += [("start", .ge, [s("2026-10-01")]), ("start", .lt, [s("2026-10-15T12:00:00Z")]), ("start", .isNull, []), ("start", .notNull, [])]
        // Dictionary strings.
        c += [("subnet", .eq, [s("10.4.0.0/16")]), ("subnet", .in, [s("10.4.0.0/16"), s("10.1.0.0/16")]),
              ("subnet", .ne, [s("10.4.0.0/16")]), ("subnet", .notIn, [s("192.168.0.0/16"), s("10.2.1.0")]),
              ("subnet", .eq, [s("10.4.40.0")]), ("subnet", .like, [s("10.4.%")]), ("subnet", .prefix, [s("192.")]),
              ("subnet", .notLike, [s("10._.1.0")]), ("subnet", .isNull, []), ("subnet", .notNull, []),
              ("subnet", .eq, [s("0.0.0.0/0")])]
        for (f, a, b) in [("first_user", "U7@contoso.com", "u1@contoso.com"), ("second_user", "v@contoso.com", "u1@CONTOSO.com"),
                          ("capture_device", "Jabra Evolve2 65", "Microphone Array (Realtek(R) Audio)"),
                          ("client_version", "1.0", "2.0"), ("failure_reason", "Other", "Missing FW IP Block Exemption Rule"),
                          ("call_id", "call-7", "call-70")] {
            c += [(f, .eq, [s(a)]), (f, .ne, [s(a)]), (f, .in, [s(a), s(b)]), (f, .notIn, [s(b)]),
                  (f, .like, [s("%" + String(a.suffix(3)).lowercased())]), (f, .like, [s(String(b.prefix(3)) + "_%")]),
                  (f, .notLike, [s(String(a.prefix(2)) + "%")]), (f, .prefix, [s(String(b.prefix(4)).uppercased())]),
                  (f, .isNull, []), (f, .notNull, [])]
        }
        // Names derived from the building file, and the user dimensions.
        for (f, a, b) in [("building", "sea-1", "NYC-1"), ("city", "seattle", "London"), ("country", "us", "GB"), ("region", "MSUS", "EMEA"),
                          ("cohort", "early birds", "Pilot"), ("department", "sales", "Finance"), ("user_city", "LONDON", "Seattle")] {
            c += [(f, .eq, [s(a)]), (f, .ne, [s(a)]), (f, .in, [s(a), s(b)]), (f, .notIn, [s(a), s(b)]),
                  (f, .like, [s(String(a.prefix(2)) + "%")]), (f, .like, [s("_" + String(b.dropFirst()))]),
                  (f, .notLike, [s("%" + String(a.suffix(1)))]), (f, .prefix, [s(String(b.prefix(2)))]),
                  (f, .isNull, []), (f, .notNull, [])]
        }
        // A stream's several poor reasons.
        c += [("poor_reason", .eq, [s("jitter")]), ("poor_reason", .ne, [s("jitter")]), ("poor_reason", .in, [s("jitter"), s("round_trip")]),
              ("poor_reason", .notIn, [s("packet_loss")]), ("poor_reason", .like, [s("%loss%")]), ("poor_reason", .notLike, [s("%loss%")]),
              ("poor_reason", .prefix, [s("frame")]), ("poor_reason", .isNull, []), ("poor_reason", .notNull, [])]
        return c
    }()

    static func query(_ c: Case) throws -> CallQuery { try CallQuery().filter(c.0, c.1, values: c.2) }

    /// The operands as the oracle compares them: enum names in our spelling, dates as dates.
    static func canonical(_ c: Case) -> [ResultValue] {
        guard !c.1.isText, let f = try? CallField.named(c.0) else { return c.2 }
        return c.2.map { (try? FieldValues.normalize($0, for: f)) ?? $0 }
    }

    @Test("every operator on every field kind matches the row-by-row oracle, alone and with another filter")
    func oracleForEveryOperator() throws {
        let st = Self.fixture.store
        var nonTrivial = 0
        for (k, c) in Self.cases.enumerated() {
            let operands = Self.canonical(c)
            let expected = (0..<st.count).filter { Self.oracle(c.0, Self.decoded(st, c.0, $0), c.1, operands) }
            if !expected.isEmpty && expected.count < st.count { nonTrivial += 1 }
            let q = try Self.query(c)
            #expect(try st.select(q) == expected.map(UInt32.init), "\(c.0) \(c.1.rawValue) \(c.2)")
            let other = Self.cases[(k * 7 + 3) % Self.cases.count]
            let both = try q.filter(other.0, other.1, values: other.2)
            let otherOperands = Self.canonical(other)
            let bothExpected = expected.filter { Self.oracle(other.0, Self.decoded(st, other.0, $0), other.1, otherOperands) }
            #expect(try st.count(both) == bothExpected.count, "\(c.0) \(c.1.rawValue) and \(other.0) \(other.1.rawValue)")
            // The top-N fast path masks chunks instead of listing rows: it must agree.
            let top = try st.top(q, dimension: "modality", n: 10, measure: "streams")
            #expect(top.rows.reduce(0) { $0 + Int(FieldValues.number($1[1]) ?? 0) } == expected.count, "top: \(c.0) \(c.1.rawValue)")
        }
        #expect(nonTrivial > Self.cases.count * 3 / 4, "most cases select some rows but not all")
    }

    @Test("operators a field cannot mean are refused when the query is written")
    func refusals() {
        let refused: [Case] = [
            ("jitter_ms", .like, [.string("3%")]), ("vpn", .prefix, [.string("t")]), ("start", .like, [.string("2026%")]),
            ("start", .in, [.string("2026-10-01")]), ("building", .lt, [.string("SEA-1")]), ("cohort", .gt, [.string("A")]),
            ("modality", .isNull, [.string("audio")]), ("modality", .in, []), ("jitter_ms", .eq, [.double(1), .double(2)]),
            ("subnet", .eq, [.string("10.4.1.0/16")]), ("subnet", .in, [.string("10.4.0.0/33")]), ("subnet", .eq, [.string("10.4.0/16")]),
        ]
        for c in refused {
            #expect(throws: CallQueryError.self, "\(c.0) \(c.1.rawValue) \(c.2)") { try Self.query(c) }
        }
        do { _ = try CallQuery().filter("subnet", .eq, .string("10.4.1.0/16")); Issue.record("host bits accepted") }
        catch { #expect("\(error)".contains("did you mean '10.4.0.0/16'")) }
    }

    @Test("every spelling parses, and an unknown operator names the closest")
    func spellings() {
        for w in FilterOp.spellings { #expect(FilterOp.parse(w) != nil, "\(w)") }
        #expect(FilterOp.parse("not") == .ne && FilterOp.parse("~=") == .ne && FilterOp.parse("IS NULL") == .isNull)
        #expect(FilterOp.parse("not_like") == .notLike && FilterOp.parse("is not null") == .notNull)
        #expect(FilterOp.parse("lik") == nil && FilterOp.parse("=>") == nil)
        #expect("\(CallQueryError.unknownOperator("building", "lik"))".contains("did you mean 'like'"))
        #expect("\(CallQueryError.unknownOperator("building", "=>"))".contains("did you mean"))
    }

    @Test("a reversed range is an error before any scan")
    func reversedRange() {
        #expect(throws: CallQueryError.reversedRange(from: 1_790_086_400, to: 1_790_000_000)) {
            try Self.fixture.store.count(CallQuery().between(1_790_086_400, 1_790_000_000))
        }
        #expect((try? Self.fixture.store.count(CallQuery().between(1_790_000_000, 1_790_000_000))) == 0)
    }

    @Test("values that name no building, user, cohort or department are reported with the closest")
    func unknownValues() throws {
        let st = Self.fixture.store
        func warnings(_ q: CallQuery) -> [String] { q.unknownValues(on: st) }
        #expect(warnings(try CallQuery().filter("building", .eq, .string("sea-1"))).isEmpty, "names match case-insensitively")
        #expect(warnings(try CallQuery().filter("building", .eq, .string("SEA-9"))).first?.contains("did you mean 'SEA-1'") == true)
        #expect(warnings(try CallQuery().filter("building", in: [.string("NYC-1"), .string("PAR-9")])).count == 1)
        #expect(warnings(try CallQuery().filter("building", .like, values: [.string("SAE%")])).first?.contains("matches no building") == true)
        #expect(warnings(try CallQuery().filter("first_user", .eq, .string("u7@contoso.co"))).first?.contains("did you mean 'u7@contoso.com'") == true)
        #expect(warnings(try CallQuery().filter("cohort", .eq, .string("Wave 22"))).first?.contains("did you mean 'Wave 2'") == true)
        #expect(warnings(try CallQuery().filter("department", .ne, .string("Slaes"))).first?.contains("did you mean 'Sales'") == true)
        #expect(warnings(try CallQuery().filter("jitter_ms", .gt, .double(30)).filter("building", .isNull)).isEmpty)
        let q = try CallQuery().filter("building", .eq, .string("SEA-9"))
        #expect(try q.filter("city", .eq, .string("Seattle")).unknownValues(on: st, after: q.conditionCount).isEmpty)
    }
}
