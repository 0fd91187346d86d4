import CoexistKit

/// Names `by` and `top` accept: store fields (and their aliases), time buckets, and the user dimensions
/// the workspace registers from its directory. Checked when the step is written, so a typo fails before any scan.
enum CallsDimensions {
    static var all: [String] {
        CallField.allCases.map(\.rawValue) + TimeBucket.allCases.map(\.rawValue) + UserDimension.allCases.map(\.rawValue)
    }

    /// The canonical name (aliases resolved), or an error naming the closest dimension.
    static func check(_ name: String) throws -> String {
        if UserDimension(rawValue: name) != nil || TimeBucket(rawValue: name) != nil { return name }
        do {
            return try CallField.named(name).rawValue
        } catch {
            throw LuaError("unknown dimension '\(name)'" + didYouMean(name, all))
        }
    }
}
