import CoexistKit
import CoexistLua
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The text of a script file, read whole so its dot-command lines can be found; nil for anything but a
/// readable regular file of valid UTF-8 (lua then reads it itself and reports what is wrong).
enum ScriptText {
    /// The script named on the command line (or by `#!`): the user's own choice, so read through the one
    /// reader (`RegularFile`, a regular file only) and not the sandbox's gate, as Lua's own loader would.
    static func read(_ path: String) -> String? {
        guard FileGate.kind(of: path) == .readable, case .success(let bytes) = RegularFile.bytes(path) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}
