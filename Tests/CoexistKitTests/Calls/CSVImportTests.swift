import Testing
import Foundation
@testable import CoexistKit

@Suite("streams CSV import")
struct CSVImportTests {
    let header = "call_id,start,modality,jitter_ms,packet_loss_rate,subnet,transport"

    @Test("CQD display names are aliases; unknown columns give one notice")
    func aliases() throws {
        let text = "Call Id,Start Time,Media Type,Jitter,Packet Loss Rate,Round Trip,Audio Degradation Avg,Ratio Concealed Samples Avg,First Subnet,Transport,First Network Connection Detail,First VPN,Call Setup Failure Reason,Mystery,Other Thing\n"
            + "c1,2026-10-01T09:00:00Z,Audio,30.001,0.01,40,0.1,0.01,10.1.1.0,TCP,WiFi,1,,x,y\n"
            + "c1,2026-10-01T09:00:00Z,Audio,30,0.01,40,0.1,0.01,10.1.1.0,UDP,Wired,0,,x,y\n"
        var store = CallStore()
        let r = try store.importCSV(text: text)
        #expect(r.imported == 2)
        #expect(r.notices == ["ignored unknown columns: Mystery, Other Thing"])
        #expect(store.value(.quality, at: 0) == .string("poor"))
        #expect(store.value(.quality, at: 1) == .string("good"))
        #expect(store.value(.transport, at: 0) == .string("tcp"))
        #expect(store.value(.connection, at: 0) == .string("wifi"))
        #expect(store.value(.vpn, at: 0) == .bool(true))
        #expect(store.value(.subnet, at: 1) == .string("10.1.1.0"))
        #expect(store.callIds.count == 2)   // "" and c1: one call table row for both streams
    }

    @Test("missing required columns are named")
    func missingColumns() {
        var store = CallStore()
        do { try store.importCSV(text: "call_id,jitter_ms\nx,1\n"); Issue.record("no error") }
        catch let e as CallImportError {
            #expect(e.description.contains("start"))
            #expect(e.description.contains("modality"))
            #expect(!e.description.contains("call_id"))
        } catch { Issue.record("\(error)") }
    }

    @Test("a bad value names file, line, column and value; the store is unchanged")
    func strictError() throws {
        var store = CallStore()
        try store.importCSV(text: header + "\na,2026-10-01,audio,1,0,10.0.0.0,udp\n")
        let before = store.count
        let bad = header + "\nb,2026-10-01,audio,2,0,10.0.0.0,udp\n\"c\",2026-10-02,audio,abc,0,10.0.0.0,udp\n"
        do { try store.importCSV(text: bad, name: "s.csv"); Issue.record("no error") }
        catch let e as CallImportError {
            #expect(e.file == "s.csv")
            #expect(e.line == 3)
            #expect(e.field == "jitter_ms")
            #expect(e.value == "abc")
            #expect(e.description.hasPrefix("s.csv:3: jitter_ms = abc: "))
        }
        #expect(store.count == before)
        #expect(store.callIds.code(of: "b") == nil)
    }

    @Test("skip mode imports the good rows and keeps the first 20 reasons")
    func skipMode() throws {
        var lines = [header]
        for i in 0..<50 { lines.append(i % 2 == 0 ? "c\(i),2026-10-01,audio,1,0,10.0.0.0,udp" : "c\(i),2026-10-01,telepathy,1,0,10.0.0.0,udp") }
        var store = CallStore()
        let r = try store.importCSV(text: lines.joined(separator: "\n"), options: ImportOptions(onError: .skip))
        #expect(r.imported == 25 && r.skipped == 25)
        #expect(r.skipReasons.count == 20)
        #expect(r.skipReasons[0].line == 3 && r.skipReasons[0].value == "telepathy")
        #expect(store.count == 25)
    }

