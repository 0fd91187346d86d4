import Foundation
import Testing

/// Issue 12, item 5: writes fail loudly. Output that cannot be written (a full disk; /dev/full stands in for
/// one) ends the run with status 1 and a message naming what could not be written, and every file the product
/// saves goes through the one writer, so a save onto a full device is an error, never a quiet empty file.
@Suite struct LoudWriteTests {
    /// `coexist ARGS > /dev/full`, through a shell, with the status it ended with as the last line.
    func intoFullDisk(_ arguments: String, input: String = "", home: TestHome) throws -> PipedRun {
        let script = "\(CoexistBinary.path) \(arguments) > /dev/full; echo \"status=$?\" >&2"
        return try PipedRun(["--norc", "-c", script], executable: "/bin/bash", input: input, home: home, timeout: 30)
    }

    @Test func printingToAFullDiskExitsOneWithAMessage() throws {
        let home = try TestHome()
        _ = try home.write("print('from a script')\n", to: "report.lua")
        for (arguments, input) in [("--empty -e 'print(1)'", ""), ("--empty report.lua", ""), ("--empty", "print(1)\n"),
                                   ("--empty -e 'io.write(string.rep(\"x\", 100000))'", "")] {
            let run = try intoFullDisk(arguments, input: input, home: home)
            #expect(run.stderr.contains("coexist: cannot write standard output: No space left on device"), "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasSuffix("status=1\n"), "\(arguments): \(run.stderr)")
        }
    }

    @Test func outputToAFullDeviceExitsOneWithAMessage() throws {
        let home = try TestHome()
        for input in [".output /dev/full\nprint(1)\n", ".output /dev/full\nprint(1)\n.output\nprint(2)\n", ".once /dev/full\nprint(1)\nprint(2)\n"] {
            let run = try PipedRun(["--empty"], input: input, home: home)
            #expect(run.status == 1, "\(input)")
            #expect(run.stderr.contains("cannot write '/dev/full': No space left on device"), "\(input): \(run.stderr)")
            #expect(run.stderr.components(separatedBy: "cannot write").count == 2, "said once: \(run.stderr)")
        }
        let fine = try PipedRun(["--empty"], input: ".output /dev/null\nprint(1)\n.output\nprint(2)\n", home: home)
        #expect(fine.status == 0 && fine.stdoutLines == ["2"], "\(fine.stderr)")
    }

    /// Each way the product saves a file, aimed at NAME (a link to /dev/full, so the device's error is the
    /// disk's), with the file it writes there.
    static let savers: [(String, String)] = [
        ("calls:by('building'):summary():save('NAME.csv')", "NAME.csv"),
        ("calls:by('building'):summary():save('NAME.json')", "NAME.json"),
        ("calls:by('building'):summary():save('NAME.md')", "NAME.md"),
        ("calls:by('building'):summary():save('NAME.html')", "NAME.html"),
        ("calls:by('building'):summary():save('NAME.txt')", "NAME.txt"),
        ("calls:to_csv('NAME.csv')", "NAME.csv"),
        ("review.report{title='t'}:save('NAME.md')", "NAME.md"),
        ("review.report{title='t'}:save('NAME.html')", "NAME.html"),
        ("review.report{title='t'}:save('NAME.txt')", "NAME.txt"),
        ("review.report{title='t'}:save('NAME.csv')", "NAME.csv"),
        ("changes:powershell{path='plan.ps1', csv='NAME.csv'}", "NAME.csv"),
        ("cohort('Pilot'):powershell{path='NAME.ps1', csv=false}", "NAME.ps1"),
    ]

    @Test(arguments: savers.indices)
    func aSaveOntoAFullDeviceIsAnErrorNamingThePath(_ i: Int) throws {
        let (statement, file) = Self.savers[i]
        let home = try TestHome()
        let link = file.replacingOccurrences(of: "NAME", with: "full")
        try FileManager.default.createSymbolicLink(atPath: "\(home.root)/\(link)", withDestinationPath: "/dev/full")
        let run = try PipedRun(["--demo-size", "20", "-e", statement.replacingOccurrences(of: "NAME", with: "full")], home: home)
        #expect(run.status == 1, "\(statement) reported success")
        #expect(run.stderr.contains("cannot write '\(link)': No space left on device"), "\(statement): \(run.stderr)")
        let left = (try FileManager.default.contentsOfDirectory(atPath: home.root)).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "\(statement) left \(left)")
    }

    @Test func aPlanWithOneFileThatCannotBeWrittenReplacesNoneOfItsFiles() throws {
        let home = try TestHome()
        try FileManager.default.createSymbolicLink(atPath: "\(home.root)/full.csv", withDestinationPath: "/dev/full")
        _ = try home.write("old plan\n", to: "plan.ps1")
        let run = try PipedRun(["--demo-size", "20", "-e", "changes:powershell{path='plan.ps1', csv='full.csv'}"], home: home)
        #expect(run.status == 1)
        #expect(home.read("plan.ps1") == "old plan\n")
        #expect(home.read("plan.rollback.ps1") == nil && home.read("plan.verify.ps1") == nil)
    }
}
