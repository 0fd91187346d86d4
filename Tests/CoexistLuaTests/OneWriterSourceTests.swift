import Foundation
import Testing

/// Issue 10, item 8: every file the product writes goes through the one writer (`ResultFiles.create` asks the
/// write gate, then `AtomicFile` writes), so no write can skip the sandbox or lose data quietly. This reads the
/// sources and fails on any other way of opening a file for writing in the libraries and the shell.
@Suite struct OneWriterSourceTests {
    static let sources: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Sources").path
    }()

    /// Ways of opening a file for writing, and the files allowed to use them (the writer itself; the history
    /// file, appended by libedit's own encoding and asked of the gate when the session starts).
    static let openers = [#"fopen("#, "O_CREAT", "O_WRONLY", ".write(to", "createFile(", "FileHandle(forWriting", "H_SAVE"]
    static let allowed: Set<String> = ["CoexistKit/Files/AtomicFile.swift", "CEditLine/shim.h", "CoexistShell/EditLineReader.swift"]

    @Test func nothingButTheWriterOpensAFileForWriting() throws {
        var offenders: [String] = []
        let files = FileManager.default.enumerator(atPath: Self.sources)?.compactMap { $0 as? String } ?? []
        #expect(files.contains("CoexistKit/Files/AtomicFile.swift"), "sources not found at \(Self.sources)")
        for file in files where (file.hasSuffix(".swift") || file.hasSuffix(".h") || file.hasSuffix(".c"))
            && !file.hasPrefix("coexist-bench/") && !Self.allowed.contains(file) {
            let text = try String(contentsOfFile: Self.sources + "/" + file, encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.components(separatedBy: "//").first ?? ""
                for opener in Self.openers where code.contains(opener) {
                    // Reading is fine: fopen(path, "r").
                    if opener == #"fopen("# && code.contains(#""r")"#) { continue }
                    offenders.append("\(file):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }
}
