import CoexistKit

/// The device catalogue and the CQD endpoint file on arbitrary text, and catalogue lookups.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDevices(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.split(whereSeparator: \.isNewline).prefix(8).map(String.init)
    // A catalogue the parser refuses (a record past its limit) is an error to describe, not a crash.
    do {
        let catalogue = try DeviceCatalogue.parse(text, file: "fuzz-devices")
        for device in lines + ["Jabra Speak 750", ""] { _ = catalogue.isCertified(device) }
        _ = catalogue.plainPatternWarnings(devices: lines)
    } catch {
        _ = String(describing: error)
    }
    do {
        _ = try EndpointFile.parse(text, file: "fuzz-endpoints")
    } catch {
        _ = String(describing: error)
    }
    return 0
}
