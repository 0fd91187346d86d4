/// Routing between tenant users on a date: the one path from a user to the routing tables. The Lua `route{}`
/// and `routing_matrix{}` read parties from here, so a user's mode on a date (`EffectiveMode`) is worked out once.
extension CoexistenceTenant {
    /// A tenant user as a routing party on `day`: their effective mode, homing and clients.
    public func party(at position: Int, on day: PlanDay? = nil) -> RouteParty {
        RouteParty(view(position, in: state(asOf: day)))
    }

    public func party(_ upn: String, on day: PlanDay? = nil) throws(TenantError) -> RouteParty {
        party(at: try position(of: upn), on: day)
    }

    /// A new conversation between two parties (from `party(_:on:)`, or `RouteParty(policyMode:homing:on:)` for
    /// someone in another tenant).
    public func route(from sender: RouteParty, to recipient: RouteParty, client: ClientApp? = nil,
                      federated: Bool) -> RouteOutcome {
        Router.route(from: sender, to: recipient, client: client, federated: federated)
    }

    /// `route{from=, to=, client=, federated=, on=}` between two tenant users. `federated: true` asks what
    /// would happen were they in different tenants (useful for modelling a partner with the same setup).
    public func route(from: String, to: String, client: ClientApp? = nil, federated: Bool = false,
                      on day: PlanDay? = nil) throws(TenantError) -> RouteOutcome {
        route(from: try party(from, on: day), to: try party(to, on: day), client: client, federated: federated)
    }

    /// A route to a party outside the tenant, described by mode and homing: always federated.
    public func route(from: String, toExternal recipient: RouteParty, client: ClientApp? = nil,
                      on day: PlanDay? = nil) throws(TenantError) -> RouteOutcome {
        route(from: try party(from, on: day), to: recipient, client: client, federated: true)
    }

    /// A route from a party outside the tenant to a tenant user: always federated.
    public func route(fromExternal sender: RouteParty, to: String, client: ClientApp? = nil,
                      on day: PlanDay? = nil) throws(TenantError) -> RouteOutcome {
        route(from: sender, to: try party(to, on: day), client: client, federated: true)
    }
}
