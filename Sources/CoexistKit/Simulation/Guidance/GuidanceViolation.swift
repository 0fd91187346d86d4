/// One place a plan breaks Microsoft's upgrade guidance, naming the step (1-based; nil for the plan as a
/// whole) and the date.
public struct GuidanceViolation: Sendable, Equatable {
    public enum Check: String, Sendable, CaseIterable {
        case window = "upgrade window"
        case pilotLength = "pilot length"
        case noAssessment = "no assessment"
        case noMoveToTeams = "TeamsOnly without MoveToTeams"
        case buildingNotReady = "building not ready"
        case reviewCadence = "review cadence"
        case globalTeamsOnly = "tenant-wide TeamsOnly"
        case islandsMissed = "missed in Islands"
        case noNotice = "no notice"
    }

    public var check: Check
    public var step: Int?
    public var date: Day
    public var message: String
    /// The document the rule comes from, by title.
    public var source: String

    public static func table(_ list: [GuidanceViolation], title: String) -> ResultSet {
        ResultSet(columns: [Column("check", .string), Column("step", .int), Column("date", .string),
                            Column("message", .string), Column("source", .string)],
                  rows: list.map { [.string($0.check.rawValue), $0.step.map { .int($0) } ?? .null, .string($0.date.iso),
                                    .string($0.message), .string($0.source)] },
                  title: title)
    }
}
