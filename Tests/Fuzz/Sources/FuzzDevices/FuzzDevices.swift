import CoexistKit

/// The device catalogue and the CQD endpoint file on arbitrary text, and catalogue lookups.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDevices(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let catalogue = DeviceCatalogue.parse(text)
    let lines = text.split(whereSeparator: \.isNewline).prefix(8).map(String.init)
    for device in lines + ["Jabra Speak 750", ""] { _ = catalogue.isCertified(device) }
    _ = catalogue.plainPatternWarnings(devices: lines)
    do {
        _ = try EndpointFile.parse(text, file: "fuzz-endpoints")
    } catch {
        _ = String(describing: error)
    }
    return 0
}
