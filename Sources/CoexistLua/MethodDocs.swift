import CoexistKit

/// An example for every method of every host object type, keyed "Type:method": help(calls.where),
/// help(cohort("Pilot").move) and help("calls:where") print the method's signature and description (its
/// declared doc) and this example. MethodDocsTests walks every registered type and fails for a method
/// without an entry, so a new method cannot ship undocumented.
public enum MethodDocs {
    public static let examples: [String: String] = [
        "Calls:where": #"calls:where{modality="audio", connection="wifi", jitter_ms={">", 30}}:count()"#,
        "Calls:between": #"calls:between("2026-10-01", "2026-10-31"):poor():count()"#,
        "Calls:poor": #"calls:poor():top("building", 5)"#,
        "Calls:by": #"calls:where{modality="audio"}:by("building", "month"):summary()"#,
        "Calls:summary": #"calls:by("building"):summary{"streams", "poor", "audio_poor_pct"}"#,
        "Calls:top": #"calls:poor():top("subnet", 10, "poor", {min_streams=50})"#,
        "Calls:count": #"calls:where{building="LON-1"}:count()"#,
        "Calls:rows": #"for row in calls:poor():rows() do print(row.start, row.building, row.jitter_ms) break end"#,
        "Calls:to_csv": #"calls:where{building="LON-1"}:to_csv("lon-1-streams.csv")"#,
        "Calls:fields": "calls:fields()",
        "Calls:measures": "calls:measures()",
        "ResultSet:rows": #"for r in calls:by("building"):summary():rows() do print(r.building, r.streams) end"#,
        "ResultSet:column": #"calls:by("building"):summary():column("streams")"#,
        "Scenario:run": #"r = require("scenarios.sample"):run{runs=10}"#,
        "Scenario:preview": #"print(require("scenarios.sample"):preview())"#,
        "Scenario:apply": #"require("scenarios.sample"):apply{dry_run=true}"#,
        "ScenarioResult:summary": #"print(require("scenarios.sample"):run():summary())"#,
        "ScenarioResult:violations": #"print(require("scenarios.bigbang"):run():violations())"#,
        "ScenarioResult:chart": #"print(require("scenarios.sample"):run():chart("missed", "interop", {width=72}))"#,
        "ScenarioResult:save": #"require("scenarios.sample"):run{runs=5}:save("plan.html")"#,
        "Comparison:chart": #"print(compare(require("scenarios.sample"), require("scenarios.bigbang")):chart("tickets"))"#,
        "Sweep:chart": #"print(sweep{scenario=require("scenarios.sample"), param="imitation", values={0.05, 0.1, 0.2}}:chart("missed"))"#,
        "ResultSet:sort": #"calls:by("building"):summary():sort("audio_poor_pct", "desc", "building")"#,
        "ResultSet:where": #"calls:by("building"):summary():where(function(r) return r.streams >= 100 end)"#,
        "ResultSet:head": #"calls:by("building"):summary():sort("streams", "desc"):head(5)"#,
        "ResultSet:select": #"calls:by("building"):summary():select("building", "streams")"#,
        "ResultSet:add": #"calls:by("building"):summary():add("share", function(r) return r.streams / 1000 end)"#,
        "ResultSet:pivot": #"calls:by("building", "modality"):summary():pivot{rows="building", cols="modality", value="streams"}"#,
        "ResultSet:join": #"calls:by("building"):summary():join(readiness(), "building")"#,
        "ResultSet:format": #"calls:by("building"):summary():format{audio_poor_pct=1}"#,
        "ResultSet:save": #"calls:by("building"):summary():save("buildings.csv")"#,
        "ResultSet:chart": #"calls:by("week"):summary():chart{y="audio_poor_pct", kind="line"}"#,
        "Review:findings": #"qer{period="2026-10"}:findings()"#,
        "Review:figures": #"qer{period="2026-10"}:figures()"#,
        "Review:figure": #"qer{period="2026-10"}:figure("audio_poor_pct").status"#,
        "Review:save": #"qer{period="2026-10"}:save("qer-2026-10.html")"#,
        "Tenant:set_global": #"tenant:set_global("SfBWithTeamsCollab", {on="2027-03-01", dry_run=true})"#,
        "Tenant:set_wan": #"tenant:set_wan("NYC-1", 500); print(tenant:wan())"#,
        "Tenant:wan": #"tenant:wan():where(function(r) return r.source == "set_wan" end)"#,
        "Tenant:as_of": #"tenant:as_of("2026-12-01"):cohort("Wave 1")"#,
        "Tenant:undo": #"cohort("Pilot"):move("TeamsOnly"); tenant:undo()"#,
        "Tenant:save": #"tenant:save("contoso.db")"#,
        "Tenant:fork": #"local what_if = tenant:fork("what-if"); what_if:cohort("Wave 2"):move("TeamsOnly")"#,
        "Tenant:user": #"tenant:user("ann.smith@contoso.com").mode"#,
        "Tenant:cohort": #"tenant:cohort("Pilot"):summary()"#,
        "Tenant:route": #"tenant:route{from="ann.smith@contoso.com", to={mode="Islands"}, client="teams"}"#,
        "Tenant:routing_matrix": #"tenant:routing_matrix{by="mode"}"#,
        "TenantAsOf:user": #"tenant:as_of("2026-12-01"):user("ann.smith@contoso.com").mode"#,
        "TenantAsOf:cohort": #"tenant:as_of("2026-12-01"):cohort("Wave 1"):summary()"#,
        "TenantAsOf:route": #"tenant:as_of("2027-01-15"):route{from="ann.smith@contoso.com", to={mode="SfBOnly"}}"#,
        "TenantAsOf:routing_matrix": #"tenant:as_of("2027-01-15"):routing_matrix{by="cohort"}"#,
        "date:format": #"date("2026-10-01"):format("%A %d %B %Y")"#,
        "date:add": #"date("2026-10-01"):add(2, "weeks")"#,
        "User:move": #"users:get("ann.smith@contoso.com"):move("TeamsOnly", {on="2027-02-01", reason="pilot"})"#,
        "Route:table": #"route{from="ann.smith@contoso.com", to={mode="Islands"}}:table()"#,
        "Cohorts:table": "cohorts:table()",
        "Cohorts:names": "cohorts:names()",
        "Cohorts:each": "for c in cohorts:each() do print(c.name, #c:members()) end",
        "Users:where": #"users:where{department="Sales"}:count()"#,
        "Users:count": #"users:where{homing="online"}:count()"#,
        "Users:rows": #"for u in users:where{department="Sales"}:rows() do print(u.upn, u.mode) end"#,
        "Users:table": #"users:where{department="Sales"}:table()"#,
        "Users:upns": #"users:where{department="Sales"}:upns()"#,
        "Users:get": #"users:get("ann.smith@contoso.com")"#,
        "Users:move": #"users:where{department="Sales"}:move("TeamsOnly", {on="2027-02-01", dry_run=true})"#,
        "Cohort:members": #"cohort("Pilot"):members():table()"#,
        "Cohort:move": #"cohort("Pilot"):move("TeamsOnly", {on="2027-02-01", reason="pilot done"})"#,
        "Cohort:summary": #"cohort("Wave 1"):summary("department")"#,
        "Cohort:readiness": #"cohort("Wave 1"):readiness{period="2026-10", min_streams=20}"#,
        "Cohort:add": #"cohort("Pilot"):add{department="Finance"}"#,
        "Cohort:remove": #"cohort("Pilot"):remove{"ann.smith@contoso.com"}"#,
        "Cohort:delete": #"cohort("Wave 3"):delete()"#,
        "Cohort:powershell": #"cohort("Wave 1"):powershell{path="wave1.ps1", whatif=true}"#,
        "ChangeReport:table": #"cohort("Pilot"):move("TeamsOnly", {dry_run=true}):table()"#,
        "ChangeReport:summary": #"cohort("Pilot"):move("TeamsOnly", {dry_run=true}):summary()"#,
        "Changes:table": "changes:table()",
        "Changes:powershell": #"changes:powershell{path="changes.ps1", whatif=true}"#,
        "Plan:status": "plan:status()",
        "Plan:steps": #"plan:steps("Pilot")"#,
        "Plan:late": "plan:late()",
        "Plan:step": #"plan:step("Pilot", 5):done{note="kickoff held"}"#,
        "Plan:template": #"plan:template("basic", {on="2027-03-01"})"#,
        "Plan:role": #"plan:role("Quality Champion", {team="Service Desk", contact="ann.smith@contoso.com", signed_off=true})"#,
        "Plan:roles": "plan:roles()",
        "Plan:flags": "plan:flags()",
        "Plan:goal": #"plan:goal{name="internal audio", measure=calls:where{modality="audio", inside=true}, figure="audio_poor_pct", target="<= 2", by="2027-03-01"}"#,
        "Plan:goals": "plan:goals()",
        "Plan:remove_goal": #"plan:goal{template="overall drops"}; plan:remove_goal("overall drops")"#,
        "Plan:goal_templates": "plan:goal_templates()",
        "Plan:risk": #"plan:risk{title="SBC capacity", likelihood=3, impact=4, mitigation="add a second SBC", owner="Telephony Operations"}"#,
        "Plan:risks": "plan:risks{open=true}",
        "Plan:risks_from": #"plan:risks_from(require("scenarios.bigbang"):run():violations())"#,
        "Plan:timeline": #"print(plan:timeline{width=100})"#,
        "PlanStep:done": #"plan:step("Plan", 1):done{note="stakeholders named"}"#,
        "PlanStep:doing": #"plan:step("Prepare", 2):doing{}"#,
        "PlanStep:todo": #"plan:step("Plan", 1):todo{}"#,
        "PlanStep:skip": #"plan:step("Deploy", 3):skip{note="covered by the Message Center digest"}"#,
        "PlanStep:set": #"plan:step("Pilot", 1):set{owner="Service Owner", due="2026-12-20"}"#,
        "Ops:tasks": "ops:tasks()",
        "Ops:assign": #"ops:assign("Drive remediation", "Network Operations")"#,
        "Ops:calendar": #"ops:calendar{from="2027-02-01", to="2027-02-28"}"#,
        "Ops:today": "ops:today()",
        "Ops:check": "ops:check()",
    ]

