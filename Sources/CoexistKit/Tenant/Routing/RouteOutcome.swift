/// The kind of thread a new chat or call creates ("Coexistence with Skype for Business").
public enum ThreadKind: String, Sendable, CaseIterable, Equatable {
    case native = "native"
    case interop = "interop"
    case nativeFederated = "native federated"
    case interopFederated = "interop federated"
    /// A plain SfB session in the tenant.
    case sfb = "SfB"
    case sfbFederation = "SfB federation"
}

/// Where a new chat or call lands, per the routing and presence tables of "Coexistence with Skype for Business".
public struct RouteOutcome: Sendable, Equatable {
    /// nil when the route is not possible.
    public var landsIn: ClientApp?
    public var kind: ThreadKind?
    /// Why the route is not possible (the originator must use SfB instead, or their mode forbids the client).
    public var notPossibleReason: String?
    /// The presence (Teams or SfB) the sender sees for the recipient.
    public var senderSees: ClientApp
    /// The presence the recipient sees for the sender, in the client the conversation lands in; nil if not possible.
    public var recipientSees: ClientApp?
    /// An Islands recipient who does not run the client the message lands in: they will miss it.
    public var missedMessageRisk: Bool
    /// Interop limits ("Teams and Skype for Business coexistence and interoperability") and other caveats that apply to this conversation.
    public var notes: [String]
    /// The row of domain table 2.2 this case matches ("1b-3"), when sender homing is the one the table implies.
    public var tableRow: String?

    public var isPossible: Bool { landsIn != nil }

    /// "Teams (interop)", "NOT POSSIBLE".
    public var label: String {
        guard let landsIn, let kind else { return "NOT POSSIBLE" }
        return "\(landsIn.rawValue) (\(kind.rawValue))"
    }
}
