/// The shell's display settings, passed whole to the renderer so every mode sees the same choices.
public struct RenderOptions: Sendable, Equatable {
    public var mode: OutputMode
    /// Whether column names are printed (ignored by json and line, which need names to make sense).
    public var headers: Bool
    /// Rows shown by the human modes before the middle is elided; 0 shows every row.
    /// Machine modes (csv, json) always write every row.
    public var maxRows: Int
    /// Text for NULL in the human modes; csv writes an empty field and json writes null.
    public var nullValue: String
    /// Bold headers with ANSI escapes; off by default so piped output stays clean.
    public var color: Bool
    /// The table is part of a larger document (a review's figures): table mode draws plain aligned columns
    /// indented two spaces, with no box and no row count, and markdown writes its rows unpadded.
    public var compact: Bool
    /// The widest a table may be, in terminal cells; 0 is no limit. The shell sets the terminal's width when
    /// printing to one, so wide text is cut with an ellipsis and columns that still do not fit are hidden.
    public var maxWidth: Int
    /// `.width`: a fixed width per column, in order; 0 (or a missing entry) sizes the column to its cells.
    public var columnWidths: [Int]
    /// Box-drawing characters for table mode; false draws with + - | so pipes and files stay ASCII.
    public var unicode: Bool
    /// The `.numbers` setting: decimal places for double columns that do not fix their own (built-in
    /// measures and `result{...}` alike); nil prints the shortest text, at most six significant digits.
    public var numbers: Int?

    /// The `.numbers` places a new shell starts with: two, as CQD's own reports show averages.
    public static let defaultNumbers = 2

    public init(
        mode: OutputMode = .table,
        headers: Bool = true,
        maxRows: Int = 40,
        nullValue: String = "NULL",
        color: Bool = false,
        compact: Bool = false,
        maxWidth: Int = 0,
        columnWidths: [Int] = [],
        unicode: Bool = true,
        numbers: Int? = RenderOptions.defaultNumbers
    ) {
        self.numbers = numbers
        self.mode = mode
        self.headers = headers
        self.maxRows = maxRows
        self.nullValue = nullValue
        self.color = color
        self.compact = compact
        self.maxWidth = maxWidth
        self.columnWidths = columnWidths
        self.unicode = unicode
    }
}
