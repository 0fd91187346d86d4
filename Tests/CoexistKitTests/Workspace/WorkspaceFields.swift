import Foundation
@testable import CoexistKit

/// What a user can observe of a workspace, field by field: each user's policy, homing and cohort, the
/// cohorts, the global, the call store's count and a checksum of every column, the building file and the
/// device catalogue. Two workspaces that agree here are the same to anyone using them.
struct WorkspaceFields: Equatable {
    var users: [UserView]
    var grants: [String?]
    var homing: [String]
    var cohorts: CohortTable
    var global: String
    var streams: Int
    var checksum: UInt64
    var buildings: BuildingFile
    var devices: DeviceCatalogue

    init(_ w: Workspace) {
        let tenant = w.coexistence
        let state = tenant.state()
        users = tenant.users()
        grants = (0..<tenant.directory.count).map { state.grant($0)?.name }
        homing = (0..<tenant.directory.count).map { state.homing($0).rawValue }
        cohorts = tenant.cohorts
        global = state.globalPolicy.name
        let store = w.calls
        streams = store.count
        checksum = WorkspaceFields.checksum(store)
        buildings = store.buildingFile
        devices = store.deviceCatalogue
    }

    /// FNV-1a over every stored column of every stream, in row order.
    static func checksum(_ store: CallStore) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ x: UInt64) { h = (h ^ x) &* 0x100_0000_01b3 }
        for i in 0..<store.count {
            for f in CallField.allCases {
                switch store.value(f, at: i) {
                case .null: mix(0)
                case let .bool(b): mix(b ? 2 : 1)
                case let .int(n): mix(UInt64(bitPattern: Int64(n)))
                case let .double(d), let .date(d): mix(d.bitPattern)
                case let .string(t): for b in t.utf8 { mix(UInt64(b)) }
                }
            }
        }
        return h
    }
}

/// Files for workspace tests: the fixtures as Microsoft's tools write them, and scratch files.
enum WorkspaceFiles {
    static let kitTests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    /// A CQD export (display-name headers, BOM, CRLF, `First Is Server`) and its building file.
    static var cqdExport: String { kitTests.appendingPathComponent("Calls/Fixtures/CQD/conference-export.csv").path }
    static var cqdBuildings: String { kitTests.appendingPathComponent("Calls/Fixtures/CQD/buildings.csv").path }
    /// Get-CsOnlineUser | Export-Csv with its #TYPE line.
    static var csOnlineUsers: String { kitTests.appendingPathComponent("Tenant/Fixtures/CsOnlineUser-export.csv").path }

    static func write(_ text: String, _ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "coexist-workspace-\(getpid())-" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func stamp(_ path: String) throws -> FileStamp { try FileStamp.of(path) }
}
