import CoexistKit
import CoexistLua

/// The harness with the calls bindings over a small random store whose first users are the demo
/// directory's (so cohorts and departments group them), plus a naive row-by-row reader to check against.
public final class CallsLua: LuaHarness {
    public init(streams: Int = 3_000, seed: UInt64 = 7, sandbox: Bool = false) throws {
        let day = Workspace.demoDay
        let tenant = CoexistenceTenant.demo(userCount: 60, today: day)
        let store = CallsLua.randomStore(streams, seed: seed, users: tenant.directory.users.map(\.upn) + ["stranger@fabrikam.com", ""])
        let workspace = Workspace(name: DemoPeople.tenantName, today: day, coexistence: { tenant }, calls: { store })
        try super.init(workspace, sandbox: sandbox) { workspace, engine in CallsBinding.install(engine, workspace) }
    }

    public var store: CallStore { workspace.calls }

    /// Every field varied, metrics missing now and then, starts spread over 90 days from 2026-08-03.
    public static func randomStore(_ n: Int, seed: UInt64, users: [String]) -> CallStore {
        var rng = SplitMix64(seed: seed)
        var s = CallStore()
        s.setBuildingFile(DemoBuildingFile.file())
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func maybe(_ v: Double) -> Double? { rng.unit() < 0.15 ? nil : v }
        for i in 0..<n {
            let m = StreamMetrics(jitterMs: maybe(rng.unit() * 60), packetLossRate: maybe(rng.unit() * 0.2),
                                  roundTripMs: maybe(rng.unit() * 900), concealedRatio: maybe(rng.unit() * 0.12),
                                  audioDegradation: maybe(rng.unit() * 2), videoFrameLossPct: maybe(rng.unit() * 80),
                                  videoFrameRate: maybe(rng.unit() * 30), videoPostFECPLR: maybe(rng.unit() * 0.3),
                                  spoiledTilePct: maybe(rng.unit() * 60), tileLatencyMs: maybe(rng.unit() * 600),
                                  relativeOneWaySeconds: maybe(rng.unit() * 3))
            let failed = rng.unit() < 0.05
            try! s.append(StreamRecord(
                callId: "call-\(i / 4)", start: start + Int64(rng.next() % (90 * 86_400)),
                durationSeconds: maybe(rng.unit() * 3000), modality: pick(Modality.allCases), callType: pick(CallType.allCases),
                product: pick(Product.allCases), clientVersion: pick(["1.0", "2.0", ""]), firstUser: pick(users),
                secondUser: pick(users), direction: pick(StreamDirection.allCases),
                subnet: pick(["10.1.1.0", "10.2.1.0", "10.4.1.0", "10.4.40.0", "192.168.1.0", ""]),
                connection: pick(NetworkConnection.allCases), wifiBand: pick(WifiBand.allCases), vpn: rng.unit() < 0.2,
                transport: pick(Transport.allCases), ice: pick(IceConnectivity.allCases),
                captureDevice: pick(["Jabra Evolve2 65", "Microphone Array (Realtek(R) Audio)", ""]), metrics: m,
                cdrAvailable: rng.unit() < 0.9, setupFailed: failed, failureReason: failed ? "Other" : "",
                dropped: rng.unit() < 0.05, rating: UInt8(rng.next() % 6)))
        }
        return s
    }

    /// 2026-08-03T00:00:00Z
    public static let start: Int64 = 1_785_715_200

    public func integer(_ expression: String) throws -> Int {
        guard let n = try value(expression).integerValue else { throw Failed(description: "\(expression) is not an integer") }
        return Int(n)
    }

    /// Rows where `test` holds for the decoded value of `field` (missing values never match, as in the store).
    public func naive(_ field: CallField, _ test: (ResultValue) -> Bool) -> Set<Int> {
        let store = self.store
        return Set((0..<store.count).filter { i in
            let v = store.value(field, at: i)
            if case .null = v { return false }
            return test(v)
        })
    }

    public static func number(_ v: ResultValue) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .date(let d): return d
        default: return nil
        }
    }

    public static func temporaryPath(_ name: String) -> String { TestFiles.temporaryPath(name, prefix: "calls") }
}
