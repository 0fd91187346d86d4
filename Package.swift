// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "coexist",
    products: [
        .executable(name: "coexist", targets: ["coexist"]),
        // For the fuzz package (Tests/Fuzz), which builds against these by path with the fuzzer runtime.
        .library(name: "CoexistKit", targets: ["CoexistKit"]),
        .library(name: "CoexistLua", targets: ["CoexistLua"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // graph_pull (issue 18): HTTPS to Microsoft Graph, and RS256 for the certificate credential.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"4.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "CLuaBridge", dependencies: ["CLua"]),
        .target(name: "CHotPaths"),
        // Workspaces are SQLite files (issue 17), through the system library's C API.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // Graph call records are parsed by simdjson (Debian's libsimdjson-dev) through a small C API (issue 18).
        .target(name: "CSimdjson",
                cxxSettings: [.define("SIMDJSON_THREADS_ENABLED", to: "1"), .define("SIMDJSON_EXCEPTIONS", to: "0")],
                linkerSettings: [.linkedLibrary("simdjson")]),
        .target(name: "CoexistKit", dependencies: ["CHotPaths", "CSQLite", "CSimdjson"]),
        // Talks to Microsoft Graph (graph_pull / coexist pull); the only target that needs HTTP and RSA.
        .target(name: "CoexistGraph", dependencies: [
            "CoexistKit",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        .target(name: "CoexistLua", dependencies: ["CLua", "CLuaBridge", "CoexistKit", "CoexistGraph"]),
        .target(name: "CoexistShell", dependencies: ["CEditLine", "CLuaBridge", "CoexistLua", "CoexistKit"]),
        .executableTarget(name: "coexist", dependencies: [
            "CoexistShell", "CoexistLua", "CoexistKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "coexist-bench", dependencies: ["CoexistKit", "CSimdjson"]),
        // The one Lua harness and test tenant every test target uses; a plain target that only tests depend on,
        // so it sees the public surface only (it is built in release too, where nothing is testable).
        .target(name: "CoexistTestSupport", dependencies: ["CoexistLua", "CoexistKit"], path: "Tests/TestSupport"),
        .testTarget(name: "CoexistKitTests", dependencies: ["CoexistKit", "CSQLite", "CSimdjson", "CoexistTestSupport"], exclude: ["Tenant/Fixtures", "Calls/Fixtures"]),
        .testTarget(name: "CoexistLuaTests", dependencies: ["CoexistLua", "CLua", "CLuaBridge", "CoexistTestSupport"]),
        .testTarget(name: "CoexistShellTests", dependencies: ["CoexistShell", "CoexistLua", "CoexistTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["coexist"], exclude: ["Fixtures"]),
    ],
    cxxLanguageStandard: .cxx17
)
