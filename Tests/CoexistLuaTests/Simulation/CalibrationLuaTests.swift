import Foundation
import Testing
import CoexistKit
@testable import CoexistLua

/// `calibrate{}` and `backtest{}` on the demo tenant, out of the box, with every option and its checks.
@Suite(.serialized) struct CalibrationLuaTests {
    final class Demo {
        let engine: LuaEngine
        let workspace: Workspace

        init(users: Int = 2_000) throws {
            engine = try LuaEngine(LuaEngineOptions(sandbox: false, stdlibPath: nil))
            workspace = Workspace.demo(users: users)
            Bindings.install(workspace, in: engine)
        }

        func value(_ expression: String) throws -> LuaValue {
            if case .failure(let e) = engine.run("_result = (\(expression))", chunkName: "test") { throw TenantLua.Failed(description: e.message) }
            engine.pushGlobal(path: "_result")
            defer { engine.stack.pop() }
            return engine.stack.value(at: -1)
        }

        func error(_ code: String) -> String? {
            if case .failure(let e) = engine.run(code, chunkName: "test") { return e.message }
            return nil
        }

        /// What a chunk prints (a result set prints as the table the prompt shows).
        func output(_ code: String) throws -> String {
            let path = TenantLua.temporaryPath("calib-\(UInt64.random(in: 0...UInt64.max)).txt")
            try engine.redirectOutput(to: path)
            let failure = error(code)
            try engine.redirectOutput(to: nil)
            if let failure { throw TenantLua.Failed(description: failure) }
            return try TenantLua.read(path)
        }
    }

    @Test("calibrate{} fits every moved cohort of the demo and says why Wave 3 has no fit")
    func calibrateOnTheDemo() throws {
        let d = try Demo()
        try d.engine.run("r = calibrate{}", chunkName: "test").get()
        #expect(try d.value("#r") == .integer(5))
        #expect(try d.value("r:column('cohort')") == .table(LuaTable(array: ["Pilot", "Wave 1", "Wave 2", "Wave 3", "all cohorts"].map { .string($0) })))
        #expect(try d.value("r[1].islands_on") == .string("2026-08-10"))
        #expect(try d.value("r[2].islands_on") == .string("2026-08-31"))
        #expect(try d.value("r[4].note").stringValue?.hasPrefix("no recorded move to Islands") == true)
        #expect(try d.value("r[4].innovation_p") == .nil)
        for i in 1...3 {
            #expect(try d.value("r[\(i)].innovation_p > 0 and r[\(i)].imitation_q > 0 and r[\(i)].rmse_pts < 5") == .boolean(true))
        }
        #expect(try d.value("r[5].note") == .string("one p and q for the 3 fitted cohort(s)"))
        #expect(try d.value("r.title").stringValue == "adoption fitted 2026-08-03 to 2026-10-31 (Bass, daily rates; rmse of weekly Teams share)")
    }

