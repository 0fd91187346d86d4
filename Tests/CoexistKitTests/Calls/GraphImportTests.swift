import Testing
import Foundation
@testable import CoexistKit

@Suite("Graph call records import")
struct GraphImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/Graph")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    static func text(_ name: String) throws -> String { try String(contentsOfFile: fixture(name), encoding: .utf8) }

    static func epoch(_ s: String) -> Double {
        var s = s
        return Double(s.withUTF8 { ByteParsers.timestamp($0.baseAddress!, $0.count)! })
    }

    /// A minimal record around one stream, for the edge cases.
    static func record(id: String = "r1", type: String = "peerToPeer", label: String = "main-audio",
                       stream: String = #"{"streamDirection": "callerToCallee", "averageJitter": "PT0.016S"}"#,
                       failure: String = "null", callerNetwork: String = #"{"subnet": "10.1.1.0", "connectionType": "wired"}"#) -> String {
        """
        {"id": "\(id)", "type": "\(type)", "startDateTime": "2026-10-01T09:00:00Z",
         "sessions": [{"id": "s", "segments": [{"id": "g", "failureInfo": \(failure),
           "caller": {"identity": {"user": {"id": "u1", "userPrincipalName": "a@contoso.com"}}, "userAgent": {"productFamily": "teams"}},
           "callee": {"identity": {"user": {"id": "u2", "displayName": "B"}}, "userAgent": {"productFamily": "teams"}},
           "media": [{"label": "\(label)", "callerNetwork": \(callerNetwork), "streams": [\(stream)]}]}]}]}
        """
    }

    @Test("ISO 8601 durations become exact milliseconds")
    func durations() {
        #expect(ISO8601Duration.milliseconds("PT0.016S") == 16)
        #expect(ISO8601Duration.milliseconds("PT0.03S") == 30)
        #expect(ISO8601Duration.milliseconds("PT0.030001S") == 30.001)
        #expect(ISO8601Duration.milliseconds("PT1M2.5S") == 62_500)
        #expect(ISO8601Duration.milliseconds("PT0S") == 0)
        #expect(ISO8601Duration.milliseconds("P1DT2H") == 93_600_000)
        #expect(ISO8601Duration.milliseconds("PT1.5M") == 90_000)
        for bad in ["", "P", "PT", "0.016S", "PT0.016", "-PT1S", "P1Y", "PT1S2M3S", "PT1.5M2S", "P1DT", "PTS", "PT1H1H"] {
            #expect(ISO8601Duration.milliseconds(bad) == nil, "\(bad)")
        }
    }

    @Test("the Graph docs P2P example: two streams with caller/callee context")
    func p2pExample() throws {
        var s = CallStore()
        let r = try s.importGraph(path: Self.fixture("p2p-audio.json"))
        #expect(r.imported == 2 && r.skipped == 0)
        #expect(s.count == 2)
        for i in 0..<2 {
            #expect(s.value(.callId, at: i) == .string("e523d2ed-2966-4b6b-925b-754a88034cc5"))
            #expect(s.value(.callType, at: i) == .string("p2p"))
            #expect(s.value(.modality, at: i) == .string("audio"))
            #expect(s.value(.product, at: i) == .string("sfb"))
            // The segment started 18:52:21.22 and ended 18:52:46.76 (whole seconds kept).
            #expect(s.value(.start, at: i) == .date(Self.epoch("2020-02-25T18:52:21Z")))
            #expect(s.value(.duration, at: i) == .int(25))
            #expect(s.value(.setupFailed, at: i) == .bool(false) && s.value(.dropped, at: i) == .bool(false))
            #expect(s.value(.cdrAvailable, at: i) == .bool(true))
        }
        // Caller to callee: the Android caller's Wi-Fi, device and version. The caller has no UPN: its object
        // id, not its display name; the callee's UPN wins over its display name.
        #expect(s.value(.firstUser, at: 0) == .string("821809f5-0000-0000-0000-3b5136c0e777"))
        #expect(s.value(.secondUser, at: 0) == .string("owen.franklin@contoso.com"))
        #expect(s.value(.direction, at: 0) == .string("first_to_second"))
        #expect(s.value(.subnet, at: 0) == .string("10.139.80.0"))
        #expect(s.value(.connection, at: 0) == .string("wifi"))
        #expect(s.value(.wifiBand, at: 0) == .string("5ghz"))
        #expect(s.value(.captureDevice, at: 0) == .string("Default input device"))
        #expect(s.value(.clientVersion, at: 0) == .string("6.25.0.27"))
        #expect(s.value(.rating, at: 0) == .int(2))
        #expect(s.value(.jitter, at: 0) == .double(16))
        #expect(s.value(.packetLoss, at: 0) == .double(0))
        #expect(s.value(.roundTrip, at: 0) == .double(61))
        #expect(s.value(.degradation, at: 0) == .null)          // null stays missing
        #expect(s.value(.concealedRatio, at: 0) == .null)
        #expect(s.value(.quality, at: 0) == .string("good"))
        // Callee to caller: the wired Windows end sent it, so it is the first endpoint; averageJitter (7 ms),
        // not the 266 ms network jitter.
        #expect(s.value(.firstUser, at: 1) == .string("owen.franklin@contoso.com"))
        #expect(s.value(.secondUser, at: 1) == .string("821809f5-0000-0000-0000-3b5136c0e777"))
        #expect(s.value(.direction, at: 1) == .string("first_to_second"))
        #expect(s.value(.subnet, at: 1) == .string("172.16.248.0"))
        #expect(s.value(.connection, at: 1) == .string("wired"))
        #expect(s.value(.wifiBand, at: 1) == .string("unknown"))
        #expect(s.value(.captureDevice, at: 1) == .string("Microphone (Microsoft LifeChat LX-4000)"))
        #expect(s.value(.clientVersion, at: 1) == .string("16.0.12527.20194"))
        #expect(s.value(.rating, at: 1) == .int(2))   // the callee's "poor" is the call's: every stream
        #expect(s.value(.jitter, at: 1) == .double(7))
        #expect(s.value(.quality, at: 1) == .string("poor"))
        #expect(s.value(.poorReason, at: 1) == .string("degradation"))
    }

    @Test("a group call page: video, VBSS, app sharing, service endpoints, setup failure and drop")
    func groupCall() throws {
        var s = CallStore()
        try s.importGraph(path: Self.fixture("group-call-page.json"))
        #expect(s.count == 7)
        let byStream = (0..<s.count).map { i in
            (s.value(.modality, at: i), s.value(.direction, at: i), s.value(.quality, at: i))
        }
        #expect(byStream.map(\.0) == ["audio", "audio", "video", "vbss", "vbss", "audio", "appsharing"].map { .string($0) })
        for i in 0..<s.count { #expect(s.value(.callType, at: i) == .string("conference")) }
        // Session 1: the AV MCU calls Alice. Both directions describe Alice (first endpoint) and her 2.4 GHz
        // Wi-Fi, not the datacentre.
        for i in 0..<5 {
            #expect(s.value(.firstUser, at: i) == .string("alice@contoso.com"))
            #expect(s.value(.secondUser, at: i) == .null)
            #expect(s.value(.subnet, at: i) == .string("10.4.40.0"))
            #expect(s.value(.wifiBand, at: i) == .string("2.4ghz"))
            #expect(s.value(.product, at: i) == .string("teams"))
            #expect(s.value(.clientVersion, at: i) == .string("1.6.00.4472"))
        }
        #expect(s.value(.captureDevice, at: 0) == .string("Microphone (Jabra Evolve2 65)"))
        #expect(s.value(.captureDevice, at: 3) == .null)
        // Alice rated "good": her session's rating, on the streams she received and sent alike.
        #expect((0..<5).allSatisfy { s.value(.rating, at: $0) == .int(4) } && s.value(.rating, at: 5) == .int(0))
        // CQD edges through Graph units: PT0.03S is not poor, PT0.030001S is.
        #expect(byStream[0].2 == .string("good") && byStream[1].2 == .string("poor"))
        #expect(s.value(.poorReason, at: 1) == .string("jitter"))
        #expect(byStream[2].2 == .string("poor") && s.value(.poorReason, at: 2) == .string("frame_rate"))   // 5.2 fps video
        #expect(byStream[3].2 == .string("poor") && byStream[4].2 == .string("good"))                       // VBSS: 1.5 and 2 fps
        #expect(s.value(.duration, at: 0) == .int(1796))
        #expect(s.value(.start, at: 2) == .date(Self.epoch("2026-10-01T09:01:00Z")))
        // Session 2: Bob's setup failed; no stream times, so the segment's.
        #expect(s.value(.firstUser, at: 5) == .string("bob@contoso.com") && s.value(.secondUser, at: 5) == .null)
        #expect(s.value(.setupFailed, at: 5) == .bool(true) && s.value(.dropped, at: 5) == .bool(false))
        #expect(s.value(.failureReason, at: 5) == .string("Missing FW Deep Packet Inspection Exemption Rule"))
        #expect(s.value(.quality, at: 5) == .string("unclassified"))
        #expect(s.value(.start, at: 5) == .date(Self.epoch("2026-10-01T09:02:00Z")) && s.value(.duration, at: 5) == .int(20))
        #expect(s.value(.connection, at: 5) == .string("wired") && s.value(.subnet, at: 5) == .string("10.9.1.0"))
        // Session 3: Carol's app sharing ("data") dropped mid-call; a drop has no setup failure reason.
        #expect(s.value(.dropped, at: 6) == .bool(true) && s.value(.setupFailed, at: 6) == .bool(false))
        #expect(s.value(.failureReason, at: 6) == .null)
        #expect(s.value(.connection, at: 6) == .string("mobile"))
        #expect(s.value(.product, at: 6) == .string("teams") && s.value(.clientVersion, at: 6) == .string("2.5.0"))
        let m = try s.summary(measures: ["setup_failure_pct", "drop_pct"])
        let expected: [[ResultValue]] = [[.double(100.0 / 7), .double(100.0 / 6)]]
        #expect(m.rows == expected)
    }

    @Test("an array, JSON Lines and a folder give the same rows as one record each")
    func shapes() throws {
        let p2p = try JSONSerialization.jsonObject(with: Data(Self.text("p2p-audio.json").utf8))
        let oneLine = String(decoding: try JSONSerialization.data(withJSONObject: p2p), as: UTF8.self)
        var single = CallStore()
        try single.importGraph(path: Self.fixture("p2p-audio.json"))

        var array = CallStore()
        try array.importGraph(text: "[" + oneLine + ", " + Self.record() + "]")
        var lines = CallStore()
        try lines.importGraph(text: oneLine + "\n\n" + Self.record().replacingOccurrences(of: "\n", with: " ") + "\n")
        for s in [array, lines] {
            #expect(s.count == 3)
            for f in CallField.allCases { for i in 0..<2 { #expect(s.value(f, at: i) == single.value(f, at: i), "\(f)") } }
            #expect(s.value(.callId, at: 2) == .string("r1"))
        }

        let dir = NSTemporaryDirectory() + "coexist-graph-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.text("group-call-page.json").write(toFile: dir + "/b.json", atomically: true, encoding: .utf8)
        try Self.text("p2p-audio.json").write(toFile: dir + "/a.json", atomically: true, encoding: .utf8)
        try "not json".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        var folder = CallStore()
        let r = try folder.importGraph(path: dir)
        #expect(r.imported == 9 && folder.count == 9)
        #expect(folder.value(.callType, at: 0) == .string("p2p"))   // a.json first
        #expect(folder.value(.callType, at: 8) == .string("conference"))
    }

    @Test("an unknown enum value names file, JSON path and value; strict leaves the store unchanged")
    func strictErrors() throws {
        var s = CallStore()
        try s.importGraph(text: Self.record(id: "kept"))
        let bad = Self.record(id: "x", callerNetwork: #"{"subnet": "10.1.1.0", "connectionType": "carrierPigeon"}"#)
        do { try s.importGraph(text: "[" + Self.record(id: "fine") + ", " + bad + "]", name: "cr.json"); Issue.record("no error") }
        catch let e as CallImportError {
            #expect(e.file == "cr.json")
            #expect(e.field == "$[1].sessions[0].segments[0].media[0].callerNetwork.connectionType")
            #expect(e.value == "carrierPigeon")
            #expect(e.message.contains("connection type"))
        }
        #expect(s.count == 1 && s.callIds.code(of: "fine") == nil)

        let cases: [(String, String, String)] = [
            (Self.record(type: "threeWay"), "$.type", "threeWay"),
            (Self.record(label: "hologram"), "$.sessions[0].segments[0].media[0].label", "hologram"),
            (Self.record(stream: #"{"streamDirection": "sideways"}"#), "$.sessions[0].segments[0].media[0].streams[0].streamDirection", "sideways"),
            (Self.record(stream: #"{"streamDirection": "callerToCallee", "averageJitter": "16ms"}"#),
             "$.sessions[0].segments[0].media[0].streams[0].averageJitter", "16ms"),
            (Self.record(stream: #"{"streamDirection": "callerToCallee", "averagePacketLossRate": "0.1"}"#),
             "$.sessions[0].segments[0].media[0].streams[0].averagePacketLossRate", "0.1"),
            (Self.record(stream: #"{"streamDirection": "callerToCallee", "averagePacketLossRate": true}"#),
             "$.sessions[0].segments[0].media[0].streams[0].averagePacketLossRate", "true"),
            (Self.record(failure: #"{"stage": "halfway", "reason": "x"}"#), "$.sessions[0].segments[0].failureInfo.stage", "halfway"),
        ]
        for (text, path, value) in cases {
            do { try s.importGraph(text: text); Issue.record("no error for \(path)") }
            catch let e as CallImportError { #expect(e.field == path); #expect(e.value == value, "\(path)") }
        }
        // unknownFutureValue is Graph's "newer than this client": unknown, not an error.
        try s.importGraph(text: Self.record(id: "future", type: "unknownFutureValue",
                                            callerNetwork: #"{"connectionType": "unknownFutureValue", "wifiBand": "unknownFutureValue"}"#))
        #expect(s.value(.callType, at: 1) == .string("unknown") && s.value(.connection, at: 1) == .string("unknown"))
        #expect(throws: CallImportError.self) { try s.importGraph(text: "{\"id\": ") }
    }

    @Test("skip mode skips exactly the bad streams, with their JSON Lines line")
    func skipMode() throws {
        let twoStreams = #"{"streamDirection": "callerToCallee", "averageJitter": "PT0.5"}, {"streamDirection": "calleeToCaller"}"#
        let lines = [Self.record(id: "a"), Self.record(id: "b", stream: twoStreams), Self.record(id: "c", type: "bogus"), "{oops", Self.record(id: "d")]
            .map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
        var s = CallStore()
        let r = try s.importGraph(text: lines, name: "day.jsonl", options: ImportOptions(onError: .skip))
        #expect(r.imported == 3 && r.skipped == 3)
        #expect(s.count == 3)
        #expect((0..<3).map { s.value(.callId, at: $0) } == [.string("a"), .string("b"), .string("d")])
        #expect(s.value(.firstUser, at: 1) == .string("u2"))   // calleeToCaller: the callee sent it
        #expect(r.skipReasons.map(\.line) == [2, 3, 4])
        #expect(r.skipReasons[0].value == "PT0.5" && r.skipReasons[1].value == "bogus")
        #expect(r.skipReasons.allSatisfy { $0.file == "day.jsonl" })
    }

    @Test("records without expanded segments give a notice, not silence")
    func notExpanded() throws {
        var s = CallStore()
        let r = try s.importGraph(text: #"{"value": [{"id": "bare", "type": "groupCall", "startDateTime": "2026-10-01T09:00:00Z"}]}"#)
        #expect(r.imported == 0)
        #expect(r.notices.count == 1 && r.notices[0].contains("$expand=sessions($expand=segments)"))
    }
}
