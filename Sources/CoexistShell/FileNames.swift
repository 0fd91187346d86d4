import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// File names for completing dot-command arguments: the entries of the directory named so far.
enum FileNames {
    static func matching(_ prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let dir = slash.map { String(prefix[...$0]) } ?? ""
        guard let d = opendir(dir.isEmpty ? "." : dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = directoryEntryName(entry)
            if name == "." || name == ".." { continue }
            let isDir = entry.pointee.d_type == UInt8(DT_DIR)
            names.append(dir + name + (isDir ? "/" : ""))
        }
        return names
    }
}
