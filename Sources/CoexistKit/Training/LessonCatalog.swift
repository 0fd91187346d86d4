#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Where lessons are found: the shipped ones in `stdlib/training/`, then a trainer's own in
/// `$XDG_CONFIG_HOME/coexist/training/` (a trainer's lesson of the same name wins). A lesson's name is its
/// file name without `.lua`.
public struct LessonCatalog: Sendable {
    public let directories: [String]

    public init(directories: [String]) { self.directories = directories }

    public static func standard(stdlib: String?, environment: (String) -> String?) -> LessonCatalog {
        let home = environment("HOME") ?? "/tmp"
        let config = environment("XDG_CONFIG_HOME") ?? (home + "/.config")
        return LessonCatalog(directories: (stdlib.map { [$0 + "/training"] } ?? []) + [config + "/coexist/training"])
    }

    /// Every lesson by name, sorted, each with the file that defines it.
    public func lessons() -> [(name: String, path: String)] {
        var found: [String: String] = [:]
        for directory in directories {
            guard let dir = opendir(directory) else { continue }
            while let entry = readdir(dir) {
                let file = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard file.hasSuffix(".lua"), file.count > 4 else { continue }
                found[String(file.dropLast(4))] = directory + "/" + file
            }
            closedir(dir)
        }
        return found.keys.sorted().map { ($0, found[$0]!) }
    }

    public func path(of name: String) -> String? { lessons().first { $0.name == name }?.path }
}
