import Dispatch

/// Runs `body(part)` for each part on the machine's cores and waits. The body is not `@Sendable`:
/// callers give each part its own slice of memory to write, which Swift cannot check, so the
/// discipline is theirs (each part touches only its own state).
enum Parallel {
    struct Box<T>: @unchecked Sendable { let value: T }

    static var cores: Int { max(1, min(System.activeProcessorCount, 8)) }

    static func perform(_ parts: Int, _ body: (Int) -> Void) {
        if parts <= 0 { return }
        if parts == 1 { body(0); return }
        withoutActuallyEscaping(body) { escaping in
            let box = Box(value: escaping)
            DispatchQueue.concurrentPerform(iterations: parts) { box.value($0) }
        }
    }

    /// Splits 0..<count into at most `cores` ranges of at least `minimum` rows.
    static func ranges(_ count: Int, minimum: Int = 262_144) -> [Range<Int>] {
        let parts = max(1, min(cores, count / max(minimum, 1)))
        let size = (count + parts - 1) / max(parts, 1)
        return (0..<parts).map { p in (p * size)..<min(count, (p + 1) * size) }.filter { !$0.isEmpty }
    }
}

enum System {
    static var activeProcessorCount: Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return Int(sysconf(_SC_NPROCESSORS_ONLN))
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
