import Testing
import Foundation
@testable import CoexistKit

/// Which endpoint, user and rating a Graph stream row carries (`GraphRecordMapper`, `GraphCallRating`).
@Suite("Graph call records: endpoints, users and ratings")
struct GraphEndpointTests {
    /// Microsoft's response for "Get callRecord", Example 2 (Get full details), as the page prints it.
    static let microsoftExample = GraphImportTests.fixture("ms-get-callrecord-example2.json")
    static let abbie = "821809f5-0000-0000-0000-3b5136c0e777", owen = "f69e2c00-0000-0000-0000-185e5f5f5d8a"

    static func endpoint(_ upn: String?, id: String, rating: String? = nil, service: Bool = false) -> String {
        if service {
            return ##"{"@odata.type": "#microsoft.graph.callRecords.serviceEndpoint", "userAgent": {"role": "skypeForBusinessAudioVideoMcu"}}"##
        }
        let upnField = upn.map { #", "userPrincipalName": "\#($0)""# } ?? ""
        let feedback = rating.map { #", "feedback": {"rating": "\#($0)"}"# } ?? ""
        return ##"{"@odata.type": "#microsoft.graph.callRecords.participantEndpoint", "userAgent": {"productFamily": "teams", "applicationVersion": "1.\##(id)"}, "identity": {"user": {"id": "\##(id)", "displayName": "Name \##(id)"\##(upnField)}}\##(feedback)}"##
    }

    /// A session whose one segment has one audio media with both directions; ratings go on the session.
    static func session(caller: String, callee: String, segmentCaller: String? = nil, segmentCallee: String? = nil) -> String {
        """
        {"id": "s", "caller": \(caller), "callee": \(callee),
         "segments": [{"id": "g", "caller": \(segmentCaller ?? caller), "callee": \(segmentCallee ?? callee),
           "media": [{"label": "main-audio",
             "callerNetwork": {"subnet": "10.1.1.0", "connectionType": "wifi", "wifiBand": "frequency24GHz"},
             "calleeNetwork": {"subnet": "10.2.2.0", "connectionType": "wired"},
             "callerDevice": {"captureDeviceName": "caller mic"}, "calleeDevice": {"captureDeviceName": "callee mic"},
             "streams": [{"streamDirection": "callerToCallee"}, {"streamDirection": "calleeToCaller"}]}]}]}
        """
    }

    static func record(_ type: String, _ sessions: [String]) -> String {
        #"{"id": "rec", "type": "\#(type)", "startDateTime": "2026-10-01T09:00:00Z", "sessions": [\#(sessions.joined(separator: ", "))]}"#
    }

    @Test("Microsoft's example: the callee's session rating 'poor' reaches both streams of the call")
    func microsoftExampleRating() throws {
        var s = CallStore()
        let r = try s.importGraph(path: Self.microsoftExample)
        #expect(r.imported == 2 && s.count == 2)
        #expect(s.value(.rating, at: 0) == .int(2))
        #expect(s.value(.rating, at: 1) == .int(2))
        let m = try s.summary(measures: ["poor_rating_pct"])
        #expect(m.rows == [[.double(100)]])
        // The example's sessions list is truncated: said, not silently taken as the whole call.
        #expect(r.notices.contains { $0.contains("e523d2ed-2966-4b6b-925b-754a88034cc5 has more sessions") && $0.contains("sessions@odata.nextLink") })
    }

    @Test("Microsoft's example: each row is one endpoint's user, subnet, network, device and client")
    func microsoftExampleEndpoints() throws {
        var s = CallStore()
        try s.importGraph(path: Self.microsoftExample)
        // callerToCallee: Abbie's Android on Wi-Fi sent it.
        #expect(s.value(.firstUser, at: 0) == .string(Self.abbie) && s.value(.secondUser, at: 0) == .string(Self.owen))
        #expect(s.value(.subnet, at: 0) == .string("10.150.0.0") && s.value(.connection, at: 0) == .string("wifi"))
        #expect(s.value(.captureDevice, at: 0) == .string("Default input device"))
        #expect(s.value(.direction, at: 0) == .string("first_to_second"))
        // calleeToCaller: Owen's wired Windows client sent it, so Owen is its first endpoint, not Abbie.
        #expect(s.value(.firstUser, at: 1) == .string(Self.owen) && s.value(.secondUser, at: 1) == .string(Self.abbie))
        #expect(s.value(.subnet, at: 1) == .string("10.139.80.0") && s.value(.connection, at: 1) == .string("wired"))
        #expect(s.value(.captureDevice, at: 1) == .string("Microphone (Microsoft Virtual Audio Device (Simple) (WDM))"))
        #expect(s.value(.direction, at: 1) == .string("first_to_second"))
    }

    @Test("Microsoft's example: users without a UPN are counted and named, never joined by display name")
    func microsoftExampleWithoutUPN() throws {
        var s = CallStore()
        let r = try s.importGraph(path: Self.microsoftExample)
        #expect(r.usersWithoutUPN == 2)
        let warning = try #require(r.notices.first { $0.hasPrefix("warning:") })
        #expect(warning.contains("call record e523d2ed-2966-4b6b-925b-754a88034cc5"))
        #expect(warning.contains("ms-get-callrecord-example2.json"))
        #expect(warning.contains("Abbie Wilkins (\(Self.abbie))") && warning.contains("Owen Franklin (\(Self.owen))"))
        #expect(s.users.code(of: "Abbie Wilkins") == nil && s.users.code(of: "Owen Franklin") == nil)
        // The same people in a second file are not counted again; a UPN is not reported.
        let twice = try s.importGraph(text: "[" + (try String(contentsOfFile: Self.microsoftExample, encoding: .utf8))
                                       + ", " + Self.record("peerToPeer", [Self.session(caller: Self.endpoint("a@contoso.com", id: "a"),
                                                                                        callee: Self.endpoint(nil, id: "b"))]) + "]")
        #expect(twice.usersWithoutUPN == 3)
        #expect(twice.notices.filter { $0.hasPrefix("warning:") }.count == 2)
        #expect(twice.notices.contains { $0.contains("Name b (b)") && !$0.contains("Name a") })
    }

    @Test("the P2P fixture: every user is always seen on one subnet")
    func oneEndpointPerRow() throws {
        var s = CallStore()
        try s.importGraph(path: GraphImportTests.fixture("p2p-audio.json"))
        let rows = try s.summary(by: ["first_user", "subnet", "connection"], measures: ["streams"]).rows
        #expect(rows.count == 2)
        #expect(rows.contains([.string("owen.franklin@contoso.com"), .string("172.16.248.0"), .string("wired"), .int(1)]))
        #expect(rows.contains([.string("821809f5-0000-0000-0000-3b5136c0e777"), .string("10.139.80.0"), .string("wifi"), .int(1)]))
    }

    @Test("two ratings in one P2P call: the worst, on every stream; notRated does not count")
    func worstOfTwo() throws {
        var s = CallStore()
        // The caller rates fair on the session; the callee rates bad on the segment only.
        try s.importGraph(text: Self.record("peerToPeer", [Self.session(
            caller: Self.endpoint("a@contoso.com", id: "a", rating: "fair"), callee: Self.endpoint("b@contoso.com", id: "b"),
            segmentCallee: Self.endpoint("b@contoso.com", id: "b", rating: "bad"))]))
        #expect(s.value(.rating, at: 0) == .int(1) && s.value(.rating, at: 1) == .int(1))
        var t = CallStore()
        try t.importGraph(text: Self.record("peerToPeer", [Self.session(
            caller: Self.endpoint("a@contoso.com", id: "a", rating: "notRated"),
            callee: Self.endpoint("b@contoso.com", id: "b", rating: "excellent"))]))
        #expect(t.value(.rating, at: 0) == .int(5) && t.value(.rating, at: 1) == .int(5))
    }

    @Test("a group call: each participant's rating applies to their own session's streams, both directions")
    func groupCallSessions() throws {
        var s = CallStore()
        let mcu = Self.endpoint(nil, id: "", service: true)
        try s.importGraph(text: Self.record("groupCall", [
            Self.session(caller: mcu, callee: Self.endpoint("alice@contoso.com", id: "al", rating: "good")),
            Self.session(caller: Self.endpoint("bob@contoso.com", id: "bo", rating: "bad"), callee: mcu),
            Self.session(caller: mcu, callee: Self.endpoint("carol@contoso.com", id: "ca")),
        ]))
        #expect(s.count == 6)
        #expect((0..<6).map { s.value(.rating, at: $0) } == [4, 4, 1, 1, 0, 0].map { .int($0) })
        // The client is the described, first endpoint in both directions: its user, its subnet.
        #expect((0..<2).map { s.value(.firstUser, at: $0) } == [.string("alice@contoso.com"), .string("alice@contoso.com")])
        #expect(s.value(.secondUser, at: 0) == .null)
        #expect(s.value(.subnet, at: 0) == .string("10.2.2.0") && s.value(.subnet, at: 1) == .string("10.2.2.0"))
        #expect(s.value(.captureDevice, at: 0) == .string("callee mic"))
        // MCU to Alice is what Alice received; Alice to MCU what she sent.
        #expect(s.value(.direction, at: 0) == .string("second_to_first") && s.value(.direction, at: 1) == .string("first_to_second"))
        #expect((2..<4).map { s.value(.firstUser, at: $0) } == [.string("bob@contoso.com"), .string("bob@contoso.com")])
        #expect(s.value(.subnet, at: 2) == .string("10.1.1.0") && s.value(.wifiBand, at: 3) == .string("2.4ghz"))
        #expect(s.value(.direction, at: 2) == .string("first_to_second") && s.value(.direction, at: 3) == .string("second_to_first"))
        #expect(s.value(.clientVersion, at: 2) == .string("1.bo"))
    }

    @Test("an unknown session rating names its JSON path; strict import changes nothing")
    func badSessionRating() throws {
        var s = CallStore()
        try s.importGraph(path: Self.microsoftExample)
        let text = Self.record("peerToPeer", [Self.session(caller: Self.endpoint("a@contoso.com", id: "a", rating: "awful"),
                                                           callee: Self.endpoint("b@contoso.com", id: "b"))])
        do { try s.importGraph(text: text, name: "rated.json"); Issue.record("no error") }
        catch let e as CallImportError {
            #expect(e.file == "rated.json" && e.field == "$.sessions[0].caller.feedback.rating" && e.value == "awful")
            #expect(e.message.contains("feedback rating"))
        }
        #expect(s.count == 2)
        var skipped = CallStore()
        let r = try skipped.importGraph(text: text, options: ImportOptions(onError: .skip))
        #expect(r.imported == 0 && r.skipped == 2 && skipped.count == 0)
    }

    @Test("A P2P call whose two ends are the same user keeps both directions, and a second import adds neither")
    func sameUserOnBothEndsKeepsBothStreams() throws {
        // Without a streamId both directions are keyed by session, segment and label, and a P2P row
        // describes its sender: with one user on both ends (two guests without an identity, or one UPN
        // twice, as the local Graph server's data has) the callee's stream once looked like a repeat.
        for (caller, callee) in [(Self.endpoint("ann@contoso.com", id: "a1"), Self.endpoint("ann@contoso.com", id: "a2")),
                                 (##"{"@odata.type": "#microsoft.graph.callRecords.participantEndpoint"}"##,
                                  ##"{"@odata.type": "#microsoft.graph.callRecords.participantEndpoint"}"##)] {
            let text = Self.record("peerToPeer", [Self.session(caller: caller, callee: callee)])
            var s = CallStore()
            let r = try s.importGraph(text: text)
            #expect(r.imported == 2 && r.duplicates == 0 && s.count == 2)
            // Each side's network once: the caller's stream and the callee's.
            #expect(s.value(.subnet, at: 0) == .string("10.1.1.0") && s.value(.subnet, at: 1) == .string("10.2.2.0"))
            let again = try s.importGraph(text: text)
            #expect(again.imported == 0 && again.duplicates == 2 && s.count == 2)
        }
    }
}
