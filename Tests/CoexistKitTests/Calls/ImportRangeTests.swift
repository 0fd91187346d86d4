import Testing
@testable import CoexistKit

/// A value out of its field's range is refused (strict) or skipped with its line (skip), never clamped.
@Suite("import: values out of range")
struct ImportRangeTests {
    static let header = "Call Id,Start Time,Media Type,Duration (Seconds),Packet Loss Rate,Video Local Frame Loss Percentage Avg,Audio Degradation Avg,Jitter"

    @Test("out-of-range values are refused with file:line: column = value: reason", arguments: [
        ("c1,2026-10-05T09:00:00Z,Audio,60,1.5,,,", "Packet Loss Rate = 1.5", "a ratio is 0 to 1"),
        ("c1,2026-10-05T09:00:00Z,Video,60,,140,,", "Video Local Frame Loss Percentage Avg = 140", "a percentage is 0 to 100"),
        ("c1,2026-10-05T09:00:00Z,Audio,60,,,5.5,", "Audio Degradation Avg = 5.5", "MOS degradation is 0 to 5"),
        ("c1,2026-10-05T09:00:00Z,Audio,70000,,,,", "Duration (Seconds) = 70000", "65534 s"),
        ("c1,2026-10-05T09:00:00Z,Audio,60,,,,9000", "Jitter = 9000", "6553.4 ms"),
    ])
    func refused(row: String, field: String, reason: String) throws {
        var s = CallStore()
        try s.importCSV(text: Self.header + "\nc0,2026-10-05T08:00:00Z,Audio,60,0.01,,0.1,3\n")
        do { try s.importCSV(text: Self.header + "\nc2,2026-10-05T08:00:00Z,Audio,60,0.01,,0.1,3\n" + row + "\n", name: "cqd.csv"); Issue.record("accepted \(row)") }
        catch let e as CallImportError {
            #expect(e.description.hasPrefix("cqd.csv:3: \(field): out of range"), "\(e)")
            #expect(e.description.contains(reason), "\(e)")
        }
        #expect(s.count == 1)
    }

    @Test("skip mode skips the out-of-range row and names its line")
    func skipped() throws {
        var s = CallStore()
        let r = try s.importCSV(text: Self.header + "\nc1,2026-10-05T09:00:00Z,Audio,60,1.01,,,\nc2,2026-10-05T09:00:00Z,Audio,60,1.0,,,\n",
                                name: "cqd.csv", options: ImportOptions(onError: .skip))
        #expect(r.imported == 1 && r.skipped == 1)
        #expect(r.skipReasons.first?.description.hasPrefix("cqd.csv:2: Packet Loss Rate = 1.01:") == true)
        #expect(s.value(.packetLoss, at: 0) == .double(1))
    }

    @Test("a record appended directly is checked the same way (ratings, durations, metrics)")
    func records() {
        var s = CallStore()
        let bad: [(StreamRecord, String)] = [
            (StreamRecord(callId: "c", start: 0, modality: .audio, rating: 7), "rating = 7"),
            (StreamRecord(callId: "c", start: 0, durationSeconds: 90_000, modality: .audio), "duration_s = 90000"),
            (StreamRecord(callId: "c", start: 0, durationSeconds: -3, modality: .audio), "duration_s = -3"),
            (StreamRecord(callId: "c", start: 0, modality: .audio, metrics: StreamMetrics(packetLossRate: 1.2)), "packet_loss_rate = 1.2"),
            (StreamRecord(callId: "c", start: 0, modality: .video, metrics: StreamMetrics(videoFrameRate: 900)), "video_frame_rate = 900"),
            (StreamRecord(callId: "c", start: 0, modality: .audio, metrics: StreamMetrics(jitterMs: -1)), "jitter_ms = -1"),
        ]
        for (r, field) in bad {
            do { try s.append(r); Issue.record("accepted \(field)") }
            catch { #expect("\(error)".hasPrefix(field), "\(error)") }
        }
        #expect(s.count == 0)
    }

    @Test("a Graph stream out of range is refused with its path")
    func graph() throws {
        let record = """
            {"id": "r1", "type": "peerToPeer", "startDateTime": "2026-10-01T09:00:00Z", "sessions": [{"id": "s1",
             "segments": [{"id": "g1", "startDateTime": "2026-10-01T09:00:00Z", "endDateTime": "2026-10-01T09:05:00Z",
               "media": [{"label": "main-audio", "streams": [{"streamDirection": "callerToCallee", "averagePacketLossRate": 1.4}]}]}]}]}
            """
        var s = CallStore()
        do { try s.importGraph(text: record, name: "cr.json"); Issue.record("accepted") }
        catch let e as CallImportError { #expect(e.description.contains("packet_loss_rate = 1.4: out of range")) }
        #expect(s.count == 0)
    }
}
