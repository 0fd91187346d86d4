/// Everything the tenant model refuses, with a message a shell user can act on.
public enum TenantError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A mode, policy, client, cohort or field name that does not exist; `suggestion` is the nearest valid one.
    case unknownName(kind: String, name: String, suggestion: String?)
    case unknownUser(String)
    /// A row of an import file that could not be read.
    case badRow(file: String, line: Int, field: String, value: String, reason: String)
    case badFile(file: String, reason: String)
    /// A line of an import file that cannot be read at all (its encoding, its number of fields).
    case badLine(file: String, line: Int, reason: String)
    /// A change that breaks a rule of "Grant-CsTeamsUpgradePolicy" and "Upgrade from Skype for Business Server to Teams: considerations"; nothing was changed.
    case refused(String)
    case nothingToUndo

    public var description: String {
        switch self {
        case let .unknownName(kind, name, suggestion):
            if let s = suggestion { return "unknown \(kind) '\(name)' (did you mean '\(s)'?)" }
            return "unknown \(kind) '\(name)'"
        case let .unknownUser(upn): return "unknown user '\(upn)'"
        case .badRow, .badFile, .badLine: return importError.description
        case let .refused(why): return "refused: \(why)"
        case .nothingToUndo: return "nothing to undo"
        }
    }

    /// An import file's refusal in the one format every importer uses (`ImportError`).
    public var importError: ImportError {
        switch self {
        case let .badRow(file, line, field, value, reason): return ImportError(file: file, line: line, field: field, value: value, message: reason)
        case let .badFile(file, reason): return ImportError(file: file, message: reason)
        case let .badLine(file, line, reason): return ImportError(file: file, line: line, message: reason)
        default: return ImportError(file: "", message: description)
        }
    }

    /// An import's refusal from the shared readers (`CSVRecordReader`), as the tenant reports it.
    init(_ e: ImportError) {
        if let line = e.line, let field = e.field {
            self = .badRow(file: e.file, line: line, field: field, value: e.value ?? "", reason: e.message)
        } else if let line = e.line {
            self = .badLine(file: e.file, line: line, reason: e.message + (e.value.map { ": " + ImportError.show($0) } ?? ""))
        } else {
            self = .badFile(file: e.file, reason: e.message)
        }
    }
}
