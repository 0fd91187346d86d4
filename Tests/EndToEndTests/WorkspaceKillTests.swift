@preconcurrency import Glibc
import Foundation
import Testing

/// Issue 17 item 2: a shell with a workspace open, killed (SIGKILL) at random points of a scripted session,
/// loses no change it had confirmed; a second shell on the same workspace is refused.
@Suite(.serialized) struct WorkspaceKillTests {
    /// A shell on `file` fed one statement at a time; `confirmed` is what it has printed so far.
    final class LiveShell {
        let process = Process()
        let input = Pipe(), output = Pipe()
        var seen = ""

        init(_ arguments: [String], home: TestHome) throws {
            process.executableURL = URL(fileURLWithPath: CoexistBinary.path)
            process.arguments = arguments
            process.environment = home.environment()
            process.currentDirectoryURL = URL(fileURLWithPath: home.root)
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

        /// Waits until `marker` is on standard output (false after 20 s or when the shell ended).
        func waitFor(_ marker: String) -> Bool {
            let deadline = Date().addingTimeInterval(20)
            while !seen.contains(marker) {
                guard Date() < deadline else { return false }
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { return seen.contains(marker) }
                seen += String(decoding: chunk, as: UTF8.self)
            }
            return true
        }

        func kill9() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The effective day of each change in the file, as a read-only shell lists them.
    func effectiveDays(_ file: String, home: TestHome) throws -> [String] {
        let run = try PipedRun(["--open", file, "--readonly", "--mode", "csv", "--no-headers", "-e", "changes:table()"], home: home, timeout: 60)
        #expect(run.status == 0, Comment(rawValue: run.stderr))
        return run.stdout.split(separator: "\n").map { String($0.split(separator: ",")[4]) }
    }

    @Test func aKillAtAnyPointLosesNoConfirmedChange() throws {
        let home = try TestHome()
        let file = home.root + "/kill.db"
        let made = try PipedRun(["--demo-size", "40", "-e", "save('kill.db')"], home: home, timeout: 60)
        #expect(made.status == 0, Comment(rawValue: made.stderr))
        var rng = SystemRandomNumberGenerator()
        var model: [String] = []  // the effective day of every confirmed change, in order
        var day = 1
        for iteration in 0..<50 {
            let shell = try LiveShell(["-q", file], home: home)
            let steps = Int.random(in: 1...4, using: &rng)
            var inFlight: (undo: Bool, day: String)?
            for step in 0..<steps {
                let undo = !model.isEmpty && Int.random(in: 0..<4, using: &rng) == 0
                let d = String(format: "2027-%02d-%02d", 1 + (day / 28) % 12, 1 + day % 28)
                let marker = "confirmed-\(iteration)-\(step)"
                if undo {
                    shell.send("undo(); print('\(marker)')")
                } else {
                    day += 1
                    shell.send("tenant:set_global('SfBWithTeamsCollab', {on='\(d)'}); print('\(marker)')")
                }
                inFlight = (undo, d)
                // Kill on the last step at a random moment: before, during or after the change commits.
                if step == steps - 1 && Bool.random(using: &rng) {
                    usleep(UInt32.random(in: 0...30_000, using: &rng))
                    break
                }
                #expect(shell.waitFor(marker), "iteration \(iteration): no confirmation of step \(step)")
                if undo { model.removeLast() } else { model.append(d) }
                inFlight = nil
            }
            shell.kill9()
            let stored = try effectiveDays(file, home: home)
            // Every confirmed change is there; the one in flight at the kill may or may not be.
            var allowed = [model]
            if let f = inFlight { allowed.append(f.undo ? Array(model.dropLast()) : model + [f.day]) }
            #expect(allowed.contains(stored), "iteration \(iteration): file has \(stored), confirmed \(model)")
            model = stored
        }
    }

    @Test func aSecondShellOnTheSameWorkspaceIsRefused() throws {
        let home = try TestHome()
        let file = home.root + "/two.db"
        _ = try PipedRun(["--demo-size", "20", "-e", "save('two.db')"], home: home, timeout: 60)
        let first = try LiveShell(["-q", file], home: home)
        first.send("print('first-ready')")
        #expect(first.waitFor("first-ready"))
        let second = try PipedRun([file, "-e", "print('should not run')"], home: home, timeout: 60)
        #expect(second.status != 0)
        #expect(second.stderr.contains("is open in another coexist shell"))
        #expect(!second.stdout.contains("should not run"))
        let view = try PipedRun(["--open", file, "--readonly", "-e", "print(#changes)"], home: home, timeout: 60)
        #expect(view.status == 0)
        #expect(view.stdout.contains("0"))
        first.kill9()
    }
}
