import CLuaBridge
import CoexistKit
import CoexistLua
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// One lesson running in a shell: the runner, where progress is kept, and how to make the fresh tenant a
/// `.reset`, `.back` or resume starts from. Progress is saved after every step.
final class TrainingSession {
    let trainer: Trainer
    let name: String
    /// Nil under --sandbox without --sandbox-dir: progress is not kept (said once, when the lesson begins).
    let store: TrainingProgressStore?
    let info: Trainer.Info
    /// The shell's tenant before `train()` at the prompt; put back when the lesson ends. Nil under `coexist train`.
    let previous: Workspace?
    private let fresh: () -> Workspace
    private(set) var status = Trainer.Status(step: 1, skipped: [], finished: false, question: false)
    /// The workspace file the shell had open when the lesson began: the lesson's tenant does not write to it,
    /// but its progress is kept there too (issue 17 item 5), and the file is given back when the lesson ends.
    private var parkedFile: WorkspaceFile?

    init(trainer: Trainer, name: String, info: Trainer.Info, store: TrainingProgressStore?, previous: Workspace?, fresh: @escaping () -> Workspace) {
        self.trainer = trainer
        self.name = name
        self.info = info
        self.store = store
        self.previous = previous
        self.fresh = fresh
    }

    /// Starts at the saved step (a finished lesson starts again), on a fresh tenant.
    func begin(_ shell: Shell) throws {
        parkedFile = shell.workspace.detachFile()
        if store == nil {
            fputs("coexist: --sandbox without --sandbox-dir writes no file: this lesson's progress is not saved\n", bridge_stderr())
        }
        var progress = (try? parkedFile?.trainingProgress())?[name] ?? store?.load(name) ?? TrainingProgress()
        if progress.step > info.steps { progress = TrainingProgress() }
        try go(shell, to: progress.step, skipped: progress.skipped)
    }

    func go(_ shell: Shell, to step: Int, skipped: [Int]) throws {
        shell.workspace.restore(from: fresh())
        status = try trainer.start(name: name, at: step, skipped: skipped)
        save(shell)
    }

    func update(_ shell: Shell, _ new: Trainer.Status) {
        status = new
        save(shell)
    }

    private func save(_ shell: Shell) {
        let progress = TrainingProgress(step: status.step, skipped: status.skipped)
        do {
            try store?.save(progress, for: name)
            try parkedFile?.setTrainingProgress(progress, lesson: name)
        } catch { shell.fail("coexist: progress not saved: \(error)") }
    }

    /// `.back`: the previous step, on a tenant rebuilt up to it.
    func back(_ shell: Shell) throws {
        try go(shell, to: max(1, status.step - 1), skipped: status.skipped.filter { $0 < status.step - 1 })
    }

    /// `.reset`: the lesson from its first step on a fresh tenant, progress cleared.
    func reset(_ shell: Shell) throws {
        store?.clear(name)
        try? parkedFile?.setTrainingProgress(nil, lesson: name)
        try go(shell, to: 1, skipped: [])
    }

    /// Ends the lesson (progress kept); `train()` at the prompt gets its tenant back.
    func end(_ shell: Shell) {
        trainer.stop()
        if let previous { shell.workspace.restore(from: previous) }
        shell.workspace.attachFile(parkedFile)
        parkedFile = nil
    }
}
