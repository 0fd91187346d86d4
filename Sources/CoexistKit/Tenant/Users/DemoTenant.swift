extension CoexistenceTenant {
    /// The demo Contoso: the people of `DemoPeople` (same UPNs, departments, buildings and four cohorts as the
    /// call records), at the start of a journey from Skype for Business Server (`DemoAdoption`):
    /// - every user starts homed on-premises under the tenant global SfBWithTeamsCollab, the recommended
    ///   starting point for on-premises orgs ("Upgrade methods"), so no wave is TeamsOnly before it is moved;
    /// - its recorded history (`history`, in force in the timeline) is what the call records show: the Pilot in
    ///   Islands on 2026-08-10 and TeamsOnly (-MoveToTeams) on 2026-09-21, Wave 1 in Islands on 2026-08-31,
    ///   Wave 2 on 2026-09-28; Wave 3 has not moved;
    /// - a user runs Teams once their cohort's adoption has reached them by `today`.
    /// So tenant-wide TeamsOnly is refused until every on-premises user has an explicit grant — a lesson, not a bug.
    public static func demo(userCount: Int = DemoPeople.defaultUserCount, today: PlanDay = PlanDay(year: 2026, month: 10, day: 1)) -> CoexistenceTenant {
        let people = DemoPeople.people(userCount)
        var users: [User] = []
        users.reserveCapacity(people.count)
        let shareToday = DemoPeople.cohorts.indices.map { DemoAdoption.shares(cohort: $0, from: today, days: 1)[0] }
        for person in people {
            users.append(demoUser(person, teamsShare: shareToday[DemoPeople.cohorts.firstIndex(of: person.cohort) ?? 0]))
        }
        var tenant = CoexistenceTenant(users: users, global: UpgradePolicy.builtIns[4], today: today)
        for name in DemoPeople.cohorts {
            let members = people.indices.filter { people[$0].cohort == name }
            _ = tenant.cohorts.assign(members, to: name, groupId: nil, replace: true, userCount: tenant.directory.count)
        }
        recordDemoHistory(&tenant)
        return tenant
    }

    /// The moves of `DemoAdoption`, dated in the past, validated and applied by the one door's rules, kept as the
    /// tenant's starting history (timeline entries with ids below zero, so they never meet a change set's id)
    /// rather than as change sets: the demo's past is where it starts, as a `--data` folder's files are.
    static func recordDemoHistory(_ tenant: inout CoexistenceTenant) {
        let moves = DemoAdoption.plans.flatMap { plan in plan.moves.map { CohortMove(cohort: plan.cohort, day: $0.day, mode: $0.mode) } }
        var id = -moves.count
        for move in moves.sorted(by: { $0.day < $1.day }) where tenant.cohorts.names.contains(move.cohort) {
            tenant.nextChangeSet = id
            // The demo's own data: a refusal is a bug in DemoAdoption, caught by the tests.
            try! tenant.moveCohort(move.cohort, to: move.mode.rawValue, options: ChangeOptions(on: move.day))
            tenant.history.append(move)
            id += 1
        }
        tenant.nextChangeSet = 1
    }

    static func demoUser(_ person: DemoPerson, teamsShare: Double) -> User {
        // A separate stream from DemoPeople's so adding attributes here never changes the people themselves.
        var rng = SplitMix64(seed: 0x7E4A_0000 &+ UInt64(person.index))
        let building = DemoPeople.buildings[person.building]
        let onPrem = person.onPremises
        let voice = rng.unit() < 0.25
        let extensionNumber = 1000 + person.index % 9000
        let grant: UpgradePolicy? = onPrem ? nil : .upgradeToTeams
        // Running Teams on the demo's day: the cohort's adoption has reached the user (the draw that once
        // decided is kept so the later fields stay as they were).
        let audioConferencing = rng.unit() < 0.7
        let mailbox: MailboxLocation = onPrem && rng.unit() < 0.4 ? .onPremises : .online
        _ = rng.unit()
        let runsTeams = !onPrem || person.adoptionThreshold < teamsShare
        return User(
            upn: person.upn, displayName: person.displayName, department: person.department, city: building.city,
            building: building.name, country: building.country, homing: onPrem ? .onPremises : .online,
            enterpriseVoice: voice, phoneNumber: voice ? "tel:+1425555\(extensionNumber)" : "",
            audioConferencing: audioConferencing,
            mailbox: mailbox,
            grantedPolicy: grant,
            runsTeams: runsTeams,
            runsSfB: onPrem ? true : rng.unit() < 0.3)
    }
}
