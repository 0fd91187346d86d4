/// The one tenant the shell holds in memory. Empty by default; importers and the demo generator fill it.
public final class Workspace {
    public var name: String
    /// How many of each kind of thing the tenant holds, in display order. Engines register their counts here.
    public var counters: [(label: String, count: () -> Int)] = []

    public init(name: String = Workspace.unnamed) { self.name = name }

    public static let unnamed = "coexist"

    public var counts: [(label: String, value: Int)] { counters.map { ($0.label, $0.count()) } }

    public var summary: String {
        let parts = counts.map { "\($0.value) \($0.label)" }
        return "tenant \(name)" + (parts.isEmpty ? " (empty)" : ": " + parts.joined(separator: ", "))
    }
}
