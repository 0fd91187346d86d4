/// How a result set is written out. The raw values double as the names users type (`.mode csv`).
public enum OutputMode: String, CaseIterable, Sendable {
    /// Boxed, aligned, elided: for reading at the terminal.
    case table
    /// RFC 4180, every row: for spreadsheets and scripts.
    case csv
    /// An array of objects, every row: for jq and other programs.
    case json
    /// A GitHub table: for pasting into issues and reports.
    case markdown
    /// One `name = value` per line: for wide rows that do not fit across the screen.
    case line
    /// An escaped HTML table with its caption: for pasting into a page or mail (a saved .html file is a
    /// whole self-contained page around it).
    case html
}
