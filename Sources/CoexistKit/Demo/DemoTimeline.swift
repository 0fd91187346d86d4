extension CoexistenceTenant {
    /// A demo tenant with `changes` dated change sets (moves of 50 users, every hundredth a global change) inserted
    /// in random date order over three years: a long timeline for `as_of`, its benchmark and its replay test.
    public static func demo(userCount: Int, randomChanges changes: Int) -> CoexistenceTenant {
        var tenant = CoexistenceTenant.demo(userCount: userCount)
        var rng = SplitMix64(seed: 7)
        let modes = ["SfBWithTeamsCollab", "SfBWithTeamsCollabAndMeetings", "Islands", "SfBOnly", "TeamsOnly"]
        for i in 0..<changes {
            let day = tenant.today.adding(days: Int(rng.next() % UInt64(3 * 365)))
            if i % 100 == 99 {
                _ = try? tenant.setGlobal(i % 200 == 99 ? "SfBWithTeamsCollabAndMeetings" : "SfBWithTeamsCollab",
                                          options: ChangeOptions(on: day))
                continue
            }
            let start = Int(rng.next() % UInt64(userCount - 50))
            let upns = (start..<start + 50).map { tenant.directory[$0].upn }
            _ = try? tenant.moveUsers(upns, to: modes[i % modes.count], options: ChangeOptions(on: day))
        }
        return tenant
    }
}
