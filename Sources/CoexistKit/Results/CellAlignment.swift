/// Where text sits inside a fixed-width cell. Numbers align right so their digits line up by place.
public enum CellAlignment: Sendable, Equatable {
    case left, right, center

    init(_ type: ColumnType) {
        self = type == .int || type == .double ? .right : .left
    }

    /// Appends `text`, whose display width the caller already knows, padded to `width` cells.
    /// `style` wraps the text alone (ANSI bold), so escape codes never count toward the width.
    func append(_ text: String, textWidth: Int, width: Int, to out: inout String, style: (on: String, off: String)? = nil) {
        let gap = max(0, width - textWidth)
        let before: Int
        switch self {
        case .left: before = 0
        case .right: before = gap
        case .center: before = gap / 2
        }
        Self.appendSpaces(before, to: &out)
        if let style {
            out += style.on
            out += text
            out += style.off
        } else {
            out += text
        }
        Self.appendSpaces(gap - before, to: &out)
    }

    static func appendSpaces(_ count: Int, to out: inout String) {
        guard count > 0 else { return }
        out += count < runs.count ? runs[count] : String(repeating: " ", count: count)
    }

    /// Ready-made runs of spaces: padding is the hot loop when rendering thousands of rows.
    private static let runs: [String] = (0..<128).map { String(repeating: " ", count: $0) }
}
