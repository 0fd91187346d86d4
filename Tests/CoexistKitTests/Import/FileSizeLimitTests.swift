import Foundation
import Testing
@testable import CoexistKit

/// Every importer refuses a file past `RegularFile.maxBytes` (4 GiB) before it reads a byte of it, naming the
/// file and the limit. The files are sparse: their size is what is checked, so they take no disk.
@Suite("import: the largest file an import reads")
struct FileSizeLimitTests {
    static func sparse(_ name: String, bytes: Int) throws -> String {
        let path = NSTemporaryDirectory() + "coexist-sparse-\(UUID().uuidString)-\(name)"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("Call Id,Start Time\n".utf8)))
        #expect(truncate(path, off_t(bytes)) == 0)
        return path
    }

    @Test("a streams CSV, a users CSV and a building or device file one byte past 4 GiB are refused, the store unchanged")
    func pastTheLimit() throws {
        let path = try Self.sparse("big.csv", bytes: RegularFile.maxBytes + 1)
        defer { unlink(path) }
        let says = "is \(RegularFile.maxBytes + 1) bytes; files past \(RegularFile.maxBytes) bytes (4 GiB) are refused"
        var store = CallStore()
        do { try store.importCSV(path: path); Issue.record("a file past 4 GiB was imported") } catch {
            #expect("\(error)" == "\(path): \(says)", "\(error)")
        }
        #expect(store.count == 0)
        var t = TestTenant.make()
        let before = t
        do { try t.importUsers(path: path); Issue.record("a users file past 4 GiB was imported") } catch {
            #expect("\(error)".contains(path) && "\(error)".contains(says), "\(error)")
        }
        #expect(t == before)
        // The building file and the device catalogue (import_buildings, import_devices, --data) read through this.
        do { _ = try CallsFile.read(path); Issue.record("a building file past 4 GiB was read") } catch {
            #expect("\(error)".contains(path) && "\(error)".contains(says), "\(error)")
        }
    }

    @Test("a file of exactly 4 GiB is not refused for its size")
    func atTheLimit() throws {
        #expect(RegularFile.maxBytes == 4 << 30)
        let path = try Self.sparse("edge.csv", bytes: RegularFile.maxBytes)
        defer { unlink(path) }
        switch RegularFile.open(path) {
        case .success(let o):
            close(o.fd)
            #expect(o.size == RegularFile.maxBytes)
        case .failure(let r): Issue.record("refused at the limit: \(r)")
        }
    }
}
