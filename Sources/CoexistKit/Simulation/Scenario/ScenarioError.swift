/// What `scenario{}` and a run refuse, naming the step (1-based, as Lua counts) and its field, so the
/// plan can be fixed before anything runs.
public enum ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    case step(index: Int, field: String, message: String)
    case unknownParameter(String, suggestion: String?)
    case parameterOutOfRange(String, value: Double, range: ClosedRange<Double>)
    case invalid(field: String, message: String)

    public var description: String {
        switch self {
        case let .step(index, field, message): "step \(index): \(field): \(message)"
        case let .unknownParameter(name, suggestion):
            "params: unknown parameter '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case let .parameterOutOfRange(name, value, range):
            "params: \(name) = \(value) is out of range \(range.lowerBound)...\(range.upperBound)"
        case let .invalid(field, message): "\(field): \(message)"
        }
    }
}
