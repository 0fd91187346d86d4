import CoexistKit

/// A script's `date` is Kit's one instant type (`Instant`: parsing, relative dates and ranges live there);
/// the bindings and their tests call it by the name scripts know.
public typealias LuaDate = Instant
