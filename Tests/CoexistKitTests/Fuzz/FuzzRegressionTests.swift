import Testing
@testable import CoexistKit

/// Inputs the fuzz targets (Tests/Fuzz, scripts/fuzz) found to crash, hang or exhaust memory, kept so that
/// they stay fixed.
@Suite struct FuzzRegressionTests {
    /// FuzzLua, seed huge_strings.lua: `calls:where{building = ("x"):rep(16 * 1024 * 1024)}` took minutes
    /// (the closest-name search compared 16 MB with every building) and printed the 16 MB in its warning.
    @Test func hugeValueNamingNoBuildingWarnsShortlyAndQuickly() throws {
        let store = FilterOperatorTests.fixture.store
        let huge = String(repeating: "x", count: 4 << 20)
        let clock = ContinuousClock()
        var warnings: [String] = []
        let took = try clock.measure {
            warnings = try CallQuery().filter("building", .eq, .string(huge)).unknownValues(on: store)
        }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("no building is 'xxxx") == true)
        #expect(warnings.first?.contains("(4194304 bytes)") == true)
        #expect((warnings.first?.utf8.count ?? .max) < 200)
        #expect(took < .seconds(2))
    }
}

extension FuzzRegressionTests {
    /// FuzzDevices: a catalogue of lines with NULs, invalid UTF-8 and CRLF trapped "String index is out of
    /// bounds" in Foundation's range(of:) when a name was matched against its `*` patterns.
    /// FuzzDevices' second find: the warning for plain patterns used Foundation's `contains`, which trapped.
    @Test func plainPatternWarningOnOddBytesDoesNotTrap() throws {
        let text = String(decoding: [0xed, 0xed, 0x0a, 0xfe, 0x00, 0x20] as [UInt8], as: UTF8.self)
        let catalogue = try DeviceCatalogue.parse(text)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        _ = catalogue.plainPatternWarnings(devices: lines + ["x" + text + "y"])
        // The warning still finds a plain pattern inside a longer name.
        let plain = try DeviceCatalogue.parse("# certified\njabra\n")
        #expect(plain.plainPatternWarnings(devices: ["Jabra Speak 750"]).count == 1)
    }

    @Test func catalogueOfOddPatternsMatchesWithoutTrapping() throws {
        let bytes: [UInt8] = Array("# certified\nJabr75\nPoly\n ".utf8) + [0, 0, 0, 0, 0, 0, 10]
            + Array("****".utf8) + [0xd7] + Array("***********".utf8) + [0, 0, 0] + Array("*t".utf8) + [0xd2, 0, 10]
            + Array("****".utf8) + [0xd7] + Array("***********".utf8) + [0, 0, 0] + Array("*t".utf8) + [0xd2, 0xd2, 0xd2, 0xd2]
            + Array("ech Ral".utf8) + [0xef] + Array("y*\r\n".utf8)
        let text = String(decoding: bytes, as: UTF8.self)
        let catalogue = try DeviceCatalogue.parse(text)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let certified = lines.map { catalogue.isCertified($0) }
        #expect(certified.count == lines.count)
        #expect(catalogue.isCertified("Jabra Speak 750") == false)
        // The pattern itself still matches what it says: "****\u{FFFD}***...*t\u{FFFD}" wants a replacement
        // character, then a t and a replacement character at the end.
        #expect(DeviceCatalogue.matches("x\u{FFFD}yt\u{FFFD}", "*\u{FFFD}*t\u{FFFD}"))
        #expect(!DeviceCatalogue.matches("x\u{FFFD}yt", "*\u{FFFD}*t\u{FFFD}"))
    }

    @Test func starPatternsKeepTheirMeaning() {
        #expect(DeviceCatalogue.matches("jabra evolve 75", "*jabra*"))
        #expect(DeviceCatalogue.matches("jabra evolve 75", "jabra*75"))
        #expect(!DeviceCatalogue.matches("aba", "ab*ba"))
        #expect(DeviceCatalogue.matches("abba", "ab*ba"))
        #expect(DeviceCatalogue.matches("a", "a*"))
        #expect(DeviceCatalogue.matches("", "*"))
        #expect(!DeviceCatalogue.matches("poly sync", "*jabra*"))
    }
}

extension FuzzRegressionTests {
    /// FuzzLua, seed huge_strings.lua: `date(("x"):rep(16 * 1024 * 1024))` searched the 16 MB for
    /// suggestions for seconds and named it whole in the error.
    @Test func hugeTextIsNoDateAndSaysSoQuickly() {
        let huge = String(repeating: "x", count: 4 << 20)
        let clock = ContinuousClock()
        var message = ""
        let took = clock.measure {
            do { _ = try Instant.parse(huge, relativeTo: Instant(epochSeconds: 0)) } catch { message = "\(error)" }
        }
        #expect(message.contains("(4194304 bytes)"))
        #expect(message.utf8.count < 300)
        #expect(took < .seconds(2))
        #expect((try? Instant.parse("  2026-10-01T08:30:00Z  ", relativeTo: nil)) == Instant(year: 2026, month: 10, day: 1, hour: 8, minute: 30))
    }
}

extension FuzzRegressionTests {
    /// FuzzCSV (heap-buffer-overflow under ASan): a start time of exactly 13 bytes ("2026-01-06T14") passed
    /// the hour's check and read the byte after it for the ':'. Every prefix of a full timestamp is read
    /// from a buffer of exactly its length, and one that stops inside the hour or the minutes does not parse.
    @Test func timestampPrefixesReadNoFurtherThanTheirLength() throws {
        let full = Array("2026-01-06T14:30:00Z".utf8)
        for n in 1...full.count {
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
            defer { buffer.deallocate() }
            buffer.initialize(from: full, count: n)
            let parsed = ByteParsers.timestamp(buffer, n)
            // A date and hour without the minutes is no timestamp; the rest is ASan's to check (scripts/test --asan).
            if (11...15).contains(n) { #expect(parsed == nil, "\(String(decoding: full[0..<n], as: UTF8.self)): \(String(describing: parsed))") }
        }
    }
}
