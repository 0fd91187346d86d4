/// A cell's meaning for the eye: good (green), bad (red, bold in HTML), warning (amber), muted (dim).
/// Renderers that can show colour do; the others show the text alone, so no meaning lives in colour only.
public enum CellTone: String, Sendable, Equatable, CaseIterable {
    case good, bad, warning, muted

    /// The ANSI SGR sequence that starts the tone in a terminal.
    var ansi: String {
        switch self {
        case .good: return "\u{1B}[32m"
        case .bad: return "\u{1B}[31m"
        case .warning: return "\u{1B}[33m"
        case .muted: return "\u{1B}[2m"
        }
    }

    /// The class the html mode puts on a cell of this tone; HTMLRenderer.style colours it.
    var htmlClass: String { rawValue }
}
