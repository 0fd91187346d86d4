import CSimdjson
import Testing
@testable import CoexistKit

/// The record splitter scans a record 64 bytes a step (bit masks of quotes, backslashes and brackets). Its
/// hard cases are where a block ends: an escaped quote, a run of backslashes or a brace in a string cut by the
/// block's edge, and a record that ends on it. The records here are built so that each of those falls on every
/// offset of a block in turn; where each record starts and ends is known from how the file was put together,
/// and a naive byte-at-a-time scan says what a cut-off file must be refused with.
@Suite("Graph import: the record splitter across 64-byte blocks")
struct GraphSplitterTests {
    /// Values that end in escapes, hold brackets or look like the end of a string.
    static let awkward = [#"\\"#, #"\""#, #"\\\""#, "{[", "]}", #"\\\\"#, #"a\"}\"]"#, #"\\\\\\\"x"#, #"\u005C"#, ""]

    static func record(pad: Int, _ k: Int) -> String {
        let text = awkward[k % awkward.count], other = awkward[(k / awkward.count + k) % awkward.count]
        return #"{"id":"\#(String(repeating: "x", count: pad))","note":"\#(text)","nested":{"a":[1,{"b":"\#(other)}"},[]],"c":"\#(text)\#(other)"}}"#
    }

    /// A file of `records` in one shape, with the byte ranges each record must be split at.
    static func file(_ records: [String], shape: Int) -> (text: String, ranges: [Range<Int>]) {
        let (head, separator, tail) = [("[", ", ", "]"), (#"{"@odata.context":"x","value":["#, ",", #"],"@odata.nextLink":"n"}"#), ("", "\n", "\n")][shape]
        var text = head, ranges: [Range<Int>] = []
        for (i, r) in records.enumerated() {
            if i > 0 { text += separator }
            let start = text.utf8.count
            text += r
            ranges.append(start..<text.utf8.count)
        }
        return (text + tail, ranges)
    }

    /// The splitter's records, the file fed whole, or `piece` bytes more each time it asks for more.
    static func split(_ text: String, piece: Int? = nil) -> (ranges: [Range<Int>], problem: String?) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw in
            var stream = GraphRecordStream(raw)
            var available = piece.map { min($0, bytes.count) } ?? bytes.count
            stream.feed(available)
            var ranges: [Range<Int>] = []
            while true {
                switch stream.next() {
                case .record(let r): ranges.append(r.start..<(r.start + r.length))
                case .needMore:
                    guard let piece, available < bytes.count else { return (ranges, "asked for more with every byte fed") }
                    available = min(available + piece, bytes.count)
                    stream.feed(available)
                case .problem(let e):
                    return (ranges, withUnsafeBytes(of: e.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) })
                case .end: return (ranges, nil)
                }
            }
        }
    }

    /// Whether the first `count` bytes of `text` end inside a string, a byte at a time.
    static func endsInString(_ text: String, _ count: Int) -> Bool {
        var inString = false, escaped = false
        for b in text.utf8.prefix(count) {
            if escaped { escaped = false } else if inString && b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString.toggle() }
        }
        return inString
    }

    @Test("records with escapes and brackets in strings at every offset of a block split where they were joined, in every shape, fed whole or in pieces")
    func boundaries() {
        let records = (0..<140).map { Self.record(pad: $0, $0) }
        for shape in 0..<3 {
            let (text, ranges) = Self.file(records, shape: shape)
            for piece in [nil, 1, 63, 64, 65, 1000] as [Int?] {
                let got = Self.split(text, piece: piece)
                #expect(got.problem == nil, "shape \(shape), pieces \(piece.map(String.init) ?? "whole"): \(got.problem ?? "")")
                #expect(got.ranges == ranges, "shape \(shape), pieces \(piece.map(String.init) ?? "whole")")
            }
        }
    }

    @Test("a record cut off at any byte is refused as truncated: in a string when the cut is in one, else as an object not closed")
    func truncated() {
        for k in 0..<24 {
            let record = Self.record(pad: 40 + k, k)
            let text = "[" + record
            for cut in 2..<text.utf8.count {
                let prefix = String(decoding: text.utf8.prefix(cut), as: UTF8.self)
                let got = Self.split(prefix)
                let want = Self.endsInString(prefix, cut) ? "truncated: a string has no closing quote" : "truncated: an object or array is not closed"
                #expect(got.ranges.isEmpty && got.problem == want, "record \(k) cut after \(cut) bytes: \(got)")
            }
        }
    }

    @Test("nesting 1024 levels deep splits, 1025 is refused, wherever in a block the brackets fall")
    func depth() {
        for pad in 0..<64 {
            let inner = String(repeating: "x", count: pad)
            let ok = String(repeating: "[", count: 1023) + "\"" + inner + "\"" + String(repeating: "]", count: 1023)
            let good = #"{"a":"# + ok + "}"
            #expect(Self.split("[" + good + "]").ranges == [1..<(1 + good.utf8.count)], "pad \(pad)")
            let deep = #"{"a":["# + ok + "]}"
            #expect(Self.split("[" + deep + "]").problem == "nesting deeper than 1024 levels", "pad \(pad)")
        }
    }
}
