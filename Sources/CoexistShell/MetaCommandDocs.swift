/// What `.help CMD` says beyond the one-line summary: the whole behaviour and examples to copy. Every
/// dot-command has an entry (MetaCommandHelpTests walks them). Each setting can also be set from Lua
/// (`shell.mode = "csv"`) and on the command line where one exists (`--mode csv`).
enum MetaCommandDocs {
    struct Entry {
        let details: String
        let examples: [String]
    }

    static let entries: [String: Entry] = base.merging(TrainingCommands.docs) { a, _ in a }

    static let base: [String: Entry] = [
        "help": Entry(details: """
            With no argument, lists every dot-command with its usage. With a name (with or without the dot), \
            explains that command in full. For the Lua side, help() lists the builtins and help(x) explains x, \
            including any method: help(calls.where), help("calls:where").
            """, examples: [".help", ".help mode", ".help .width"]),
        "quit": Entry(details: """
            Leaves the shell, as Ctrl-D at an empty prompt does. Inside a lesson the progress is kept, so \
            `coexist train NAME` resumes at the same step; a lesson started with train() at the prompt ends and \
            the shell's own tenant comes back (a second .quit leaves the shell). `exit` or `quit` typed alone also leave. \
            In a script or -e code it is refused: a script ends at its last line.
            """, examples: [".quit"]),
        "exit": Entry(details: "Leaves the shell; the same as .quit.", examples: [".exit"]),
        "save": Entry(details: """
            Writes the whole workspace (how its tenant started, every change in the log, the plan, streams, \
            buildings, devices, training progress) to FILE, an SQLite database any SQLite tool can read (the \
            README shows its tables). The file is written beside FILE, synced and renamed into place, so a \
            failure leaves an old FILE whole. Saving the file the shell has open only checkpoints it. The same \
            as save(FILE) in Lua.
            """, examples: [".save contoso.db"]),
        "open": Entry(details: """
            Opens a workspace file written by .save: the tenant is made again and its change log replayed, the \
            streams read from their tables. The prompt shows the file's name. From then on every change \
            (moves, cohort edits, imports, undo, plan edits) is committed to the file before the shell reports \
            it, so a killed process loses nothing it confirmed. The file is locked: a second shell is refused \
            unless it opens with --readonly, which reads without locking or changing anything. A file that is \
            not a workspace, is damaged, or comes from a newer coexist is refused and left unchanged.
            """, examples: [".open contoso.db", ".open contoso.db --readonly"]),
        "mode": Entry(details: """
            Sets how result sets print. table: boxed and aligned, the middle of long results elided, drawn \
            with box characters on a terminal and with + - | into a pipe or file; box: always box characters; \
            ascii: always + - |; csv: RFC 4180, every row; tsv: tab-separated, every row, tabs and newlines \
            inside values written \\t and \\n; json: an array of objects; markdown: a GitHub table; line: one \
            name = value per line, for wide rows; html: an escaped <table>. With no argument, prints the \
            current mode. Also --mode MODE on the command line and shell.mode = "csv" in Lua.
            """, examples: [".mode csv", ".mode line", ".mode box", "coexist --mode tsv -e 'calls:by(\"building\"):summary()'"]),
        "headers": Entry(details: """
            Whether column names are printed in table, csv, tsv, markdown and html modes (json and line \
            always name their values). Also --headers / --no-headers and shell.headers = false.
            """, examples: [".headers off", ".headers on"]),
        "maxrows": Entry(details: """
            Results longer than N rows show their first and last rows with the middle elided, as DuckDB's \
            shell does (in table, markdown, line and html modes; csv, tsv and json always write every row). \
            0 shows every row. Listings such as calls:fields() and modes() always show every row. Also \
            --maxrows N and shell.maxrows = N.
            """, examples: [".maxrows 100", ".maxrows 0"]),
        "maxwidth": Entry(details: """
            The widest a table may be, in columns. auto (the default) fits tables to the terminal they print \
            on and leaves pipes and files unlimited. When a table is wider, long text columns are cut with an \
            ellipsis, then the columns that still do not fit are hidden and a line under the table names \
            them; a single row prints in line mode instead. 0 lifts the limit everywhere; a number applies \
            to terminals, pipes and files alike.
            """, examples: [".maxwidth 120", ".maxwidth 0", ".maxwidth auto"]),
        "width": Entry(details: """
            Fixes the width of the first columns of table mode, in order: longer cells are cut with an \
            ellipsis, shorter ones padded. 0 leaves a column automatic. With no numbers, every column is \
            automatic again. Also shell.width = {12, 0, 30}.
            """, examples: [".width 20 0 12", ".width"]),
        "nullvalue": Entry(details: """
            The text printed for a missing value in table, markdown, line and html modes (csv and tsv write an \
            empty field, json null). Listings print missing values as empty cells. Also --nullvalue TEXT.
            """, examples: [".nullvalue -", ".nullvalue \"\""]),
        "numbers": Entry(details: """
            Decimal places for numbers in every result whose column does not fix its own, built-in summaries \
            and result{...} alike, so both print the same way (default 2). auto prints the shortest text, at \
            most six significant digits. csv and json always keep every digit. A column's own format \
            (rs:format{col=N}) wins. Also shell.numbers = 3.
            """, examples: [".numbers 3", ".numbers auto", "rs:format{poor_pct=1}"]),
        "pager": Entry(details: """
            Sends results shown at a terminal through $PAGER (less -FRX when it is not set), as psql does. \
            on: every result; auto: results taller than the terminal; off (the default): never. Output to a \
            pipe, a file or .output never goes through the pager. Not available with --sandbox.
            """, examples: [".pager auto", ".pager on", "PAGER=more coexist"]),
        "timer": Entry(details: "After each statement, prints \"Run Time: N s\" on standard error.", examples: [".timer on"]),
        "bail": Entry(details: """
            With piped input, .read files and scripts: stop at the first statement that fails, and exit 1. \
            At the prompt errors never end the session.
            """, examples: [".bail on", "coexist < job.lua  # with .bail on as its first line"]),
        "echo": Entry(details: """
            Prints each statement (and dot-command) on standard output before its output, so a log of piped \
            input reads like a session. The echo never goes into .output or .once files, so the CSV written \
            there stays clean.
            """, examples: [".echo on", "printf '.echo on\\n1+1\\n' | coexist"]),
        "read": Entry(details: """
            Runs a file of statements and dot-commands as if typed; errors name the file and line. Files may \
            .read other files (up to 16 deep).
            """, examples: [".read weekly.lua", ".read \"my setup.lua\""]),
        "output": Entry(details: """
            Sends everything printed (results, print, io.write) to FILE until .output alone brings it back to \
            standard output. Tables written to a file are drawn in ASCII and not cut to a width unless asked \
            (.mode box, .maxwidth N).
            """, examples: [".output poor.csv", ".output"]),
        "once": Entry(details: "Like .output, for the next statement only.", examples: [".once qer.md", ".mode csv", ".once buildings.csv"]),
        "show": Entry(details: """
            Lists every setting (mode, headers, maxrows, maxwidth, width, nullvalue, pager, timer, bail, \
            echo) and where output goes now: standard output (a terminal or not), an .output file or a \
            .once file. From Lua: shell.mode, shell.output and the other fields of shell.
            """, examples: [".show"]),
    ]
}
