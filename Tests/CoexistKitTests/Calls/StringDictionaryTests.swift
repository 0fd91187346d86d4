import Testing
@testable import CoexistKit

@Suite("string dictionary")
struct StringDictionaryTests {
    @Test("codes are dense, stable and first-seen; code 0 is the empty string")
    func codes() {
        var d = StringDictionary()
        #expect(d.count == 1 && d[0] == "")
        #expect(d.intern("b") == 1)
        #expect(d.intern("a") == 2)
        #expect(d.intern("b") == 1)
        #expect(d.intern("") == 0)
        #expect(d.code(of: "a") == 2)
        #expect(d.code(of: "c") == nil)
        #expect(d.strings == ["", "b", "a"])
    }

    @Test("100,000 strings through many table growths read back exactly, by bytes too")
    func growth() {
        var d = StringDictionary()
        let words = (0..<100_000).map { "user\($0 * 7919 % 100_003)@contoso.com" + String(repeating: "x", count: $0 % 40) }
        for (i, w) in words.enumerated() { #expect(d.intern(w) == UInt32(i + 1)) }
        #expect(d.count == words.count + 1)
        for (i, w) in words.enumerated() where i % 97 == 0 {
            #expect(d[UInt32(i + 1)] == w)
            #expect(d.code(of: w) == UInt32(i + 1))
            var bytes = w
            let viaHash = bytes.withUTF8 { b in
                d.intern(UnsafeRawBufferPointer(b), hash: byteHash(UnsafeRawPointer(b.baseAddress!), b.count))
            }
            #expect(viaHash == UInt32(i + 1))
            #expect(d.withBytes(UInt32(i + 1)) { Array($0) } == Array(w.utf8))
        }
        #expect(d.code(of: "user1@contoso.co") == nil)
    }

    @Test("equal when they hold the same strings in the same order")
    func equality() {
        let a = StringDictionary(["x", "y"]), b = StringDictionary(["x", "y"]), c = StringDictionary(["y", "x"])
        #expect(a == b)
        #expect(a != c)
    }
}
