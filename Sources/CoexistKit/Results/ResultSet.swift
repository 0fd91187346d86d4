/// One value in a result set. Missing data is `.null`, never zero.
public enum ResultValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// Seconds since the Unix epoch, UTC.
    case date(Double)

    public var isNumeric: Bool {
        switch self {
        case .int, .double: return true
        default: return false
        }
    }
}

/// The declared type of a column; renderers use it to align and format.
public enum ColumnType: String, Sendable, Equatable {
    case bool, int, double, string, date
}

public struct Column: Sendable, Equatable {
    public var name: String
    public var type: ColumnType
    /// Decimal places for `.double` columns in human-facing modes (table, markdown, line); nil means automatic.
    public var decimals: Int?
    /// Where cells sit; nil aligns by type (numbers right). A column of preformatted figures ("3.40 %")
    /// is text but reads best aligned right.
    public var alignment: CellAlignment?
    /// Cells whose text is a key are drawn in that tone (ANSI colour in a terminal, a class in HTML), as a
    /// review colours "misses" red; other cells are plain.
    public var tones: [String: CellTone]

    public init(_ name: String, _ type: ColumnType, decimals: Int? = nil, alignment: CellAlignment? = nil,
                tones: [String: CellTone] = [:]) {
        self.name = name
        self.type = type
        self.decimals = decimals
        self.alignment = alignment
        self.tones = tones
    }

    /// How this column's cells are aligned in every human mode.
    var cellAlignment: CellAlignment { alignment ?? CellAlignment(type) }
}

/// The one shape that queries, reviews and simulations hand back: named, typed columns and rows of values.
public struct ResultSet: Sendable, Equatable {
    public var columns: [Column]
    public var rows: [[ResultValue]]
    /// A short caption shown above the table by human-facing renderers ("poor streams by building").
    public var title: String?
    /// A catalogue (the fields of the call store, the modes, the policies, a help table): human modes show
    /// every row, never eliding the middle, and a missing value as an empty cell rather than NULL.
    public var isListing: Bool

    public init(columns: [Column], rows: [[ResultValue]] = [], title: String? = nil, isListing: Bool = false) {
        self.columns = columns
        self.rows = rows
        self.title = title
        self.isListing = isListing
    }

    public var count: Int { rows.count }

    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }
}
