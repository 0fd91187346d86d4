import CoexistKit

/// The users import on arbitrary bytes, as read from a file (BOM, UTF-16 and all): the plain CSV and
/// Get-CsOnlineUser | Export-Csv, detected or forced by the first byte. A failed strict import changes nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUsers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let mode = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    var tenant = CoexistenceTenant(today: PlanDay(year: 2026, month: 10, day: 1))
    let format: CoexistenceTenant.UserFileFormat? = switch mode % 3 { case 1: .plain; case 2: .csOnlineUser; default: nil }
    let strict = mode & 4 == 0
    do {
        let decoded = try UserFileText.decode(bytes, file: "fuzz-users.csv")
        _ = try tenant.importUsers(text: decoded.text, file: "fuzz-users.csv",
                                   options: .init(onError: strict ? .strict : .skip, format: format))
    } catch {
        if strict && !tenant.directory.users.isEmpty { fatalError("a failed strict import changed the tenant") }
        _ = String(describing: error)
    }
    return 0
}