    /// A method's whole help: its declared doc (signature, then description) and its example.
    static func text(type: String, method: String, doc: String) -> String {
        var text = "\(type):\(method)\n"
        // Declared docs read "signature: description"; split at the first ": " after the closing bracket.
        if let split = signatureEnd(doc) {
            text += "  " + doc[..<split].trimmingSpaces + "\n\n"
            text += "  " + doc[doc.index(split, offsetBy: 2)...].trimmingSpaces + "\n"
        } else {
            text += "  " + doc + "\n"
        }
        if let example = examples["\(type):\(method)"] { text += "\nExample:\n  " + example + "\n" }
        return String(text.dropLast())
    }

    /// Where the signature ends: the first "): " or "}: " (the call's closing bracket and the colon after it).
    private static func signatureEnd(_ doc: String) -> String.Index? {
        var depth = 0
        var index = doc.startIndex
        while index < doc.endIndex {
            let c = doc[index]
            if c == "(" || c == "{" { depth += 1 }
            if c == ")" || c == "}" { depth -= 1 }
            if c == ":" && depth == 0, doc[doc.index(after: index)...].hasPrefix(" "), index > doc.startIndex,
               ")}".contains(doc[doc.index(before: index)]) {
                return index
            }
            index = doc.index(after: index)
        }
        return nil
    }
}
