/// File names inside the strings of calls that take a path: `import_calls("`, `import_users("`, any
/// `import_*`, `rs:save("`, `q:to_csv("`, `dofile("`, and `{path="`, `{csv="` options.
public final class FileCompletionSource: CompletionSource {
    public init() {}

    static let pathFunctions: Set<String> = ["save", "to_csv", "dofile", "loadfile", "read_csv"]
    static let pathKeys: Set<String> = ["path", "csv", "file"]

    public func candidates(for context: CompletionContext) -> [String] {
        guard case .string(let function, let key) = context.kind else { return [] }
        if let key { return Self.pathKeys.contains(key) ? FileNames.matching(context.word) : [] }
        let name = function.map(TenantCompletionSource.lastName) ?? ""
        guard name.hasPrefix("import_") || Self.pathFunctions.contains(name) else { return [] }
        return FileNames.matching(context.word)
    }
}