    @Test("calibrate's options: cohort (a name or a list), from and to (relative too), min_streams")
    func calibrateOptions() throws {
        let d = try Demo()
        #expect(try d.value("#calibrate{cohort='wave 1'}") == .integer(2))
        #expect(try d.value("calibrate{cohort={'Pilot', 'Wave 2'}}:column('cohort')")
                == .table(LuaTable(array: ["Pilot", "Wave 2", "all cohorts"].map { .string($0) })))
        // The demo lives on 2026-11-01: eight weeks back is 2026-09-06.
        #expect(try d.value("calibrate{from='-8w', to='2026-10-31'}.title").stringValue?.hasPrefix("adoption fitted 2026-09-06 to 2026-10-31") == true)
        #expect(try d.value("calibrate{min_streams=100000000}[2].note").stringValue?.hasPrefix("too few streams") == true)
    }

    @Test("calibrate and backtest refuse what they do not know, naming the closest spelling")
    func strictOptions() throws {
        let d = try Demo()
        #expect(d.error("calibrate{min_stream=5}")?.contains("unknown option 'min_stream' (did you mean 'min_streams'?)") == true)
        #expect(d.error("backtest{form='-4w'}")?.contains("did you mean 'from'") == true)
        #expect(d.error("calibrate{cohort='Wave 9'}")?.contains("unknown cohort 'Wave 9'") == true)
        #expect(d.error("calibrate{cohort={1}}")?.contains("option 'cohort' lists names") == true)
        #expect(d.error("calibrate{min_streams=0}")?.contains("min_streams must be a whole number of streams, 1 or more") == true)
        #expect(d.error("calibrate{from='+2 weeks'}")?.contains("not a date") == true)
        #expect(d.error("calibrate{from='2026-10-01', to='2026-09-01'}")?.contains("from 2026-10-01 is after to 2026-09-01") == true)
        #expect(d.error("backtest{innovation=0.01}")?.contains("give innovation and imitation together") == true)
        #expect(d.error("backtest{innovation=-0.01, imitation=0.1}")?.contains("innovation = -0.01") == true)
        #expect(d.error("backtest{innovation=0.6, imitation=0.6}")?.contains("p + q at most 1") == true)
        #expect(d.error("backtest{innovation='fast', imitation=0.1}")?.contains("must be a number") == true)
    }

    @Test("backtest{} compares predicted and observed Teams share per cohort per week, with the error")
    func backtestOnTheDemo() throws {
        let d = try Demo()
        try d.engine.run("b = backtest{from='2026-08-31', to='-1d'}", chunkName: "test").get()
        #expect(try d.value("b.columns") == .table(LuaTable(array: ["cohort", "week", "streams", "observed_pct", "predicted_pct", "error_pts"].map { .string($0) })))
        // Pilot, Wave 1 and Wave 2 (Wave 3 never moved); weeks from Monday 2026-08-31 to the week of 2026-10-31.
        #expect(try d.value("b[1].cohort") == .string("Pilot"))
        #expect(try d.value("b[1].week") == .string("2026-08-31"))
        #expect(try d.value("#b") == .integer(3 * 9))
        #expect(try d.value("(function() for r in b:rows() do if math.abs(r.predicted_pct - r.observed_pct - r.error_pts) > 1e-9 then return false end end return true end)()") == .boolean(true))
        // After its TeamsOnly move the Pilot's predicted share is 100 %.
        #expect(try d.value("b[5].predicted_pct").doubleValue == 100)
        #expect(try d.value("b.title").stringValue?.hasPrefix("backtest 2026-08-31 to 2026-10-31: rmse ") == true)
        // The fit tracks the history far better than a curve that never moves.
        let fitted = try #require(try d.value("(function() local s = 0 for r in b:rows() do s = s + r.error_pts^2 end return s end)()").doubleValue)
        let flat = try #require(try d.value("(function() local s = 0 for r in backtest{from='2026-08-31', to='-1d', innovation=0, imitation=0}:rows() do s = s + r.error_pts^2 end return s end)()").doubleValue)
        #expect(fitted * 10 < flat)
        // The whole history by default: the 13 weeks from Monday 2026-08-03.
        #expect(try d.value("#backtest{cohort='Wave 1'}") == .integer(13))
        #expect(try d.value("#backtest{min_streams=100000000}") == .integer(0))
    }

    /// README's calibration section, run as written: its examples and the output it shows.
    @Test("README's calibration examples run and print what the README shows")
    func readmeExamples() throws {
        let readme = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md").path, encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "### Adoption: calibrate and backtest").dropFirst().first)
        let blocks = section.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let examples = blocks.filter { $0.hasPrefix("lua\n> ") }
        #expect(examples.count == 2)
        for block in examples {
            let lines = block.dropFirst(4).split(separator: "\n", omittingEmptySubsequences: false)
            let code = String(lines[0].dropFirst(2))
            let shown = lines.dropFirst().joined(separator: "\n")
            let d = try Demo()
            // The README shows a terminal's tables (box characters); the harness writes to a file (ASCII).
            d.engine.renderOptions.mode = .box
            #expect(try d.output("print(\(code))").trimmingCharacters(in: .whitespacesAndNewlines) == shown.trimmingCharacters(in: .whitespacesAndNewlines), "\(code)")
        }
    }
}
