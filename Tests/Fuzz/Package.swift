// swift-tools-version:6.0
// libFuzzer targets for coexist's readers and its Lua evaluator. Kept out of the main package so that
// `swift build` and `scripts/test` neither build these nor need the fuzzer runtime; `scripts/fuzz NAME SECONDS`
// builds one with `--sanitize=fuzzer --sanitize=address` and runs it from the seed corpus in Tests/Fuzz/Corpus.
import PackageDescription

func fuzzTarget(_ name: String, _ deps: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: deps, swiftSettings: [.unsafeFlags(["-parse-as-library"])])
}

let kit: Target.Dependency = .product(name: "CoexistKit", package: "coexist")
let lua: Target.Dependency = .product(name: "CoexistLua", package: "coexist")

let package = Package(
    name: "coexist-fuzz",
    dependencies: [.package(name: "coexist", path: "../..")],
    targets: [
        .target(name: "CFuzzSupport", dependencies: []),
        fuzzTarget("FuzzCSV", [kit]),
        fuzzTarget("FuzzGraph", [kit]),
        fuzzTarget("FuzzBuildings", [kit]),
        fuzzTarget("FuzzUsers", [kit]),
        fuzzTarget("FuzzDevices", [kit]),
        fuzzTarget("FuzzDates", [kit, lua]),
        fuzzTarget("FuzzLua", [kit, lua, "CFuzzSupport"]),
        fuzzTarget("FuzzWorkspace", [kit]),
    ]
)
