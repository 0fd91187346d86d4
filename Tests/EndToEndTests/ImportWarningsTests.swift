import Foundation
import Testing

/// What an import ignored or skipped is said on stderr, whether the import came from `--data` or from
/// `import_calls` at the prompt, and whatever the script does with the returned table.
@Suite struct ImportWarningsTests {
    /// A CQD export with a misspelt column, BOM and CRLF.
    static let export = "\u{FEFF}Conference Id,Start Time,Media Type,First Is Server,Second UPN,Second Subnett\r\n"
        + "conf-1,2026-10-05T09:00:12Z,Audio,Server,ann@contoso.com,10.1.1.0\r\n"
        + "conf-1,2026-10-05T09:00:40Z,Audio,Server,bob@contoso.com,10.1.1.0\r\n"

    @Test func dataFolderWarnsOfUnknownColumnsWithTheClosestName() throws {
        let home = try TestHome()
        _ = try home.write(Self.export, to: "tenant/streams.csv")
        let run = try PipedRun(["--norc", "--data", "\(home.root)/tenant", "-e", "print(#calls)"], home: home)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "2\n")
        #expect(run.stderr.contains("warning: \(home.root)/tenant/streams.csv: ignored unknown column: Second Subnett (did you mean 'Second Subnet'?)"),
                "\(run.stderr)")
    }

    @Test func importingTwiceWarnsOfTheDuplicatesSkipped() throws {
        let home = try TestHome()
        let path = try home.write(Self.export.replacingOccurrences(of: "Second Subnett", with: "Second Subnet"), to: "streams.csv")
        let run = try PipedRun(["--norc", "--empty"], input: """
            _ = import_calls('\(path)')
            local r = import_calls('\(path)'); print(r.imported, r.duplicates, #calls)

            """, home: home)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "0\t2\t2\n")
        #expect(run.stderr.contains("warning: \(path): skipped 2 duplicate streams (already imported)"), "\(run.stderr)")
        #expect(!run.stderr.contains("unknown column"))
    }
}
