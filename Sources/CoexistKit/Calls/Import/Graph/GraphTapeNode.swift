import CSimdjson
#if canImport(Glibc)
import Glibc
#endif

/// One parsed record: simdjson's tape (see simdjson's doc/tape.md) and the path of the record in its file
/// (`$`, `$[3]` or `$.value[3]`), which error paths start with. Valid until its parser parses the next record.
final class GraphTapeDocument {
    var tape: UnsafePointer<UInt64>
    var strings: UnsafePointer<UInt8>
    var base = "$"

    /// Empty until a record is parsed into it (`GraphRecordParsers`).
    init() {
        tape = Self.nothing
        strings = UnsafeRawPointer(Self.nothing).assumingMemoryBound(to: UInt8.self)
    }

    nonisolated(unsafe) private static let nothing: UnsafePointer<UInt64> = {
        let p = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)
        p.initialize(repeating: 0, count: 2)
        return UnsafePointer(p)
    }()

    /// The record itself (tape[0] is the root word).
    var root: GraphTapeNode { GraphTapeNode(doc: self, index: 1) }

    @inline(__always) func type(_ i: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: tape[Int(i)] >> 56) }

    /// The tape index just past the value at `i`: a container's start word holds it, a number takes two words.
    @inline(__always) func after(_ i: UInt32) -> UInt32 {
        switch type(i) {
        case Tape.startObject, Tape.startArray: return UInt32(truncatingIfNeeded: tape[Int(i)])
        case Tape.int64, Tape.uint64, Tape.double: return i + 2
        default: return i + 1
        }
    }

    /// The bytes of the string at `i`: a 4-byte length, then the UTF-8 (already validated by simdjson).
    @inline(__always) func string(_ i: UInt32) -> UnsafeBufferPointer<UInt8> {
        let offset = Int(tape[Int(i)] & 0x00FF_FFFF_FFFF_FFFF)
        let p = strings + offset
        let n = UInt32(p[0]) | UInt32(p[1]) << 8 | UInt32(p[2]) << 16 | UInt32(p[3]) << 24
        return UnsafeBufferPointer(start: p + 4, count: Int(n))
    }
}

/// simdjson's tape word types (the top byte of each word).
enum Tape {
    static let root = UInt8(ascii: "r")
    static let startObject = UInt8(ascii: "{")
    static let startArray = UInt8(ascii: "[")
    static let string = UInt8(ascii: "\"")
    static let int64 = UInt8(ascii: "l")
    static let uint64 = UInt8(ascii: "u")
    static let double = UInt8(ascii: "d")
    static let null = UInt8(ascii: "n")
    static let trueValue = UInt8(ascii: "t")
    static let falseValue = UInt8(ascii: "f")
}

/// A value in a record's tape, read in place: a lookup walks the object's keys, a string becomes a Swift
/// String only when the mapper asks for it, and the JSON path is worked out only for an error (from the
/// tape index, by walking down from the root), so a record that imports cleanly builds no path at all.
struct GraphTapeNode: GraphNode {
    /// Never retained: a node lives only while its record is being mapped, which holds the document.
    unowned(unsafe) let doc: GraphTapeDocument
    /// The value's tape index; 0 when absent.
    let index: UInt32
    /// When absent: the nearest present value above it, and the keys asked for below that.
    let anchor: UInt32
    let missing: [String]

    init(doc: GraphTapeDocument, index: UInt32, anchor: UInt32 = 0, missing: [String] = []) {
        self.doc = doc
        self.index = index
        self.anchor = anchor
        self.missing = missing
    }

    private var type: UInt8 { index == 0 ? 0 : doc.type(index) }

    subscript(key: String) -> GraphTapeNode {
        if index == 0 { return GraphTapeNode(doc: doc, index: 0, anchor: anchor, missing: missing + [key]) }
        if doc.type(index) == Tape.startObject {
            let end = doc.after(index) - 1
            var i = index + 1
            var key = key
            let found: UInt32? = key.withUTF8 { k in
                while i < end {
                    let s = doc.string(i)
                    if s.count == k.count && (k.count == 0 || memcmp(s.baseAddress!, k.baseAddress!, k.count) == 0) {
                        return i + 1
                    }
                    i = doc.after(i + 1)
                }
                return nil
            }
            if let found { return GraphTapeNode(doc: doc, index: found) }
        }
        return GraphTapeNode(doc: doc, index: 0, anchor: index, missing: [key])
    }

    var isNull: Bool { index == 0 || doc.type(index) == Tape.null }
    var isObject: Bool { type == Tape.startObject }

    var arrayElements: [GraphTapeNode]? {
        guard type == Tape.startArray else { return nil }
        let end = doc.after(index) - 1
        var out: [GraphTapeNode] = []
        var i = index + 1
        while i < end {
            out.append(GraphTapeNode(doc: doc, index: i))
            i = doc.after(i)
        }
        return out
    }

    var stringValue: String? {
        guard type == Tape.string else { return nil }
        return String(decoding: doc.string(index), as: UTF8.self)
    }

    var numberValue: Double? {
        let word = index == 0 ? 0 : doc.tape[Int(index) + 1]
        switch type {
        case Tape.int64: return Double(Int64(bitPattern: word))
        case Tape.uint64: return Double(word)
        case Tape.double: return Double(bitPattern: word)
        default: return nil
        }
    }

    var shown: String? {
        let word = index == 0 ? 0 : doc.tape[Int(index) + 1]
        switch type {
        case 0: return nil
        case Tape.string: return stringValue
        case Tape.null: return "null"
        case Tape.trueValue: return "true"
        case Tape.falseValue: return "false"
        case Tape.int64: return String(Int64(bitPattern: word))
        case Tape.uint64: return String(word)
        case Tape.double: return "\(Double(bitPattern: word))"
        case Tape.startArray: return "[...]"
        default: return "{...}"
        }
    }

    var path: String {
        let target = index != 0 ? index : anchor
        var out = doc.base
        var at: UInt32 = 1
        // Down from the root: at each container, into the member or element whose span holds the target.
        descent: while at != target {
            let end = doc.after(at) - 1
            switch doc.type(at) {
            case Tape.startObject:
                var i = at + 1
                while i < end {
                    let next = doc.after(i + 1)
                    if target >= i + 1 && target < next {
                        out += "." + String(decoding: doc.string(i), as: UTF8.self)
                        at = i + 1
                        continue descent
                    }
                    i = next
                }
            case Tape.startArray:
                var i = at + 1, n = 0
                while i < end {
                    let next = doc.after(i)
                    if target >= i && target < next {
                        out += "[\(n)]"
                        at = i
                        continue descent
                    }
                    i = next
                    n += 1
                }
            default: break
            }
            break
        }
        for k in missing { out += "." + k }
        return out
    }
}
