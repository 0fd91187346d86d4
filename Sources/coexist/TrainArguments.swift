import CoexistLua
import CoexistShell
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The arguments after `coexist train`. A lesson runs in the sandbox of `--sandbox` unless `--no-sandbox`
/// (a trainer showing something the sandbox forbids); on a fresh demo tenant whatever --data or --empty say.
enum TrainArguments {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static let options = ["--check", "--no-sandbox", "--sandbox-dir"]

    static func apply(_ args: [String], to config: inout SessionConfig) throws {
        var name: String?
        var check: String?
        var sandbox = true
        var sandboxDir: String?
        var i = 0
        while i < args.count {
            let a = args[i]
            switch a {
            case "--check":
                guard i + 1 < args.count else { throw Failure(description: "--check needs a lesson FILE") }
                check = args[i + 1]
                i += 1
            case "--no-sandbox": sandbox = false
            case "--sandbox-dir":
                guard i + 1 < args.count else { throw Failure(description: "--sandbox-dir needs a DIR") }
                sandboxDir = args[i + 1]
                i += 1
            default:
                if a.hasPrefix("-") { throw Failure(description: "unknown option '\(a)'" + didYouMean(a, options)) }
                guard name == nil else { throw Failure(description: "one lesson at a time: '\(name!)' and '\(a)'") }
                name = a
            }
            i += 1
        }
        if let dir = sandboxDir {
            guard sandbox else { throw Failure(description: "--sandbox-dir and --no-sandbox contradict each other") }
            var st = stat()
            guard stat(dir, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { throw Failure(description: "--sandbox-dir \(dir) is not a directory") }
        }
        if check != nil && name != nil { throw Failure(description: "--check FILE takes no lesson name") }
        config.sandbox = sandbox
        config.sandboxDirectory = sandboxDir
        config.empty = false
        config.dataDirectory = nil
        config.clock = nil
        config.noRC = true
        config.evalChunks = []
        config.training = check.map { .check($0) } ?? name.map { .start($0) } ?? .list
    }
}
