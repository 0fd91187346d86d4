/// Goals shipped ready to add: the QER guide's suggested targets ("Quality of Experience Review guide", 4.1) and
/// adoption. Each is a name, a where-table over the calls fields, the figure and the target.
public enum GoalTemplates {
    public struct Template: Sendable {
        public var name: String
        public var filters: [(String, ResultValue)]
        public var figure: String
        public var target: String
    }

    public static let all: [Template] = [
        Template(name: "internal audio poor", filters: [("modality", .string("audio")), ("inside", .bool(true))], figure: "audio_poor_pct", target: "<= 2"),
        Template(name: "overall audio poor", filters: [("modality", .string("audio"))], figure: "audio_poor_pct", target: "<= 3"),
        Template(name: "internal setup failures", filters: [("inside", .bool(true))], figure: "setup_failure_pct", target: "<= 0.5"),
        Template(name: "overall setup failures", filters: [], figure: "setup_failure_pct", target: "<= 1"),
        Template(name: "internal drops", filters: [("inside", .bool(true))], figure: "drop_pct", target: "<= 2"),
        Template(name: "overall drops", filters: [], figure: "drop_pct", target: "<= 3"),
        Template(name: "certified audio devices", filters: [("modality", .string("audio"))], figure: "certified_pct", target: ">= 80"),
    ]

    public static func named(_ name: String) throws(PlanError) -> Template {
        guard let t = all.first(where: { $0.name == name }) else {
            throw PlanError.unknown("template", "goal template", name, in: all.map(\.name) + ["adoption"])
        }
        return t
    }

    public static func query(_ t: Template) throws -> CallQuery {
        try t.filters.reduce(CallQuery()) { q, f in try q.filter(f.0, .eq, f.1) }
    }
}
