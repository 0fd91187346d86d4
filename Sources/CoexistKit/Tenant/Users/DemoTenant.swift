extension CoexistenceTenant {
    /// The demo Contoso: the people of `DemoPeople` (same UPNs, departments, buildings, homing and four cohorts
    /// as the call records), set up as a hybrid org part-way through its upgrade:
    /// - tenant global SfBWithTeamsCollab, the recommended starting point for on-premises orgs ("Upgrade methods");
    /// - online-homed users granted UpgradeToTeams (after SfB Online's retirement they can only be TeamsOnly);
    /// - on-premises users inherit the global, except the Pilot's, who evaluate side by side in Islands.
    /// So tenant-wide TeamsOnly is refused until every on-premises user has an explicit grant — a lesson, not a bug.
    public static func demo(userCount: Int = DemoPeople.defaultUserCount, today: PlanDay = PlanDay(year: 2026, month: 10, day: 1)) -> CoexistenceTenant {
        let people = DemoPeople.people(userCount)
        var users: [User] = []
        users.reserveCapacity(people.count)
        for person in people {
            users.append(demoUser(person))
        }
        var tenant = CoexistenceTenant(users: users, global: UpgradePolicy.builtIns[4], today: today)
        for name in DemoPeople.cohorts {
            let members = people.indices.filter { people[$0].cohort == name }
            _ = tenant.cohorts.assign(members, to: name, groupId: nil, replace: true, userCount: tenant.directory.count)
        }
        return tenant
    }

    static func demoUser(_ person: DemoPerson) -> User {
        // A separate stream from DemoPeople's so adding attributes here never changes the people themselves.
        var rng = SplitMix64(seed: 0x7E4A_0000 &+ UInt64(person.index))
        let building = DemoPeople.buildings[person.building]
        let onPrem = person.onPremises
        let voice = rng.unit() < 0.25
        let extensionNumber = 1000 + person.index % 9000
        let grant: UpgradePolicy? = onPrem ? (person.cohort == DemoPeople.cohorts[0] ? .islands : nil) : .upgradeToTeams
        return User(
            upn: person.upn, displayName: person.displayName, department: person.department, city: building.city,
            building: building.name, country: building.country, homing: onPrem ? .onPremises : .online,
            enterpriseVoice: voice, phoneNumber: voice ? "tel:+1425555\(extensionNumber)" : "",
            audioConferencing: rng.unit() < 0.7,
            mailbox: onPrem && rng.unit() < 0.4 ? .onPremises : .online,
            grantedPolicy: grant,
            runsTeams: onPrem ? rng.unit() < 0.75 : true,
            runsSfB: onPrem ? true : rng.unit() < 0.3)
    }
}
