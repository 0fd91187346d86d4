import Foundation
import Testing

/// Issue 15, item 5: every shipped lesson driven end to end at a real terminal (libedit on a pseudo-terminal)
/// with scripted input: a wrong answer, .hint, the right answer, .quit, a resume at the same step on a rebuilt
/// tenant, .reset and .progress.
@Suite struct TrainingTerminalTests {
    struct Script: Sendable, CustomStringConvertible {
        let lesson: String
        let steps: Int
        let wrong: String
        /// What the lesson prints for that wrong answer.
        let refusal: String
        let right: String
        var description: String { lesson }
    }

    static let lessons: [Script] = [
        Script(lesson: "routing", steps: 7, wrong: "SfB", refusal: "Not quite: not SfB.", right: "Teams"),
        Script(lesson: "hybrid", steps: 7, wrong: "users:count()", refusal: "Not yet: the last value is not Wave 3's on-premises count",
               right: #"users:where{cohort="Wave 3", homing="on-premises"}:count()"#),
        Script(lesson: "islands-to-teamsonly", steps: 9, wrong: "1 + 1", refusal: "Not yet: the cohorts table is not among your results yet",
               right: "cohorts:table()"),
        Script(lesson: "qer", steps: 9, wrong: "calls:count()", refusal: "Not yet: no result by building yet",
               right: #"calls:poor():top("building", 5)"#),
    ]

    @Test(arguments: lessons)
    func aLessonAtATerminal(_ script: Script) throws {
        let home = try TestHome()
        // A lesson runs sandboxed: its progress is kept only in the directory the trainer names.
        let room = try home.room()
        let term = try PseudoTerminal(arguments: ["train", "--sandbox-dir", room, script.lesson], environment: home.environment())
        try term.waitFor("Step 1 of \(script.steps)", timeout: 30)
        try term.waitForPrompt("contoso> ", timeout: 30)
        term.type(script.wrong)
        try term.waitFor(script.refusal, timeout: 30)
        term.type(".hint")
        try term.waitFor("Hint 1 of")
        term.type(script.right)
        try term.waitFor("✓", timeout: 30)
        try term.waitFor("Step 2 of \(script.steps)", timeout: 30)
        try term.waitForPrompt("contoso> ", timeout: 30)
        term.type(".quit")
        try term.waitFor("resumes at step 2")
        #expect(term.waitForExit(timeout: 10) == 0)
        #expect(home.read("room/coexist-training/\(script.lesson).progress")?.hasPrefix("step=2\n") == true)

        // Resumed: the same step, on a tenant rebuilt from step 1's reference answer.
        let again = try PseudoTerminal(arguments: ["train", "--sandbox-dir", room, script.lesson], environment: home.environment())
        try again.waitFor("Resuming", timeout: 30)
        try again.waitFor("at step 2 of \(script.steps)", timeout: 30)
        try again.waitForPrompt("contoso> ", timeout: 30)
        again.type(".progress")
        try again.waitFor("1 of \(script.steps) steps done; now on step 2")
        again.type(".reset")
        try again.waitFor("Step 1 of \(script.steps)", timeout: 30)
        again.type(".progress")
        try again.waitFor("0 of \(script.steps) steps done; now on step 1")
        again.type(".quit")
        #expect(again.waitForExit(timeout: 10) == 0)
        #expect(home.read("room/coexist-training/\(script.lesson).progress")?.hasPrefix("step=1\n") == true)
    }

    @Test func aResumedLessonSeesTheTenantItsEarlierStepsMade() throws {
        let home = try TestHome()
        let room = try home.room()
        let term = try PseudoTerminal(arguments: ["train", "--sandbox-dir", room, "hybrid"], environment: home.environment())
        try term.waitForPrompt("contoso> ", timeout: 30)
        term.type(".skip")
        try term.waitFor("Step 2 of 7", timeout: 30)
        term.type(#"cohort("Wave 3"):move("SfBWithTeamsCollabAndMeetings")"#)
        try term.waitFor("Step 3 of 7", timeout: 30)
        term.type(".quit")
        #expect(term.waitForExit(timeout: 10) == 0)
        let again = try PseudoTerminal(arguments: ["train", "--sandbox-dir", room, "hybrid"], environment: home.environment())
        try again.waitFor("at step 3 of 7", timeout: 30)
        try again.waitForPrompt("contoso> ", timeout: 30)
        again.type(#"print("modes:", users:where{cohort="Wave 3", mode="SfBWithTeamsCollabAndMeetings"}:count())"#)
        try again.waitFor("modes:\t700", timeout: 30)
        again.type(".progress")
        try again.waitFor("1 of 7 steps done (1 skipped)")
        again.type(".back")
        try again.waitFor("Step 2 of 7", timeout: 30)
        again.type(#"print("back:", users:where{cohort="Wave 3", mode="SfBWithTeamsCollabAndMeetings"}:count())"#)
        try again.waitFor("back:\t0", timeout: 30)
        again.type(".quit")
        #expect(again.waitForExit(timeout: 10) == 0)
    }
}
