@preconcurrency import Glibc
import Testing
import CoexistKit
@testable import CoexistLua

/// Importers read regular files only: a FIFO used to hang the import, /dev/zero to exhaust memory, and a
/// directory got "Is a directory" or Foundation's "error 256". Each is refused at once, naming the file.
@Suite(.serialized) struct NonRegularFileLuaTests {
    /// A FIFO of this test's own (parallel cases each get one), and a directory of its own holding a file, so
    /// the directory case never depends on what other tests put in or take out of /tmp.
    static func fifo() -> String {
        let path = "/tmp/coexist-fifo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        unlink(path)
        mkfifo(path, 0o600)
        return path
    }

    static func directory() -> String {
        let path = "/tmp/coexist-dir-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        mkdir(path, 0o700)
        let f = fopen(path + "/records.json", "wb")!
        fputs("{}", f)
        fclose(f)
        return path
    }

    @Test("a FIFO, a device and a directory are refused by every importer, without waiting", arguments: [
        "import_buildings", "import_devices", "import_calls",
    ])
    func refused(_ builtin: String) throws {
        let lua = try CallsLua(streams: 20)
        let before = lua.store.count
        for (path, why) in [(Self.fifo(), "is a FIFO (named pipe), not a regular file"),
                            ("/dev/zero", "is a character device, not a regular file"),
                            (Self.directory(), "is a directory")] {
            if builtin == "import_calls" && why == "is a directory" { continue }   // a folder of Graph files is allowed
            let e = lua.error("\(builtin)('\(path)')")
            #expect(e?.contains(path) == true && e?.contains(why) == true, "\(builtin)('\(path)'): \(e ?? "no error")")
        }
        #expect(lua.store.count == before)
    }

    @Test("an empty file name is refused by every importer, saying so")
    func emptyName() throws {
        let lua = try CallsLua(streams: 20)
        for builtin in ["import_buildings", "import_devices", "import_calls"] {
            let e = lua.error("\(builtin)('')")
            #expect(e?.contains("the file name is empty") == true, "\(builtin)(''): \(e ?? "no error")")
        }
        let users = try TenantLua().error("import_users('')")
        #expect(users?.contains("the file name is empty") == true, "import_users(''): \(users ?? "no error")")
        #expect(lua.store.count == 20)
    }

    @Test("import_users refuses a FIFO, a device and a directory at once, naming the file")
    func users() throws {
        let lua = try TenantLua()
        for (path, why) in [(Self.fifo(), "is a FIFO (named pipe), not a regular file"),
                            ("/dev/zero", "is a character device, not a regular file"), (Self.directory(), "is a directory")] {
            let e = lua.error("import_users('\(path)')")
            #expect(e?.contains(path) == true && e?.contains(why) == true, "\(path): \(e ?? "no error")")
        }
    }

    @Test("a cohort's members from a FIFO are refused, and from a file with bad UTF-8 name the line")
    func cohortMembers() throws {
        let lua = try TenantLua()
        let fifo = Self.fifo()
        #expect(lua.error("make_cohort('F', '\(fifo).csv')") != nil)
        let path = "/tmp/coexist-badutf8-\(getpid()).csv"
        let f = fopen(path, "wb")!
        fputs("upn\n", f); fputc(0xE9, f); fputs("@contoso.com\n", f)
        fclose(f)
        let e = lua.error("make_cohort('Bad', '\(path)')")
        #expect(e?.contains("\(path):2: not UTF-8") == true, "\(e ?? "no error")")
    }
}
