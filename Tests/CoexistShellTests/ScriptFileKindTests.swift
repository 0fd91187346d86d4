@preconcurrency import Glibc
import Foundation
import Testing
@testable import CoexistLua
@testable import CoexistShell
import CoexistKit

/// Every reader that opens a script path itself (loadfile, dofile, require, package.searchpath, `.read` and
/// help()'s comment lookup) refuses a FIFO, a device and a directory before it opens it: fopen of a FIFO
/// waits for a writer forever, /dev/zero never ends, and a directory read as an error that named nothing.
@Suite(.serialized) struct ScriptFileKindTests {
    /// A directory holding `mod.lua` of the kind asked for (the device is /dev/zero itself, linked there).
    struct Place {
        let dir: String
        let path: String
        let kind: String
        /// What the refusal says the file is.
        let says: String
    }

    static let kinds = ["fifo", "device", "directory"]

    /// Makes the place; a writer thread opens a FIFO once a reader does and closes it at once, so a reader that
    /// opened it anyway sees an empty file (a wrong answer) instead of hanging the test run.
    func place(_ kind: String, _ name: String = #function) throws -> Place {
        let dir = TestFiles.temporaryPath("kinds-\(kind)-\(name.filter(\.isLetter))")
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/mod.lua"
        switch kind {
        case "fifo":
            #expect(mkfifo(path, 0o644) == 0)
            Thread.detachNewThread {
                let fd = open(path, O_WRONLY)
                if fd >= 0 { close(fd) }
            }
            return Place(dir: dir, path: path, kind: kind, says: "is a FIFO (named pipe), not a regular file")
        case "device":
            #expect(symlink("/dev/zero", path) == 0)
            return Place(dir: dir, path: path, kind: kind, says: "is a character device, not a regular file")
        default:
            #expect(mkdir(path, 0o755) == 0)
            return Place(dir: dir, path: path, kind: kind, says: "is a directory, not a regular file")
        }
    }

    /// Lets the FIFO's writer thread finish (it waits for a reader) and removes the place.
    func clean(_ p: Place) {
        if p.kind == "fifo" {
            let fd = open(p.path, O_RDONLY | O_NONBLOCK)
            if fd >= 0 { usleep(20_000); close(fd) }
        }
        try? FileManager.default.removeItem(atPath: p.dir)
    }

    func engine() throws -> LuaHarness { try LuaHarness(Workspace.empty(today: PlanDay(year: 2026, month: 11, day: 1)), install: { _, _ in }) }

    @Test(arguments: kinds) func loadfileRefuses(_ kind: String) throws {
        let p = try place(kind)
        defer { clean(p) }
        let lua = try engine()
        try lua.run("f, err = loadfile('\(p.path)')")
        #expect(try lua.value("f") == .nil)
        #expect(try lua.string("err") == "cannot open \(p.path): \(p.says)")
    }

    @Test(arguments: kinds) func dofileRefuses(_ kind: String) throws {
        let p = try place(kind)
        defer { clean(p) }
        let lua = try engine()
        let message = lua.error("dofile('\(p.path)')")
        #expect(message?.contains("cannot open \(p.path): \(p.says)") == true, "\(message ?? "ran")")
    }

    @Test(arguments: kinds) func requirePassesOverIt(_ kind: String) throws {
        let p = try place(kind)
        defer { clean(p) }
        let lua = try engine()
        let message = lua.error("package.path = '\(p.dir)/?.lua' require('mod')")
        #expect(message?.contains("module 'mod' not found") == true, "\(message ?? "loaded")")
        #expect(message?.contains("no file '\(p.path)' (cannot open \(p.path): \(p.says))") == true, "\(message ?? "loaded")")
    }

    @Test(arguments: kinds) func searchpathPassesOverIt(_ kind: String) throws {
        let p = try place(kind)
        defer { clean(p) }
        let lua = try engine()
        try lua.run("found, err = package.searchpath('mod', '\(p.dir)/?.lua')")
        #expect(try lua.value("found") == .nil)
        #expect(try lua.string("err") == "no file '\(p.path)' (cannot open \(p.path): \(p.says))")
    }

    /// A regular file next to it is still found, by the same rules as Lua's own searchpath.
    @Test func searchpathFindsTheRegularFileAfterIt() throws {
        let p = try place("fifo")
        defer { clean(p) }
        try "return 42\n".write(toFile: p.dir + "/other.lua", atomically: true, encoding: .utf8)
        let lua = try engine()
        try lua.run("found, err = package.searchpath('a.b', '\(p.dir)/mod.lua;\(p.dir)/none/?.lua;\(p.dir)/other.lua')")
        #expect(try lua.string("found") == p.dir + "/other.lua")
        try lua.run("package.path = '\(p.dir)/mod.lua;\(p.dir)/?.lua' answer = require('other')")
        #expect(try lua.value("answer") == .integer(42))
        // The separator and replacement arguments behave as Lua's: "a.b" with "." replaced by "/".
        #expect(try lua.string("select(2, package.searchpath('a.b', '\(p.dir)/?.lua'))") == "no file '\(p.dir)/a/b.lua'")
        #expect(try lua.string("select(2, package.searchpath('a.b', '\(p.dir)/?.lua', '.', '_'))") == "no file '\(p.dir)/a_b.lua'")
    }

    @Test(arguments: kinds) func dotReadRefuses(_ kind: String) throws {
        let p = try place(kind)
        defer { clean(p) }
        let shell = try makeShell()
        do {
            _ = try shell.readFile(p.path)
            Issue.record(".read \(p.path) was read")
        } catch {
            #expect("\(error)" == ".read: cannot open \(p.path): \(p.says)")
        }
    }

    /// help() of a function whose source file is now a FIFO, a device or a directory says where it was
    /// defined and reads no comments from it.
    @Test(arguments: kinds) func helpDoesNotReadIt(_ kind: String) throws {
        let p = try place(kind)
        defer { clean(p) }
        let lua = try engine()
        let out = try lua.output("help(load('return function() end', '@\(p.path)')())")
        #expect(out.contains("a Lua function defined at \(p.path):1"), "\(out)")
    }

    /// A script past `FileGate.maxScriptBytes` (64 MiB) is refused by size before Lua's parser holds it; the
    /// file is sparse, so the test writes nothing to disk.
    @Test func aScriptPast64MiBIsRefusedBySize() throws {
        let dir = TestFiles.temporaryPath("kinds-size")
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.lua"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("return 1\n".utf8)))
        #expect(truncate(path, off_t(FileGate.maxScriptBytes + 1)) == 0)
        let says = "cannot open \(path): it is \(FileGate.maxScriptBytes + 1) bytes; scripts past \(FileGate.maxScriptBytes) bytes (64 MiB) are refused"
        let lua = try engine()
        try lua.run("f, err = loadfile('\(path)')")
        #expect(try lua.value("f") == .nil)
        #expect(try lua.string("err") == says)
        #expect(lua.error("dofile('\(path)')")?.contains(says) == true)
        do { _ = try makeShell().readFile(path); Issue.record(".read of a 64 MiB script was read") } catch {
            #expect("\(error)" == ".read: " + says)
        }
        // One byte less passes the size check (and is then read as the Lua it is: "return 1" and zero bytes).
        #expect(truncate(path, off_t(FileGate.maxScriptBytes)) == 0)
        guard case .readable = FileGate.kind(of: path) else { Issue.record("refused at 64 MiB exactly"); return }
    }
}
