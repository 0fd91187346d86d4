/// The tenant's users in import order, with lookup by UPN. Positions are stable (a user is replaced in place,
/// never removed), so the timeline and cohorts can refer to users by position.
public struct UserDirectory: Sendable, Equatable {
    public private(set) var users: [User] = []
    private var positionByKey: [String: Int] = [:]

    public init(_ users: [User] = []) {
        for u in users { upsert(u) }
    }

    public var count: Int { users.count }

    /// Case-insensitive, as UPNs are.
    public func position(of upn: String) -> Int? { positionByKey[UserDirectory.key(upn)] }

    public func user(_ upn: String) -> User? { position(of: upn).map { users[$0] } }

    public subscript(position: Int) -> User { users[position] }

    /// Adds the user, or replaces the one with the same UPN. Returns the position and whether it replaced.
    @discardableResult
    public mutating func upsert(_ user: User) -> (position: Int, replaced: Bool) {
        let key = UserDirectory.key(user.upn)
        if let p = positionByKey[key] {
            users[p] = user
            return (p, true)
        }
        users.append(user)
        positionByKey[key] = users.count - 1
        return (users.count - 1, false)
    }

    static func key(_ upn: String) -> String {
        var s = upn.lowercased()
        if s.hasPrefix("sip:") { s.removeFirst(4) }
        return s
    }
}
