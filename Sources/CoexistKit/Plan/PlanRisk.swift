/// A risk of the plan ("Upgrade framework", Plan step 4: risks & mitigation). Likelihood and impact are 1 to 5;
/// exposure is their product, what `plan:risks()` sorts by.
public struct PlanRisk: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable { case open, mitigated, closed }

    public var title: String
    public var likelihood: Int
    public var impact: Int
    public var mitigation: String?
    public var owner: String?
    public var status: Status = .open
    /// Where it came from ("guidance" for a simulation check), nil when typed.
    public var source: String?

    public init(title: String, likelihood: Int, impact: Int, mitigation: String? = nil, owner: String? = nil,
                status: Status = .open, source: String? = nil) {
        self.title = title
        self.likelihood = likelihood
        self.impact = impact
        self.mitigation = mitigation
        self.owner = owner
        self.status = status
        self.source = source
    }

    public var exposure: Int { likelihood * impact }
}
