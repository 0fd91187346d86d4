import CoexistKit
import Foundation

/// The Graph callRecord JSON importer on arbitrary bytes (first byte: strict or skip).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGraph(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let strict = data[0] & 1 == 0
    var store = CallStore()
    do {
        _ = try GraphCallRecordImporter.importData(Data(bytes: data + 1, count: size - 1), name: "fuzz.json", into: &store,
                                                   options: ImportOptions(onError: strict ? .strict : .skip, parallel: false))
    } catch {
        if strict && store.count != 0 { fatalError("a failed strict import changed the store") }
        _ = String(describing: error)
    }
    return 0
}