    @Test("RFC 4180 quoting, BOM, CRLF, and wrong field counts")
    func quoting() throws {
        let text = "\u{FEFF}call_id,start,modality,capture_device\r\n"
            + "\"a,1\",2026-10-01T00:00:00+02:00,audio,\"Jabra \"\"Evolve\"\"\r\nline\"\r\n"
            + "b,1790000000,video,\r\n"
        var store = CallStore()
        try store.importCSV(text: text)
        #expect(store.count == 2)
        #expect(store.value(.callId, at: 0) == .string("a,1"))
        #expect(store.value(.captureDevice, at: 0) == .string("Jabra \"Evolve\"\r\nline"))
        #expect(store.value(.start, at: 0) == .date(Double(Civil.days(year: 2026, month: 9, day: 30) * 86400 + 22 * 3600)))
        #expect(store.value(.start, at: 1) == .date(1_790_000_000))
        do { try store.importCSV(text: "call_id,start,modality\nx,2026-10-01\n"); Issue.record("no error") }
        catch let e as CallImportError { #expect(e.line == 2); #expect(e.message.contains("found 2")) }
    }

    @Test("fields longer than a block of the delimiter index, and quotes inside unquoted fields")
    func longFields() throws {
        let long = String(repeating: "x", count: 3 * DelimiterCursor.blockSize + 5)
        let quoted = String(repeating: "a,b\n\"\"", count: DelimiterCursor.blockSize / 3)
        let text = "call_id,capture_device,start,modality,jitter_ms\n"
            + "\(long),dev 1,2026-10-01,audio,1\n"
            + "c2,\"\(quoted)\",2026-10-01,audio,2\n"
            + "c3,Mic 5\" \"wide\",2026-10-01,audio,3\n"
        var store = CallStore()
        let r = try store.importCSV(text: text, options: ImportOptions(parallel: false))
        #expect(r.imported == 3)
        #expect(store.value(.callId, at: 0) == .string(long))
        #expect(store.value(.captureDevice, at: 0) == .string("dev 1"))
        #expect(store.value(.captureDevice, at: 1) == .string(quoted.replacingOccurrences(of: "\"\"", with: "\"")))
        #expect(store.value(.captureDevice, at: 2) == .string("Mic 5\" \"wide\""))
        #expect(store.value(.jitter, at: 1) == .double(2))
        #expect(store.value(.jitter, at: 2) == .double(3))
    }

    @Test("a row with several bad fields names the first in header order; bad quoting is named")
    func firstErrorInHeaderOrder() throws {
        var store = CallStore()
        do {
            try store.importCSV(text: "call_id,jitter_ms,start,modality\nx,abc,2026-10-01,telepathy\n", name: "o.csv")
            Issue.record("no error")
        } catch let e as CallImportError {
            #expect(e.line == 2 && e.field == "jitter_ms" && e.value == "abc")
        }
        do {
            try store.importCSV(text: "call_id,start,modality\n\"x\"y,2026-10-01,audio\n", name: "q.csv")
            Issue.record("no error")
        } catch let e as CallImportError {
            #expect(e.line == 2 && e.field == "call_id" && e.message.contains("text after a closing quote"))
        }
        do {
            try store.importCSV(text: "call_id,start,modality\nx,2026-10-01,\"audio\n", name: "u.csv")
            Issue.record("no error")
        } catch let e as CallImportError {
            #expect(e.field == "modality" && e.message.contains("unterminated quoted field"))
        }
        do {
            try store.importCSV(text: "call_id,start,modality\n,2026-10-01,audio\n", name: "e.csv")
            Issue.record("no error")
        } catch let e as CallImportError {
            #expect(e.field == "call_id" && e.message.contains("is empty"))
        }
        #expect(store.count == 0)
    }

    @Test("skip mode goes on after a bad quote, with the right line numbers")
    func skipAfterBadQuote() throws {
        let text = "call_id,start,modality\n"
            + "a,2026-10-01,audio\n"
            + "\"b\"x,2026-10-01,audio\n"
            + "\"c\nd\",2026-10-01,\"tele\"\"pathy\"\n"
            + "e,2026-10-01,\"audio\"\n"
        var store = CallStore()
        let r = try store.importCSV(text: text, options: ImportOptions(onError: .skip, parallel: false))
        #expect(r.imported == 2 && r.skipped == 2)
        #expect(r.skipReasons.map(\.line) == [3, 4])
        guard r.skipReasons.count == 2 else { return }
        #expect(r.skipReasons[0].message.contains("text after a closing quote"))
        #expect(r.skipReasons[1].value == "tele\"pathy")
        #expect(store.value(.callId, at: 1) == .string("e"))
        #expect(store.value(.modality, at: 1) == .string("audio"))
    }

    @Test("missing metrics stay missing, never zero")
    func missingMetrics() throws {
        var store = CallStore()
        try store.importCSV(text: header + "\na,2026-10-01,audio,,,10.0.0.0,udp\nb,2026-10-01,audio,0,0,10.0.0.0,udp\n")
        #expect(store.value(.jitter, at: 0) == .null)
        #expect(store.value(.quality, at: 0) == .string("unclassified"))
        #expect(store.value(.jitter, at: 1) == .double(0))
        #expect(store.value(.quality, at: 1) == .string("good"))
    }

    @Test("writer and importer round-trip the demo, in parallel parts too")
    func roundTrip() throws {
        let demo = DemoCalls.generate(DemoCallsOptions(users: 400))
        let path = NSTemporaryDirectory() + "coexist-roundtrip-\(getpid()).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try CSVWriter.write(demo, to: path)
        for parallel in [false, true] {
            var back = CallStore()
            back.setBuildingFile(demo.buildingFile)
            let before = CSVImporter.parallelThreshold
            _ = before
            let r = try back.importCSV(path: path, options: ImportOptions(parallel: parallel))
            #expect(r.imported == demo.count)
            for f in CallField.allCases {
                for i in stride(from: 0, to: demo.count, by: 97) {
                    #expect(back.value(f, at: i) == demo.value(f, at: i), "\(f) row \(i)")
                }
            }
            #expect(back.quality == demo.quality)
            #expect(back.metrics == demo.metrics)
        }
    }

    @Test("timestamps and decimals parse exactly")
    func parsers() {
        func d(_ s: String) -> Double? { var s = s; return s.withUTF8 { ByteParsers.decimal($0.baseAddress!, $0.count) } }
        for s in ["30.001", "0.07", "1e-3", "123456.789", "-2.5", "0", "5."] { #expect(d(s) == Double(s), "\(s)") }
        #expect(d("abc") == nil && d("1.2.3") == nil && d("") == nil)
        func t(_ s: String) -> Int64? { var s = s; return s.withUTF8 { ByteParsers.timestamp($0.baseAddress!, $0.count) } }
        #expect(t("1970-01-01T00:00:00Z") == 0)
        #expect(t("2026-10-01 09:15:30.250") == Int64(Civil.days(year: 2026, month: 10, day: 1)) * 86400 + 9 * 3600 + 15 * 60 + 30)
        #expect(t("2026-13-01") == nil && t("yesterday") == nil)
    }
}
