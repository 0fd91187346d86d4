import CLuaBridge
import CoexistKit
import CoexistLua
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `coexist train` (list the lessons), `coexist train NAME` (run one), `coexist train --check FILE`.
public enum TrainingRequest: Equatable {
    case list
    case start(String)
    case check(String)
}

enum Training {
    static func environment(_ name: String) -> String? { XDGPaths.env(name) }

    static func catalog(_ engine: LuaEngine) -> LessonCatalog {
        LessonCatalog.standard(stdlib: engine.options.stdlibPath, environment: environment)
    }

    /// Where a lesson's progress is kept: $XDG_STATE_HOME/coexist/training; under --sandbox only inside
    /// --sandbox-dir (its `coexist-training` folder), and nowhere without one: a training room's sandbox writes
    /// no file outside the directory the trainer named (issue 12, item 1).
    static func store(_ gate: FileGate) -> TrainingProgressStore? {
        guard gate.sandboxed else { return TrainingProgressStore.standard(environment: environment) }
        return gate.writeDirectory.map { TrainingProgressStore(directory: $0 + "/coexist-training") }
    }

    static func trainer(_ shell: Shell) throws -> Trainer {
        let width = TerminalSize.of(STDOUT_FILENO)?.columns ?? 80
        return try Trainer(engine: shell.engine, width: width, color: shell.settings.color && isatty(STDOUT_FILENO) != 0) { [unowned shell] text in
            shell.write(text)
        }
    }

    /// The lessons as a listing: name, title, minutes, what it teaches; a lesson that does not load is listed
    /// with its error (a trainer's half-written lesson must not hide the others).
    static func list(_ shell: Shell) -> String {
        let lessons = catalog(shell.engine).lessons()
        guard !lessons.isEmpty else { return "no lessons found (stdlib/training, $XDG_CONFIG_HOME/coexist/training)\n" }
        guard let trainer = try? trainer(shell) else { return "the lesson runner was not found\n" }
        var rows: [[String]] = [["lesson", "title", "minutes", "teaches"]]
        for lesson in lessons {
            do {
                let info = try trainer.load(lesson.path)
                rows.append([lesson.name, info.title, String(info.minutes), info.teaches])
            } catch {
                rows.append([lesson.name, "(does not load: \(error))", "", ""])
            }
        }
        let widths = (0..<3).map { c in rows.map { $0[c].count }.max() ?? 0 }
        var out = ""
        for row in rows {
            var line = ""
            for c in 0..<3 { line += row[c] + String(repeating: " ", count: widths[c] - row[c].count + 2) }
            out += line + row[3] + "\n"
        }
        return out + "Start one with `coexist train NAME` (or train(\"NAME\") at the prompt).\n"
    }

    /// Starts lesson `name` in `shell`; `fromPrompt` keeps the shell's tenant to put back at the end.
    static func start(_ name: String, in shell: Shell, demoUsers: Int, fromPrompt: Bool) throws {
        let lessons = catalog(shell.engine).lessons()
        guard let path = lessons.first(where: { $0.name == name })?.path else {
            throw LuaError("no lesson named '\(name)'" + didYouMean(name, lessons.map(\.name)) + "; coexist train lists them")
        }
        let trainer = try trainer(shell)
        let info = try trainer.load(path)
        let clock = shell.workspace.clock
        let session = TrainingSession(trainer: trainer, name: name, info: info, store: store(shell.engine.files),
                                      previous: fromPrompt ? shell.workspace.fork() : nil) {
            Workspace.demo(users: demoUsers, clock: clock)
        }
        shell.training = session
        shell.trainingFromPrompt = fromPrompt
        do { try session.begin(shell) } catch {
            shell.training = nil
            session.end(shell)
            throw error
        }
    }

    /// `--check FILE`: validates the lesson, then runs every step's reference answer and check on the fresh
    /// tenant; 0 when every check passes, 1 with the first failure (file:line) on stderr.
    static func check(_ path: String, in shell: Shell) -> Int32 {
        do {
            let trainer = try trainer(shell)
            let info = try trainer.load(path)
            if let failure = try trainer.checkAll() {
                shell.fail(failure)
                return 1
            }
            shell.write("\(path): ok, \(info.steps) steps pass with their reference answers\n")
            return 0
        } catch {
            shell.fail("\(error)")
            return 1
        }
    }

    /// `train("NAME")` at the prompt (and `train()`, the list): the lesson starts once the statement is done.
    static func install(_ shell: Shell, demoUsers: Int) {
        shell.engine.register("train", doc: """
            train([name]): starts a guided lesson on a fresh demo tenant (yours comes back at .quit); with no name, \
            lists the lessons. Inside a lesson: .hint .task .progress .skip .back .reset .quit.
            Example: train("routing")
            """) { [unowned shell] call in
            guard let name = try call.optString(1) else {
                shell.write(list(shell))
                return 0
            }
            guard catalog(shell.engine).path(of: name) != nil else {
                throw LuaError("no lesson named '\(name)'" + didYouMean(name, catalog(shell.engine).lessons().map(\.name)) + "; train() lists them")
            }
            shell.pendingLesson = (name, demoUsers)
            return 0
        }
    }
}
