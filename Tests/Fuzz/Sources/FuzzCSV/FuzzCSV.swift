import CoexistKit

/// The streams CSV importer on arbitrary bytes. The first byte picks strict or skip and one or two threads;
/// a strict import that fails must leave the store as it was.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let mode = data[0]
    let body = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    var store = CallStore()
    let options = ImportOptions(onError: mode & 1 == 0 ? .strict : .skip, parallel: mode & 2 != 0)
    do {
        _ = try CSVImporter.importBytes(body, name: "fuzz.csv", into: &store, options: options)
    } catch {
        if options.onError == .strict && store.count != 0 { fatalError("a failed strict import changed the store") }
        _ = String(describing: error)
    }
    return 0
}
