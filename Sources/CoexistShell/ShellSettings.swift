import CoexistKit

/// What the dot-commands change: how results look and how errors are handled.
public struct ShellSettings {
    public var render = RenderOptions(mode: .table, headers: true, maxRows: 40, nullValue: "NULL", color: false)
    /// `.maxwidth auto` (the default): tables fit the terminal they print to; a number in
    /// `render.maxWidth` applies everywhere otherwise (0: no limit).
    public var autoWidth = true
    public var pager = PagerMode.off
    public var timer = false
    /// Stop at the first error (scripts and piped input).
    public var bail = false
    /// Echo each statement before running it (useful in logs of piped input).
    public var echo = false
    /// Colour on terminals unless NO_COLOR is set.
    public var color = false

    public init() {}
}

/// `.pager`: whether results shown at a terminal go through $PAGER.
public enum PagerMode: String, CaseIterable, Sendable {
    /// Never.
    case off
    /// Every result shown while standard output is a terminal.
    case on
    /// Results longer than the terminal is high.
    case auto
}
