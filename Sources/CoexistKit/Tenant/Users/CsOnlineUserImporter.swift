import Foundation

/// Reads `Get-CsOnlineUser | Export-Csv` output (Windows PowerShell's `#TYPE` first line and quoted fields included).
///
/// Files as Windows PowerShell 5.1 writes them (`#TYPE` line, every field quoted, CRLF, a UTF-8 byte-order mark
/// or UTF-16 with `-Encoding Unicode`) are read; `UserFileText` decodes the bytes. A row with fewer fields than the
/// header is refused. Columns used (unknown columns are ignored):
/// - `UserPrincipalName` (required), `DisplayName`, `Department`, `City`, `UsageLocation` (country), `SipAddress`;
/// - `TeamsUpgradePolicy`: the per-user grant (empty = inherits the tenant global; a `Tag:` prefix is dropped);
/// - `TeamsUpgradeEffectiveMode`: kept as `reportedEffectiveMode`; the import infers the tenant global from the
///   users who inherit it and reports every user whose computed mode differs (`TenantGlobalInference`);
/// - homing: on-premises when `InterpretedUserType` contains `HybridOnprem`, or when `HostingProvider` starts with
///   `SRV:`; online otherwise (`sipfed.online.lync.com`, or empty); another HostingProvider is refused;
/// - `EnterpriseVoiceEnabled` (`True`/`False`), `LineURI` (phone number, `tel:` prefix kept).
///
/// Get-CsOnlineUser does not say where the mailbox lives, nor the building or licences: those default to online,
/// empty and false, and can be filled in from the plain users CSV.
public enum CsOnlineUserImporter {
    static func parse(_ csv: TenantCSV, file: String, mode: ImportErrorPolicy) throws(TenantError) -> ParsedUsers {
        guard let upnColumn = csv.column("UserPrincipalName") else {
            throw .badFile(file: file, reason: "no UserPrincipalName column; is this Get-CsOnlineUser | Export-Csv output?")
        }
        let col = (
            name: csv.column("DisplayName"), department: csv.column("Department"), city: csv.column("City"),
            country: csv.column("UsageLocation"), sip: csv.column("SipAddress"),
            effective: csv.column("TeamsUpgradeEffectiveMode"), policy: csv.column("TeamsUpgradePolicy"),
            userType: csv.column("InterpretedUserType"), hosting: csv.column("HostingProvider"),
            ev: csv.column("EnterpriseVoiceEnabled"), line: csv.column("LineURI")
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
                let upn = try r.upn("UserPrincipalName", f(upnColumn))
                guard seen.insert(UserDirectory.key(upn)).inserted else {
                    throw r.fail("UserPrincipalName", upn, "appears twice in the file")
                }
                let sip = f(col.sip)
                let user = User(
                    upn: upn, displayName: f(col.name), department: f(col.department), city: f(col.city),
                    country: f(col.country), homing: try homing(userType: f(col.userType), hostingProvider: f(col.hosting), r),
                    sipAddress: sip.isEmpty ? nil : sip,
                    enterpriseVoice: try r.bool("EnterpriseVoiceEnabled", f(col.ev), default: false),
                    phoneNumber: f(col.line), grantedPolicy: try r.policy("TeamsUpgradePolicy", f(col.policy)),
                    reportedEffectiveMode: try r.mode("TeamsUpgradeEffectiveMode", f(col.effective)))
                try r.checkHoming(user, field: "TeamsUpgradePolicy")
                parsed.append(user, line: record.line)
            } catch {
                try parsed.reject(error, mode: mode)
            }
        }
        return parsed
    }

    /// InterpretedUserType wins because it is what Microsoft derives from all homing attributes; HostingProvider
    /// is the fallback for exports from module versions that leave it empty. HostingProvider is `SRV:` for a
    /// user homed in Skype for Business Server, `sipfed.online.lync.com` (or a sovereign cloud's
    /// `sipfed.online.*`) for one homed online, and empty for a user with no SfB account, who is online too;
    /// any other value is refused, since guessing a home decides whether TeamsOnly is even allowed.
    static func homing(userType: String, hostingProvider: String, _ r: UserFieldReader) throws(TenantError) -> UserHoming {
        let provider = hostingProvider.lowercased()
        let onPremProvider = provider.hasPrefix("srv:")
        guard onPremProvider || provider.isEmpty || provider.hasPrefix("sipfed.online.") else {
            throw r.fail("HostingProvider", hostingProvider, "expected SRV: (homed on-premises), sipfed.online.lync.com (homed online) or empty")
        }
        if userType.lowercased().contains("hybridonprem") { return .onPremises }
        return onPremProvider ? .onPremises : .online
    }
}
