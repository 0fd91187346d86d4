import Foundation
import Testing

/// Issue 15, items 1 to 3 and 5: `coexist train --check` on every shipped lesson and on the README's example,
/// refusals with the line, the sandbox a lesson runs in, the listing, and train() at the prompt.
@Suite struct TrainingCheckTests {
    static let shipped = ["hybrid", "islands-to-teamsonly", "qer", "routing"]

    static var stdlib: String {
        var dir = CoexistBinary.directory
        while dir.count > 1 {
            if FileManager.default.fileExists(atPath: dir + "/stdlib/trainer.lua") { return dir + "/stdlib" }
            dir = (dir as NSString).deletingLastPathComponent
        }
        return "stdlib"
    }

    @Test(arguments: shipped)
    func everyShippedLessonPassesItsCheck(_ name: String) throws {
        let home = try TestHome()
        let run = try PipedRun(["train", "--check", "\(Self.stdlib)/training/\(name).lua"], home: home, timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("steps pass with their reference answers"))
    }

    /// Skipping every step runs every reference answer at the prompt, and the lesson ends with its summary;
    /// the lesson says how long it takes (15 to 30 minutes, as the issue asks of the shipped ones).
    @Test(arguments: shipped)
    func everyShippedLessonEndsWithItsSummary(_ name: String) throws {
        let home = try TestHome()
        let run = try PipedRun(["train", name], input: String(repeating: ".skip\n", count: 12) + ".progress\n", home: home, timeout: 90)
        #expect(run.status == 0, "\(run.stderr)")
        let end = try #require(run.stdout.components(separatedBy: "Lesson complete: ").last)
        #expect(end.contains("What you"), "the summary: \(end)")
        #expect(run.stdout.contains("steps done (") && run.stdout.contains("skipped); finished."), "\(run.stdout.suffix(300))")
        let minutes = Int(try #require(run.stdout.firstMatch(of: /about (\d+) minutes/)?.1))
        #expect((15...30).contains(minutes ?? 0), "\(String(describing: minutes)) minutes")
    }

    @Test func theReadmeExampleIsALessonThatPasses() throws {
        let home = try TestHome()
        let readme = try String(contentsOfFile: (Self.stdlib as NSString).deletingLastPathComponent + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## Training\n").dropFirst().first)
        let code = try #require(section.components(separatedBy: "```lua\n").dropFirst().first?.components(separatedBy: "\n```").first)
        let path = try home.write(code + "\n", to: "readme-lesson.lua")
        let run = try PipedRun(["train", "--check", path], home: home, timeout: 30)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2 steps pass"))
    }

    static let good = """
        lesson{ title = "t", minutes = 15, teaches = "x", summary = "s" }
        step{
          narration = "n",
          task = "make x",
          answer = "x = 1",
          check = function(t, you) return you.vars.x == 1, "x is not 1" end,
          explain = "e",
        }

        """

    @Test func aStepWithoutACheckIsRefusedWithItsLine() throws {
        let home = try TestHome()
        let path = try home.write(Self.good + """
            step{
              narration = "n",
              task = "t",
              answer = "y = 2",
              explain = "e",
            }
            """, to: "broken.lua")
        let run = try PipedRun(["train", "--check", path], home: home)
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(path):9: step 2 has no 'check'"), "\(run.stderr)")
    }

    @Test func anUnknownFieldIsRefusedWithItsLineAndTheClosestName() throws {
        let home = try TestHome()
        let text = Self.good.replacingOccurrences(of: "  explain = \"e\",", with: "  explain = \"e\",\n  hnits = {\"h\"},")
        let path = try home.write(text, to: "typo.lua")
        let run = try PipedRun(["train", "--check", path], home: home)
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(path):8: unknown field 'hnits' in step 1 (did you mean 'hints'?)"), "\(run.stderr)")
    }

    @Test func aCheckThatFailsAfterItsAnswerIsNamed() throws {
        let home = try TestHome()
        let path = try home.write(Self.good.replacingOccurrences(of: "answer = \"x = 1\"", with: "answer = \"x = 2\""), to: "wrong.lua")
        let run = try PipedRun(["train", "--check", path], home: home)
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(path):2: step 1: the check does not pass after the reference answer: x is not 1"), "\(run.stderr)")
    }

    func lesson(answer: String) -> String {
        Self.good.replacingOccurrences(of: "answer = \"x = 1\"", with: "answer = [[\(answer); x = 1]]")
    }

    @Test func aLessonCannotWriteFilesUnderTheDefaultSandbox() throws {
        let home = try TestHome()
        let target = "\(home.root)/written.txt"
        let path = try home.write(lesson(answer: "io.open('\(target)', 'w'):write('x')"), to: "writer.lua")
        let run = try PipedRun(["train", "--check", path], home: home)
        #expect(run.status == 1)
        #expect(run.stderr.contains("writing files is disabled"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
        // --no-sandbox is the trainer's choice to lift it; --sandbox-dir the one directory it may write.
        let open = try PipedRun(["train", "--no-sandbox", "--check", path], home: home)
        #expect(open.status == 0, "\(open.stderr)")
        #expect(FileManager.default.fileExists(atPath: target))
        let room = "\(home.root)/room"
        try FileManager.default.createDirectory(atPath: room, withIntermediateDirectories: true)
        let inRoom = try home.write(lesson(answer: "io.open('\(room)/ok.txt', 'w'):write('x')"), to: "room.lua")
        let allowed = try PipedRun(["train", "--sandbox-dir", room, "--check", inRoom], home: home)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(room)/ok.txt"))
    }

    @Test func aLessonCannotRunProgramsUnderTheDefaultSandbox() throws {
        let home = try TestHome()
        let marker = "\(home.root)/ran"
        for (name, code) in [("execute", "os.execute('touch \(marker)')"), ("popen", "io.popen('touch \(marker)')")] {
            let path = try home.write(lesson(answer: code), to: "\(name).lua")
            let run = try PipedRun(["train", "--check", path], home: home)
            #expect(run.status == 1, "\(name)")
            #expect(run.stderr.contains("reference answer failed"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func theListingNamesEveryLessonWithTitleAndMinutes() throws {
        let home = try TestHome()
        _ = try home.write(Self.good, to: "config/coexist/training/mine.lua")
        let run = try PipedRun(["train"], home: home)
        #expect(run.status == 0, "\(run.stderr)")
        for name in Self.shipped + ["mine"] { #expect(run.stdout.contains("\n\(name) "), "\(name): \(run.stdout)") }
        #expect(run.stdout.contains("Where a chat or call lands"))
        #expect(run.stdout.contains("  20  "), "minutes")
    }

    @Test func unknownLessonsAndOptionsAreRefused() throws {
        let home = try TestHome()
        let lesson = try PipedRun(["train", "routng"], home: home)
        #expect(lesson.status == 1)
        #expect(lesson.stderr.contains("no lesson named 'routng' (did you mean 'routing'?)"), "\(lesson.stderr)")
        let option = try PipedRun(["train", "--no-sandbx", "routing"], home: home)
        #expect(option.status == 2)
        #expect(option.stderr.contains("unknown option '--no-sandbx' (did you mean '--no-sandbox'?)"), "\(option.stderr)")
    }

    @Test func trainAtThePromptRunsALessonAndGivesTheTenantBack() throws {
        let home = try TestHome()
        let input = """
            make_cohort("Mine", {department="Sales"})
            train("routing")
            print("cohorts in lesson:", #cohorts:names())
            SfB
            Teams
            .progress
            .quit
            print("cohorts after:", #cohorts:names())

            """
        let run = try PipedRun(["--demo-size", "300"], input: input, home: home, timeout: 60)
        #expect(run.stdout.contains("Step 1 of 7"), "\(run.stdout)")
        #expect(run.stdout.contains("cohorts in lesson:\t4"))
        #expect(run.stdout.contains("Not quite: not SfB."))
        #expect(run.stdout.contains("1 of 7 steps done; now on step 2"))
        #expect(run.stdout.contains("cohorts after:\t5"), "\(run.stdout)")
        #expect(home.read("state/coexist/training/routing.progress")?.hasPrefix("step=2\n") == true)
    }

    @Test func lessonCommandsOutsideALessonSaySo() throws {
        let home = try TestHome()
        let run = try PipedRun(["--empty"], input: ".hint\n", home: home)
        #expect(run.stderr.contains(".hint works inside a lesson"), "\(run.stderr)")
    }
}
