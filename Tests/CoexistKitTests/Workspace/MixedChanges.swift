@testable import CoexistKit

/// One change of every kind, in an order that makes later ones depend on earlier ones (the cohort move needs the
/// cohort; the device catalogue meets the imported devices), for journal, replay and fork tests.
enum MixedChanges {
    static func devicesFile() throws -> String { try WorkspaceFiles.write("*Jabra*\n!*Evolve 20*\n# headsets\n", "devices.txt") }

    static func list(for w: Workspace) throws -> [Change] {
        let upns = w.coexistence.directory.users.map(\.upn)
        let today = w.coexistence.today
        func later(_ days: Int) -> PlanDay { PlanDay(daysSinceEpoch: today.daysSinceEpoch + days) }
        return [
            .importBuildings(try FileStamp.of(WorkspaceFiles.cqdBuildings)),
            .moveUsers(upns: Array(upns[0..<3]), target: "Islands"),
            .defineCohort(name: "Door test", upns: Array(upns[10..<15])),
            .importCalls(try FileStamp.of(WorkspaceFiles.cqdExport)),
            .moveCohort(name: "Door test", target: "TeamsOnly", on: later(14)),
            .importDevices(try FileStamp.of(try devicesFile())),
            .importUsers(try FileStamp.of(WorkspaceFiles.csOnlineUsers)),
            .setGlobal(target: "SfBWithTeamsCollab", on: later(30)),
            .removeFromCohort(name: "Door test", upns: [upns[10]]),
        ]
    }
}
