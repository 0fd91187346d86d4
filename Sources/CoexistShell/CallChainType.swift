/// The type of object a chain of calls returns, read from its text without running it: `cohort("Wave 1")`
/// is a Cohort, `calls:where{...}:by("building")` is still Calls, `rs:sort("n")` a ResultSet. Completion after
/// such a chain offers that type's members. Only what is known is answered; anything else is nil.
enum CallChainType {
    /// One step of a chain: a name, and whether it is called (`where{...}`, `cohort("x")`).
    struct Step: Equatable {
        var name: String
        var separator: Character?
        var called: Bool
    }

    /// `calls:where{modality="audio"}:by("x")` -> calls, :where(), :by(). Nil when the text is not a chain.
    static func steps(_ text: String) -> [Step]? {
        let chars = Array(text)
        var steps: [Step] = []
        var i = 0
        var separator: Character?
        while i < chars.count {
            var name = ""
            while i < chars.count, Completer.wordCharacters.contains(chars[i]) { name.append(chars[i]); i += 1 }
            guard !name.isEmpty else { return nil }
            var step = Step(name: name, separator: separator, called: false)
            while i < chars.count, chars[i] == "(" || chars[i] == "{" || chars[i] == "\"" || chars[i] == "'" {
                step.called = true
                if chars[i] == "\"" || chars[i] == "'" {
                    guard let end = chars[(i + 1)...].firstIndex(of: chars[i]) else { return nil }
                    i = end + 1
                } else {
                    guard let end = closing(chars, from: i) else { return nil }
                    i = end + 1
                }
            }
            steps.append(step)
            guard i < chars.count else { break }
            guard chars[i] == "." || chars[i] == ":" else { return nil }
            separator = chars[i]
            i += 1
        }
        return steps.isEmpty ? nil : steps
    }

    static func closing(_ chars: [Character], from open: Int) -> Int? {
        var depth = 0
        var quote: Character?
        var i = open
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\" { i += 1 } else if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "(" || c == "{" || c == "[" {
                depth += 1
            } else if c == ")" || c == "}" || c == "]" {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }

    /// Globals whose call returns an object of a known type.
    static let functionResults = ["cohort": "Cohort", "make_cohort": "Cohort", "user": "User", "result": "ResultSet",
                                  "route": "Route", "qer": "Review"]
    /// Methods that narrow and return their own type, so chains keep completing.
    static let sameType: [String: Set<String>] = [
        "Calls": ["where", "between", "poor", "by"],
        "ResultSet": ["sort", "where", "head", "select", "add", "pivot", "join", "format"],
        "Users": ["where"],
    ]

    /// What `method` of type `type` returns, from the known chains and from its documentation.
    static func result(of method: String, on type: String, doc: String?) -> String? {
        if sameType[type]?.contains(method) == true { return type }
        guard let doc else { return nil }
        if doc.contains("result set") { return "ResultSet" }
        if doc.contains("a Users selection") { return "Users" }
        return nil
    }
}
