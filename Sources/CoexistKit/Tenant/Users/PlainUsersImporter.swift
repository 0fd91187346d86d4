import Foundation

/// Reads the plain users CSV: one user per row, a header row, comma-separated, RFC 4180 quoting.
///
/// Columns (header names are matched ignoring case, spaces and underscores; only `upn` is required;
/// unknown columns are ignored; a row with fewer fields than the header is refused):
///
/// | column | meaning | values (default) |
/// |---|---|---|
/// | `upn` | user principal name | `ann.smith@contoso.com` |
/// | `display_name` | display name | (empty) |
/// | `department`, `city`, `building`, `country` | directory attributes; `building` as in the building file | (empty) |
/// | `homing` | where the SfB account lives | `online` or `on-premises` (`online`) |
/// | `sip_address` | SIP address | (`sip:` + upn) |
/// | `enterprise_voice` | Enterprise Voice enabled | `true`/`false`, `yes`/`no`, `1`/`0` (`false`) |
/// | `phone_number` | phone number or LineURI | (empty) |
/// | `audio_conferencing` | audio-conferencing licence | boolean (`false`) |
/// | `mailbox` | Exchange mailbox location | `online` or `on-premises` (`online`) |
/// | `policy` | per-user TeamsUpgradePolicy | a built-in identity or a mode name; empty or `Global` = no grant |
/// | `runs_teams`, `runs_sfb` | whether the person keeps each client running | boolean (`true`) |
///
/// ```
/// upn,display_name,department,building,homing,policy
/// ann.smith@contoso.com,Ann Smith,Sales,SEA-1,on-premises,SfBWithTeamsCollab
/// ```
public enum PlainUsersImporter {
    static func parse(_ csv: TenantCSV, file: String, mode: ImportErrorPolicy) throws(TenantError) -> ParsedUsers {
        guard let upnColumn = csv.column("upn", "userprincipalname") else {
            throw .badFile(file: file, reason: "no upn column (columns: \(csv.header.joined(separator: ", ")))")
        }
        let col = (
            name: csv.column("display_name", "displayname", "name"), department: csv.column("department"),
            city: csv.column("city"), building: csv.column("building"), country: csv.column("country", "usagelocation"),
            homing: csv.column("homing", "home"), sip: csv.column("sip_address", "sip"),
            ev: csv.column("enterprise_voice", "ev"), phone: csv.column("phone_number", "phone", "lineuri"),
            audio: csv.column("audio_conferencing"), mailbox: csv.column("mailbox"),
            policy: csv.column("policy", "teamsupgradepolicy", "grant"),
            runsTeams: csv.column("runs_teams"), runsSfB: csv.column("runs_sfb")
        )
        var parsed = ParsedUsers()
        var seen = Set<String>()
        for record in csv.records {
            let r = UserFieldReader(file: file, line: record.line)
            func f(_ i: Int?) -> String {
                guard let i, i < record.fields.count else { return "" }
                return record.fields[i].trimmingCharacters(in: .whitespaces)
            }
            do throws(TenantError) {
                try csv.checkWidth(record, file: file)
                let upn = try r.upn("upn", f(upnColumn))
                guard seen.insert(UserDirectory.key(upn)).inserted else {
                    throw r.fail("upn", upn, "appears twice in the file")
                }
                let sip = f(col.sip)
                let user = User(
                    upn: upn, displayName: f(col.name), department: f(col.department), city: f(col.city),
                    building: f(col.building), country: f(col.country), homing: try r.homing("homing", f(col.homing)),
                    sipAddress: sip.isEmpty ? nil : sip, enterpriseVoice: try r.bool("enterprise_voice", f(col.ev), default: false),
                    phoneNumber: f(col.phone), audioConferencing: try r.bool("audio_conferencing", f(col.audio), default: false),
                    mailbox: try r.mailbox("mailbox", f(col.mailbox)), grantedPolicy: try r.policy("policy", f(col.policy)),
                    runsTeams: try r.bool("runs_teams", f(col.runsTeams), default: true),
                    runsSfB: try r.bool("runs_sfb", f(col.runsSfB), default: true))
                try r.checkHoming(user, field: "policy")
                parsed.append(user, line: record.line)
            } catch {
                try parsed.reject(error, mode: mode)
            }
        }
        return parsed
    }
}
