import Testing
@testable import CoexistKit

/// The counts of routed conversations reconcile with the routing engine on a graph small enough to work
/// by hand, and the chart of a result fits the width it is given.
@Suite struct RoutedCountsTests {
    @Test func aHandWorkedGraphCountsAsTheRoutingTablesSay() throws {
        // ann: online, TeamsOnly in effect; raj: on-premises Islands, runs only Skype for Business;
        // mei: on-premises SfBWithTeamsCollab.
        let users = [
            User(upn: "ann@c.com", building: "HQ", homing: .online, grantedPolicy: .upgradeToTeams, runsTeams: true, runsSfB: false),
            User(upn: "raj@c.com", building: "HQ", homing: .onPremises, grantedPolicy: .islands, runsTeams: false, runsSfB: true),
            User(upn: "mei@c.com", building: "HQ", homing: .onPremises, runsTeams: false, runsSfB: true),
        ]
        let tenant = CoexistenceTenant(users: users, global: UpgradePolicy.named("SfBWithTeamsCollab")!, today: SimulationFixtures.today)
        let w = Workspace(name: "hand", today: SimulationFixtures.today, coexistence: { tenant })
        // One conversation a day on each edge: ann->raj, raj->ann, ann->mei, mei->raj.
        let graph = CommunicationGraph(users: 3, edges: [.init(from: 0, to: 1, weight: 1000), .init(from: 1, to: 0, weight: 1000),
                                                         .init(from: 0, to: 2, weight: 1000), .init(from: 2, to: 1, weight: 1000)],
                                       fromCallRecords: false)
        var s = SimulationFixtures.scenario(days: 3)
        try s.parameters.set("federated_share", 0)
        let input = SimulationInput(tenant: tenant, calls: CallStore(), parameters: s.parameters, seed: 1, graph: graph)
        for counting in [DayModel.Counting.grouped, .perUser] {
            let r = try ScenarioRun.run(s, on: w, input: input, counting: counting)
            // ann->raj: Teams native (row 1b-1), but raj does not run Teams: missed.
            // raj->ann: from SfB to TeamsOnly: interop (1a-3). ann->mei: interop into SfB (1c-1). mei->raj: SfB (1b-4).
            #expect(r.mean(.conversations, 0) == 4)
            #expect(r.mean(.native, 0) == 1)
            #expect(r.mean(.interop, 0) == 2)
            #expect(r.mean(.sfb, 0) == 1)
            #expect(r.mean(.notPossible, 0) == 0)
            #expect(r.mean(.missed, 0) == 1)
        }
        // The engine itself agrees on each edge.
        #expect(try tenant.route(from: "ann@c.com", to: "raj@c.com").missedMessageRisk)
        #expect(try tenant.route(from: "raj@c.com", to: "ann@c.com").kind == .interop)
        #expect(try tenant.route(from: "ann@c.com", to: "mei@c.com").kind == .interop)
        #expect(try tenant.route(from: "mei@c.com", to: "raj@c.com").kind == .sfb)
    }

    @Test func theChartFitsTheWidthItIsGiven() throws {
        let r = try ScenarioRun.run(SimulationFixtures.scenario(SimulationFixtures.busyPlan, days: 120), on: SimulationFixtures.workspace())
        let labels = (0..<120).map { SimulationFixtures.start.adding(days: $0).iso }
        let series = [DayMeasure.missed, .interop, .tickets].map { ChartSeries(name: $0.name, labels: labels, values: r.series($0)) }
        for width in [30, 50, 80, 200] {
            for ascii in [false, true] {
                let text = TerminalMultiChart.lines(series, width: width, height: 8, ascii: ascii)
                let lines = text.split(separator: "\n").map(String.init)
                #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "width \(width): \(text)")
                #expect(lines.count == 8 + 1 + 1 + 1 || lines.count > 11)
                if ascii { #expect(text.unicodeScalars.allSatisfy { $0.isASCII }) }
            }
        }
        #expect(TerminalMultiChart.lines(series, width: 80).contains("● missed  ○ interop  ◆ tickets"))
    }
}
