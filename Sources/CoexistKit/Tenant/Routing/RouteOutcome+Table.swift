/// A route answer as a one-row result set, so it renders through the same modes as any result (a Markdown
/// row for a runbook, JSON for a script) and several answers can be stacked into one table.
extension RouteOutcome {
    public static let tableColumns = [
        Column("from", .string), Column("to", .string), Column("client", .string), Column("federated", .bool),
        Column("on", .string), Column("lands_in", .string), Column("kind", .string),
        Column("possible", .bool), Column("reason", .string), Column("sender_sees", .string),
        Column("recipient_sees", .string), Column("missed_risk", .bool), Column("table_row", .string),
        Column("notes", .string),
    ]

    /// The row for this outcome of the question "from `from` to `to`, starting in `client`, on `day`".
    public func tableRow(from: String, to: String, client: ClientApp, federated: Bool, day: PlanDay) -> [ResultValue] {
        func text(_ s: String?) -> ResultValue { s.map(ResultValue.string) ?? .null }
        return [.string(from), .string(to), .string(client.rawValue), .bool(federated), .string(day.iso),
                text(landsIn?.rawValue), text(kind?.rawValue), .bool(isPossible), text(notPossibleReason),
                .string(senderSees.rawValue), text(recipientSees?.rawValue), .bool(missedMessageRisk), text(tableRow),
                notes.isEmpty ? .null : .string(notes.joined(separator: "; "))]
    }

    public func table(from: String, to: String, client: ClientApp, federated: Bool, day: PlanDay) -> ResultSet {
        ResultSet(columns: Self.tableColumns,
                  rows: [tableRow(from: from, to: to, client: client, federated: federated, day: day)],
                  title: "route " + from + " -> " + to)
    }
}
