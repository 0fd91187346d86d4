extension Workspace {
    /// Makes this workspace hold what `other` holds (name, tenant, calls, journal), so a lesson's `.reset`,
    /// `.back` and resume start again from a fresh tenant while every binding keeps its one workspace object.
    /// The clock stays this workspace's: a lesson's "today" does not move.
    public func restore(from other: Workspace) {
        name = other.name
        coexistence = other.coexistence
        calls = other.storeAsIs
        journal = other.journal
        origin = other.origin
        plan = other.plan
        importedBytes = other.importedBytes
        userDimensionsCurrent = false
    }
}
