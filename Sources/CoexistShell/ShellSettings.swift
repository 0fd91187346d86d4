import CoexistKit

/// What the dot-commands change: how results look and how errors are handled.
public struct ShellSettings {
    public var render = RenderOptions(mode: .table, headers: true, maxRows: 40, nullValue: "NULL", color: false)
    public var timer = false
    /// Stop at the first error (scripts and piped input).
    public var bail = false
    /// Echo each statement before running it (useful in logs of piped input).
    public var echo = false
    /// Colour on terminals unless NO_COLOR is set.
    public var color = false

    public init() {}
}
