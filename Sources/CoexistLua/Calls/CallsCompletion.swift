import CoexistKit

/// What Tab offers while writing a calls query: field names as `where{` keys and in `by("`/`top("`,
/// the values of closed-vocabulary fields inside `where{modality="`, measure names inside `summary{"`,
/// and fields after `row.`. Here rather than in the shell so the rules are testable with the bindings.
public enum CallsCompletion {
    /// `line` is the text up to the cursor. `function` is the call whose `(` or `{` encloses the word, and
    /// for a string literal `key` is the table field it is the value of (as the shell's completion context
    /// gives them).
    public static func candidates(line: String, word: String, inString: Bool, function: String?, key: String?,
                                  memberBase: String? = nil, buildings: BuildingFile? = nil) -> [String] {
        if let base = memberBase {
            return rowNames.contains(base) ? fieldNames : []
        }
        if inString {
            let fn = function.map(lastName) ?? ""
            if let key, fn == "where" { return values(of: key, buildings) }
            switch fn {
            case "by", "top": return CallsDimensions.all
            case "summary": return CallMeasure.allNames
            case "where": return fieldNames
            default: return []
            }
        }
        guard let callee = function, lastName(callee) == "where",
              isKeyPosition(line, wordLength: word.count) else { return [] }
        return fieldNames
    }

    static let rowNames: Set<String> = ["r", "row", "s", "stream"]
    static var fieldNames: [String] { CallField.allCases.map(\.rawValue) + UserDimension.allCases.map(\.rawValue) }

    static func values(of key: String, _ buildings: BuildingFile?) -> [String] {
        guard let f = try? CallField.named(key) else { return [] }
        if let v = f.values { return v }
        guard let b = buildings?.buildings else { return f.type == .bool ? ["true", "false"] : [] }
        switch f {
        case .building: return b.map(\.name)
        case .city: return Array(Set(b.map(\.city)))
        case .country: return Array(Set(b.map(\.country)))
        case .region: return Array(Set(b.map(\.region)))
        default: return []
        }
    }

    static func lastName(_ dotted: String) -> String {
        String(dotted.split(whereSeparator: { $0 == "." || $0 == ":" }).last ?? "")
    }

    /// The word starts a key: right after `{` or `,` (spaces allowed), not after `=`.
    static func isKeyPosition(_ line: String, wordLength: Int) -> Bool {
        let before = line.dropLast(wordLength).reversed().first { $0 != " " }
        return before == "{" || before == ","
    }
}
