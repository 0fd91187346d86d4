/// What a plan edit refuses: the field, the value and why, with the nearest valid spelling where there is one.
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    static func unknown(_ field: String, _ kind: String, _ name: String, in names: [String]) -> PlanError {
        let lower = name.lowercased()
        let prefixed = names.filter { $0.lowercased().hasPrefix(lower) }
        let near = prefixed.count == 1 && !lower.isEmpty ? prefixed[0] : EditDistance.nearest(to: name, in: names)
        let hint = near.map { " (did you mean '\($0)'?)" } ?? "; one of " + names.joined(separator: ", ")
        return PlanError(field: field, "unknown \(kind) '\(name)'" + hint)
    }

    public var description: String { "\(field): \(message)" }
}
