import CoexistKit

/// The CQD building file parser, and what is done with a parsed file: lookups and writing it back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBuildings(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let file = try BuildingFile.parse(text, file: "fuzz-buildings")
        _ = file.csv()
        _ = file.rangeIndex(forSubnet: "10.0.0.0")
        var store = CallStore()
        store.setBuildingFile(file)
    } catch {
        _ = String(describing: error)
    }
    return 0
}
