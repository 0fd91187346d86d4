import Testing
@testable import CoexistLua
@testable import CoexistShell

/// `.numbers N|auto`: one number format for every result, user-built or built in.
@Suite(.serialized) struct NumbersCommandTests {
    let records = "result{{name='Ann', avg=2.345678}}"

    @Test func numbersSetsTheDecimalsOfEveryResult() throws {
        let run = try runShell([".mode line", records, ".numbers 4", records, ".numbers auto", records, ".show"])
        #expect(run.output.contains("avg = 2.35\n"))
        #expect(run.output.contains("avg = 2.3457\n"))
        #expect(run.output.contains("avg = 2.345678\n"))
        #expect(run.output.contains("numbers: auto"))
        #expect(!run.hadError)
    }

    @Test func numbersRefusesWhatItCannotUse() throws {
        for bad in [".numbers 13", ".numbers -1", ".numbers atuo", ".numbers"] {
            let run = try runShell([bad, ".mode line", records])
            #expect(run.hadError, "\(bad) was accepted")
            #expect(run.output.contains("avg = 2.35\n"), "\(bad) changed the setting")
        }
    }
}
