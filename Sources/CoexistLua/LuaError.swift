import CoexistKit

/// An error a host function reports to Lua; its message becomes the Lua error message.
public struct LuaError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    public static let interrupted = LuaError("interrupted!")
}

/// " (did you mean 'x'?)" or "".
public func didYouMean(_ name: String, _ candidates: [String]) -> String {
    EditDistance.nearest(to: name, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
}
