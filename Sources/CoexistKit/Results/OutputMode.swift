/// How a result set is written out. The raw values double as the names users type (`.mode csv`).
public enum OutputMode: String, CaseIterable, Sendable {
    /// Boxed, aligned, elided: for reading at the terminal (box-drawing characters there, ASCII into a pipe or file).
    case table
    /// Table mode always drawn with Unicode box characters, wherever it goes.
    case box
    /// Table mode always drawn with + - | (for mail, logs and old terminals).
    case ascii
    /// RFC 4180, every row: for spreadsheets and scripts.
    case csv
    /// Tab-separated, every row, tabs, newlines and backslashes escaped as \t \n \\: for cut, awk and spreadsheets.
    case tsv
    /// An array of objects, every row: for jq and other programs.
    case json
    /// A GitHub table: for pasting into issues and reports.
    case markdown
    /// One `name = value` per line: for wide rows that do not fit across the screen.
    case line
    /// An escaped HTML table with its caption: for pasting into a page or mail (a saved .html file is a
    /// whole self-contained page around it).
    case html

    /// table, box and ascii: the boxed layout, differing only in the characters it is drawn with.
    public var isBoxed: Bool { self == .table || self == .box || self == .ascii }
}
