import Foundation
import Testing
@testable import CoexistKit

/// Issue 12, item 5: a write reaches its target whole or not at all, and loudly. Failures are injected through
/// `FileSystemCalls` as a full disk or a failing device gives them, and through /dev/full itself.
@Suite struct AtomicFileTests {
    func directory() throws -> String {
        let dir = NSTemporaryDirectory() + "coexist-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    func leftovers(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".tmp") }
    }

    @Test func replacesTheWholeFileKeepingItsPermissionsAndLeavesNoTemporary() throws {
        let dir = try directory()
        let path = dir + "/plan.ps1"
        try "old text that is longer than the new one\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o640)
        try AtomicFile.write("new\n", to: path)
        #expect(read(path) == "new\n")
        var st = stat()
        stat(path, &st)
        #expect(st.st_mode & 0o777 == 0o640)
        #expect(leftovers(dir).isEmpty)
    }

    @Test func aSymbolicLinkKeepsPointingAtTheReplacedFile() throws {
        let dir = try directory()
        try "old\n".write(toFile: dir + "/real.csv", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: dir + "/real.csv")
        try AtomicFile.write("new\n", to: dir + "/link.csv")
        #expect(read(dir + "/real.csv") == "new\n")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.csv")) == dir + "/real.csv")
    }

    /// Each step a full or failing disk can refuse, the errno it gives.
    static let failures: [(String, FileSystemCalls)] = {
        let posix = FileSystemCalls.posix
        var write = posix, sync = posix, close = posix, rename = posix
        write.write = { _, _, _ in errno = ENOSPC; return -1 }
        sync.fsync = { _ in errno = EIO; return -1 }
        close.close = { fd in _ = Glibc.close(fd); errno = ENOSPC; return -1 }
        rename.rename = { _, _ in errno = EXDEV; return -1 }
        return [("write", write), ("fsync", sync), ("close", close), ("rename", rename)]
    }()

    @Test(arguments: failures.indices)
    func aFailingStepLeavesTheOldFileAndNamesThePath(_ i: Int) throws {
        let (step, system) = Self.failures[i]
        let dir = try directory()
        let path = dir + "/rollback.ps1"
        try "the old file\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: AtomicFile.Failure.self, "\(step)") { try AtomicFile.write("x", to: path, system: system) }
        do { try AtomicFile.write("x", to: path, system: system) } catch let e as AtomicFile.Failure {
            #expect(e.description.hasPrefix("cannot write '\(path)': "), "\(step): \(e)")
        }
        #expect(read(path) == "the old file\n", "\(step) changed the old file")
        #expect(leftovers(dir).isEmpty, "\(step) left \(leftovers(dir))")
    }

    @Test func aSmallWriteToAFullDeviceIsAnError() throws {
        #expect(throws: AtomicFile.Failure(path: "/dev/full", reason: "No space left on device")) {
            try AtomicFile.write("a small save\n", to: "/dev/full")
        }
    }

    @Test func aMissingDirectoryOrADirectoryTargetIsAnErrorNamingThePath() throws {
        let dir = try directory()
        #expect(throws: AtomicFile.Failure(path: dir + "/no/such.csv", reason: "No such file or directory")) {
            try AtomicFile.write("x", to: dir + "/no/such.csv")
        }
        #expect(throws: AtomicFile.Failure(path: dir, reason: "it is a directory")) { try AtomicFile.write("x", to: dir) }
    }

    @Test func theCSVWriterGoesThroughIt() throws {
        let dir = try directory()
        let path = dir + "/streams.csv"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: AtomicFile.Failure.self) { try CSVWriter.write(CallStore(), to: "/dev/full") }
        try CSVWriter.write(CallStore(), to: path)
        #expect(read(path)?.hasPrefix("call_id,") == true, "\(read(path) ?? "")")
        #expect(leftovers(dir).isEmpty)
    }
}
