import CoexistKit

/// `on_error=` of every import builtin, read in one place so it is spelled, checked and refused the same
/// way everywhere: "strict" (the default) or "skip", any case; anything else is an error naming the closest.
enum ImportPolicyOption {
    static let names = ["strict", "skip"]

    static func policy(_ value: LuaValue?, _ function: String) throws -> ImportErrorPolicy {
        switch value {
        case nil, .nil?: return .strict
        case .string(let s)?:
            switch s.lowercased() {
            case "strict": return .strict
            case "skip": return .skip
            default: throw LuaError("\(function): on_error must be \"strict\" or \"skip\", got '\(s)'" + didYouMean(s.lowercased(), names))
            }
        case let v?: throw LuaError("\(function): on_error must be \"strict\" or \"skip\", got a \(v.typeName)")
        }
    }
}
