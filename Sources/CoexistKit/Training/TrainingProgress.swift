#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Where a trainee stands in one lesson: the step to do next (1-based; past the last step when finished)
/// and the steps skipped on the way. Saved after every step, so `.quit` (or a closed laptop) loses nothing.
public struct TrainingProgress: Equatable, Sendable {
    public var step: Int
    public var skipped: [Int]

    public init(step: Int = 1, skipped: [Int] = []) {
        self.step = step
        self.skipped = skipped
    }
}

/// One small text file per lesson under `$XDG_STATE_HOME/coexist/training/` ("step=3", "skipped=2"), so a
/// trainer can read or delete it by hand. A file that does not parse is treated as no progress (and said so
/// by `load` returning nil), never as a step nobody reached.
public struct TrainingProgressStore: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// `$XDG_STATE_HOME/coexist/training` (default `~/.local/state/coexist/training`).
    public static func standard(environment: (String) -> String?) -> TrainingProgressStore {
        let home = environment("HOME") ?? "/tmp"
        let state = environment("XDG_STATE_HOME") ?? (home + "/.local/state")
        return TrainingProgressStore(directory: state + "/coexist/training")
    }

    public func path(for lesson: String) -> String { directory + "/" + lesson + ".progress" }

    public func load(_ lesson: String) -> TrainingProgress? {
        guard case .success(let bytes) = RegularFile.bytes(path(for: lesson)) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        var progress = TrainingProgress()
        var sawStep = false
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "step":
                guard let n = Int(parts[1]), n >= 1 else { return nil }
                progress.step = n
                sawStep = true
            case "skipped":
                progress.skipped = parts[1].split(separator: ",").compactMap { Int($0) }
            default: continue
            }
        }
        return sawStep ? progress : nil
    }

    /// Writes the file (creating the folders), replacing it whole.
    public func save(_ progress: TrainingProgress, for lesson: String) throws {
        var prefix = ""
        for part in directory.split(separator: "/") {
            prefix += "/" + part
            mkdir(prefix, 0o755)
        }
        let text = "step=\(progress.step)\nskipped=\(progress.skipped.map(String.init).joined(separator: ","))\n"
        // Through the one writer: a temporary file renamed over the old one, so a full disk loses nothing.
        do { try AtomicFile.write(text, to: path(for: lesson)) } catch { throw TrainingError("\(error)") }
    }

    public func clear(_ lesson: String) { unlink(path(for: lesson)) }
}

public struct TrainingError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
