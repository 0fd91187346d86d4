import CoexistLua

/// The dot-commands a lesson adds (`.hint .task .progress .skip .back .reset`, and what `.quit` means inside
/// one), and the two hooks the loop calls: after each statement, and for a question's typed answer.
enum TrainingCommands {
    static func lesson(_ shell: Shell, _ command: String) throws -> TrainingSession {
        guard let lesson = shell.training else {
            throw MetaCommandError(".\(command) works inside a lesson: `coexist train` or train() lists them")
        }
        return lesson
    }

    static func runner(_ name: String) -> @Sendable (Shell, [String]) throws -> MetaOutcome {
        { shell, _ in
            let lesson = try lesson(shell, name)
            do { lesson.update(shell, try lesson.trainer.command(name)) } catch { throw MetaCommandError("\(error)") }
            return .proceed
        }
    }

    static let all: [MetaCommand] = [
        MetaCommand(name: "hint", usage: ".hint", help: "in a lesson: the next hint, then the answer", run: runner("hint")),
        MetaCommand(name: "task", usage: ".task", help: "in a lesson: say the task again", run: runner("task")),
        MetaCommand(name: "progress", usage: ".progress", help: "in a lesson: steps done, of how many", run: runner("progress")),
        MetaCommand(name: "skip", usage: ".skip", help: "in a lesson: skip the step (its answer is run for you)", run: runner("skip")),
        MetaCommand(name: "back", usage: ".back", help: "in a lesson: back to the previous step") { shell, _ in
            let lesson = try lesson(shell, "back")
            do { try lesson.back(shell) } catch { throw MetaCommandError("\(error)") }
            return .proceed
        },
        MetaCommand(name: "reset", usage: ".reset", help: "in a lesson: start it again on a fresh tenant") { shell, _ in
            let lesson = try lesson(shell, "reset")
            do { try lesson.reset(shell) } catch { throw MetaCommandError("\(error)") }
            return .proceed
        },
    ]

    static let docs: [String: MetaCommandDocs.Entry] = [
        "hint": .init(details: """
            Inside a lesson: the step's next hint; after the last hint, the reference answer (the code a trainee \
            would type). Outside a lesson it is an error.
            """, examples: [".hint"]),
        "task": .init(details: "Inside a lesson: prints the step's task again (after a long result scrolled it away).", examples: [".task"]),
        "progress": .init(details: """
            Inside a lesson: how many steps are done, of how many, how many were skipped, and the step you are on. \
            Progress is saved after every step in $XDG_STATE_HOME/coexist/training/NAME.progress.
            """, examples: [".progress"]),
        "skip": .init(details: """
            Inside a lesson: marks the step skipped and runs its reference answer for you, so the steps after it \
            find the tenant they expect; .progress counts it as skipped.
            """, examples: [".skip"]),
        "back": .init(details: """
            Inside a lesson: goes back one step. The tenant is rebuilt fresh and the reference answers of the steps \
            before it are replayed, so it is as it was when you reached that step.
            """, examples: [".back"]),
        "reset": .init(details: """
            Inside a lesson: starts it again from the first step on a fresh demo tenant and clears its saved progress.
            """, examples: [".reset"]),
    ]

    /// `.quit`: leaves the shell, except in a lesson begun with train() at the prompt, which ends (progress kept)
    /// and gives the shell its own tenant back.
    static func quit(_ shell: Shell) -> MetaOutcome {
        guard let lesson = shell.training else { return .quit }
        if shell.trainingFromPrompt {
            lesson.end(shell)
            shell.training = nil
            shell.write("Left the lesson; your progress is kept (train(\"\(lesson.name)\") resumes it). Your tenant is back.\n")
            return .proceed
        }
        shell.write(lesson.status.finished ? "" : "Progress kept: `coexist train \(lesson.name)` resumes at step \(lesson.status.step).\n")
        return .quit
    }

    /// At a question, a line with a call, an assignment or a table runs as Lua, so a trainee can look before
    /// answering; anything else ("Teams", "Wave 2", "Move-CsUser", "73") is the answer.
    static func looksLikeLua(_ line: String) -> Bool {
        line.contains { "(={[".contains($0) }
    }

    static func answer(_ shell: Shell, _ line: String) {
        guard let lesson = shell.training else { return }
        do { lesson.update(shell, try lesson.trainer.answer(line)) } catch { shell.fail("coexist: \(error)") }
    }

    static func afterStatement(_ shell: Shell) {
        if let pending = shell.pendingLesson {
            shell.pendingLesson = nil
            if let running = shell.training {
                running.end(shell)
                shell.training = nil
            }
            do { try Training.start(pending.name, in: shell, demoUsers: pending.demoUsers, fromPrompt: true) }
            catch { shell.fail("coexist: \(error)") }
            return
        }
        guard let lesson = shell.training, !lesson.status.finished, !lesson.status.question else { return }
        do { lesson.update(shell, try lesson.trainer.after()) } catch { shell.fail("coexist: \(error)") }
    }
}
