extension CoexistenceTenant {
    /// A tenant user as a routing party on `day`.
    public func party(_ upn: String, on day: PlanDay? = nil) throws(TenantError) -> RouteParty {
        RouteParty(try user(upn, on: day))
    }

    /// `route{from=, to=, client=, federated=, on=}` between two tenant users. `federated: true` asks what
    /// would happen were they in different tenants (useful for modelling a partner with the same setup).
    public func route(from: String, to: String, client: ClientApp? = nil, federated: Bool = false,
                      on day: PlanDay? = nil) throws(TenantError) -> RouteOutcome {
        Router.route(from: try party(from, on: day), to: try party(to, on: day), client: client, federated: federated)
    }

    /// A route to a party outside the tenant, described by mode and homing: always federated.
    public func route(from: String, toExternal recipient: RouteParty, client: ClientApp? = nil,
                      on day: PlanDay? = nil) throws(TenantError) -> RouteOutcome {
        Router.route(from: try party(from, on: day), to: recipient, client: client, federated: true)
    }

    /// A route from a party outside the tenant to a tenant user: always federated.
    public func route(fromExternal sender: RouteParty, to: String, client: ClientApp? = nil,
                      on day: PlanDay? = nil) throws(TenantError) -> RouteOutcome {
        Router.route(from: sender, to: try party(to, on: day), client: client, federated: true)
    }
}
