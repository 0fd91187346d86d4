import Testing
import CoexistKit
@testable import CoexistShell

@Suite struct TenantCompletionSourceTests {
    let workspace = Workspace.demo(users: 200)

    func complete(_ line: String) -> [String] {
        let completer = Completer()
        completer.add(TenantCompletionSource(workspace))
        return completer.complete(line).candidates
    }

    @Test func cohortNamesInsideCohortCalls() {
        #expect(complete("cohort(\"W") == ["Wave 1", "Wave 2", "Wave 3"])
        #expect(complete("x = cohort('") == ["Pilot", "Wave 1", "Wave 2", "Wave 3"])
    }

    @Test func upnsForRoutePartiesAndUsers() {
        let first = workspace.coexistence.directory[0].upn
        let prefix = String(first.prefix(5))
        let candidates = complete("route{from=\"\(prefix)")
        #expect(candidates.contains(first))
        #expect(candidates.allSatisfy { $0.contains("@") })
        #expect(complete("user('\(prefix)").contains(first))
        #expect(complete("users['\(prefix)").contains(first))
    }

    @Test func modesAndPoliciesForMoves() {
        #expect(complete("cohort('Pilot'):move(\"Teams") == ["TeamsOnly"])
        #expect(complete("tenant:set_global('SfBWithTeamsCollab") == ["SfBWithTeamsCollab", "SfBWithTeamsCollabAndMeetings",
                                                                     "SfBWithTeamsCollabAndMeetingsWithNotify", "SfBWithTeamsCollabWithNotify"])
        #expect(complete("users:where{mode='Isl") == ["Islands"])
        #expect(complete("routing_matrix{by='") == ["cohort", "mode"])
    }

    @Test func nothingOutsideStrings() {
        #expect(complete("cohort(") .isEmpty)
        #expect(complete("coh").isEmpty)
    }
}
