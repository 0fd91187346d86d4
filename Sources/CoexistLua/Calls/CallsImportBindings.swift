import CLuaBridge
import CoexistKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `import_calls`, `import_buildings`, `import_devices` and `missing_subnets`. Imports are changes through the
/// workspace's door: journaled, undoable, and a failed strict import changes nothing.
enum CallsImportBindings {
    static func install(_ engine: LuaEngine, _ workspace: Workspace) {
        engine.register("import_calls", doc: "import_calls(path, {on_error=\"skip\", replace=true}): adds the streams of a CSV file (ours or a CQD export; a row whose First Is Server says Server is read from its Second, client, columns) or of Graph call records (JSON, JSON Lines, or a folder); strict unless on_error=\"skip\"; a stream already in the store (same call, stream or session/segment, direction) is skipped and counted; unknown columns and skipped duplicates are also warned on stderr; a file past 4 GiB or a record past 1 MiB is refused, and so is a file that changes while it is read; returns {rows_read=, imported=, skipped=, duplicates=, reasons={\"file:line: field = value: reason\", ...}, warnings=, notices=, users_without_upn= (Graph people with no UPN, who match no user)}") { call in
            let path = try call.string(1)
            try Sandbox.checkRead(call.L, path)
            let options = try OptionTable(try call.optTable(2), ["on_error": .string, "replace": .boolean], what: "import_calls")
            let skip = try onErrorSkip(options)
            // One read: the journal's stamp and the import come from the same bytes.
            let source = try read(path, "import_calls", folder: true)
            let change = Change.importCalls(source.stamp, skipBadRows: skip, replace: try options.bool("replace") == true)
            let report: ChangeReport
            do {
                report = try workspace.apply(change, who: TenantSource.who, at: workspace.clock.now.epochSeconds,
                                             progress: ProgressLine.handler(for: path), source: source,
                                             shouldStop: { bridge_interrupt_pending() != 0 })
            } catch {
                throw LuaError("import_calls: \(error)")
            }
            guard let streams = report.streams else { throw LuaError("import_calls: the import gave no report") }
            // Said where the user looks even when the returned table is dropped (a script).
            for w in streams.warnings { fputs("warning: \(path): \(w)\n", bridge_stderr()) }
            return call.results(record(streams))
        }
        engine.register("import_buildings", doc: "import_buildings(path): loads the CQD building file (15 columns, comma or tab, RFC 4180 quotes; ranges /8 to /28, to /32 on VPN=1 rows; at most 4 GiB, a line at most 1 MiB) and maps every subnet; refuses a NetworkIP that is not its range's network address (saying which it probably meant) and a file past 1,000,000 rows once VPN=1 rows are expanded to every address; undo() puts the previous map back; returns {buildings=, ranges=}") { call in
            let path = try call.string(1)
            try Sandbox.checkRead(call.L, path)
            let source = try read(path, nil)
            try workspace.apply(.importBuildings(source.stamp), who: TenantSource.who, at: workspace.clock.now.epochSeconds, source: source)
            let file = workspace.calls.buildingFile
            return call.results(.table(LuaTable(fields: [(.string("buildings"), .integer(Int64(file.buildings.count))),
                                                         (.string("ranges"), .integer(Int64(file.ranges.count)))])))
        }
        engine.register("import_devices", doc: "import_devices(path): replaces the certified-device catalogue: one name pattern a line (at most 1 MiB), !pattern excludes, # comments. Patterns ignore case; * matches any run of characters (*Jabra* anywhere in the name, Jabra* at its start); a pattern without * must equal the whole device name (one that only occurs inside the names of devices already imported gets a warning); undo() puts the previous catalogue back. Returns {certified=, excluded=}") { call in
            let path = try call.string(1)
            try Sandbox.checkRead(call.L, path)
            let source = try read(path, nil)
            let report = try workspace.apply(.importDevices(source.stamp), who: TenantSource.who, at: workspace.clock.now.epochSeconds,
                                             source: source)
            for w in report.warnings { Warnings.emit(call.L, "import_devices: \(path): " + w) }
            let catalogue = workspace.calls.deviceCatalogue
            return call.results(.table(LuaTable(fields: [(.string("certified"), .integer(Int64(catalogue.certified.count))),
                                                         (.string("excluded"), .integer(Int64(catalogue.excluded.count)))])))
        }
        engine.register("buildings", doc: "buildings(): the buildings of the building file (city, country, region, ranges, inside, vpn) as a result set") { call in
            ResultSetBinding.push(workspace.calls.buildingFile.table, call.L)
            return 1
        }
        engine.register("missing_subnets", doc: "missing_subnets(min_audio_streams): subnets in 10 (or min) audio streams or more that no building claims (CQD's missing-subnet report)") { call in
            let min = Int(try call.optInteger(1) ?? 10)
            ResultSetBinding.push(workspace.calls.missingSubnets(minAudioStreams: min), call.L)
            return 1
        }
    }

    private static func onErrorSkip(_ options: OptionTable) throws -> Bool {
        try ImportPolicyOption.policy(options["on_error"], "import_calls") == .skip
    }
}

/// The file's bytes and the journal's name for them (path, size, hash), with the error naming the file when it
/// cannot be read.
private func read(_ path: String, _ function: String?, folder: Bool = false) throws -> ImportSource {
    do { return try ImportSource.read(path, folder: folder) } catch {
        throw LuaError((function.map { $0 + ": " } ?? "") + "\(error)")
    }
}

private func record(_ r: ImportReport) -> LuaValue { ImportReportTable.value(r, users: false) }
