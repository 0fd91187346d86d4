/// Who talks to whom and how often: directed edges between directory positions with a weight in
/// thousandths of a conversation per working day (whole numbers, so the grouped model's sums are exact and
/// equal the per-user model's). Read from the call records' `first_user` and `second_user` (one conversation
/// per call, caller first), or synthesised from departments and buildings when the records name no pair of
/// tenant users.
public struct CommunicationGraph: Sendable, Equatable {
    public let users: Int
    /// Outgoing edges in CSR form: `outStart[u]..<outStart[u+1]` index `outTo` and `outWeight`.
    public let outStart: [Int32]
    public let outTo: [Int32]
    public let outWeight: [Int64]
    /// Incoming edges, the same edges seen from the recipient.
    public let inStart: [Int32]
    public let inFrom: [Int32]
    public let inWeight: [Int64]
    /// Whether the edges came from call records (false: synthesised).
    public let fromCallRecords: Bool

    public static let scale = 1000.0

    public var edgeCount: Int { outTo.count }

    struct Edge { var from: Int32, to: Int32, weight: Int64 }

    init(users: Int, edges: [Edge], fromCallRecords: Bool) {
        self.users = users
        self.fromCallRecords = fromCallRecords
        func csr(_ key: (Edge) -> Int32, _ other: (Edge) -> Int32) -> ([Int32], [Int32], [Int64]) {
            var start = [Int32](repeating: 0, count: users + 1)
            for e in edges { start[Int(key(e)) + 1] += 1 }
            for i in 0..<users { start[i + 1] += start[i] }
            var fill = start
            var to = [Int32](repeating: 0, count: edges.count), weight = [Int64](repeating: 0, count: edges.count)
            for e in edges {
                let k = Int(key(e))
                to[Int(fill[k])] = other(e)
                weight[Int(fill[k])] = e.weight
                fill[k] += 1
            }
            return (start, to, weight)
        }
        (outStart, outTo, outWeight) = csr({ $0.from }, { $0.to })
        (inStart, inFrom, inWeight) = csr({ $0.to }, { $0.from })
    }

    /// Conversations per working day user `u` starts, in thousandths.
    public func outgoing(_ u: Int) -> Int64 {
        var s: Int64 = 0
        for e in Int(outStart[u])..<Int(outStart[u + 1]) { s += outWeight[e] }
        return s
    }

    /// From the call records: every call whose two users are both in the directory is one conversation from
    /// the first to the second; a pair's weight is its calls per day over the days the records span.
    public static func fromCalls(_ store: CallStore, tenant: CoexistenceTenant) -> CommunicationGraph? {
        guard store.count > 0 else { return nil }
        let users = tenant.directory.count
        var position = [Int32](repeating: -1, count: store.users.count)
        for code in 0..<store.users.count {
            if let p = tenant.directory.position(of: store.users[UInt32(code)]) { position[code] = Int32(p) }
        }
        var seenCall = [Bool](repeating: false, count: store.callIds.count)
        var pairs: [Int64: Int64] = [:]
        var first = UInt32.max, last = UInt32.min
        for s in 0..<store.count {
            let call = Int(store.call[s])
            guard !seenCall[call] else { continue }
            let a = position[Int(store.firstUser[s])], b = position[Int(store.secondUser[s])]
            guard a >= 0, b >= 0, a != b else { continue }
            seenCall[call] = true
            pairs[Int64(a) << 32 | Int64(b), default: 0] += 1
            first = min(first, store.start[s])
            last = max(last, store.start[s])
        }
        guard !pairs.isEmpty else { return nil }
        let days = Double(max(1, (Int(last) - Int(first)) / 86_400 + 1))
        var edges: [Edge] = []
        edges.reserveCapacity(pairs.count)
        for key in pairs.keys.sorted() {
            let w = Int64((Double(pairs[key]!) / days * scale).rounded())
            guard w > 0 else { continue }
            edges.append(Edge(from: Int32(key >> 32), to: Int32(key & 0xFFFF_FFFF), weight: w))
        }
        return CommunicationGraph(users: users, edges: edges, fromCallRecords: true)
    }

    /// A graph for a tenant without call records: each user talks to `contacts` people, 60 % in their own
    /// department, 25 % in their building, the rest anyone, `perUser` conversations a day shared among them.
    public static func synthesised(_ tenant: CoexistenceTenant, contacts: Int, perUser: Double, seed: UInt64) -> CommunicationGraph {
        let users = tenant.directory.count
        guard users > 1 else { return CommunicationGraph(users: users, edges: [], fromCallRecords: false) }
        var byDepartment: [String: [Int32]] = [:], byBuilding: [String: [Int32]] = [:]
        for (p, u) in tenant.directory.users.enumerated() {
            byDepartment[u.department, default: []].append(Int32(p))
            byBuilding[u.building, default: []].append(Int32(p))
        }
        let rng = CounterRandom(seed: seed, run: 0)
        let k = min(contacts, users - 1)
        let w = Int64((perUser / Double(k) * scale).rounded())
        var edges: [Edge] = []
        edges.reserveCapacity(users * k)
        var picked: [Int32] = []
        for (p, u) in tenant.directory.users.enumerated() {
            picked.removeAll(keepingCapacity: true)
            let dept = byDepartment[u.department]!, building = byBuilding[u.building]!
            var attempt = 0
            while picked.count < k && attempt < k * 20 {
                let r = rng.unit(.graph, p, attempt), pick = rng.unit(.graphContact, p, attempt)
                attempt += 1
                let pool: [Int32]? = r < 0.6 && dept.count > 1 ? dept : r < 0.85 && building.count > 1 ? building : nil
                let v: Int32 = pool.map { $0[Int(pick * Double($0.count))] } ?? Int32(pick * Double(users))
                if v == Int32(p) || picked.contains(v) { continue }
                picked.append(v)
            }
            for v in picked { edges.append(Edge(from: Int32(p), to: v, weight: w)) }
        }
        return CommunicationGraph(users: users, edges: edges, fromCallRecords: false)
    }
}
