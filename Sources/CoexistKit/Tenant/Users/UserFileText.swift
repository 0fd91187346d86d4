import Foundation

/// The bytes of a users file as text. Windows PowerShell 5.1 writes `Export-Csv -Encoding UTF8` with a UTF-8
/// byte-order mark and `-Encoding Unicode` as UTF-16LE with the mark FF FE (`BigEndianUnicode`: FE FF);
/// PowerShell 7 writes UTF-8 without a mark. Those are read; anything else is refused at the first line that
/// is not valid, rather than read with replacement characters that would then fail as odd user names.
public enum UserFileText {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf8BOM = "UTF-8 with BOM"
        case utf16LE = "UTF-16LE"
        case utf16BE = "UTF-16BE"
    }

    public static func read(_ path: String) throws(TenantError) -> [UInt8] {
        switch RegularFile.bytes(path) {
        case .failure(let r): throw .badFile(file: path, reason: r.description)
        case .success(let bytes): return bytes
        }
    }

    public static func decode(_ bytes: [UInt8], file: String) throws(TenantError) -> (text: String, encoding: Encoding) {
        if bytes.starts(with: [0xFF, 0xFE]) { return (try utf16(bytes.dropFirst(2), bigEndian: false, file: file), .utf16LE) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (try utf16(bytes.dropFirst(2), bigEndian: true, file: file), .utf16BE) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (try utf8(bytes.dropFirst(3), file: file), .utf8BOM) }
        // Every CSV header starts with an ASCII character, so a zero byte among the first two is UTF-16 whose
        // mark was stripped (by a copy through a tool that drops it).
        if bytes.count >= 2 && (bytes[0] == 0 || bytes[1] == 0) {
            throw .badLine(file: file, line: 1, reason: "looks like UTF-16 without a byte-order mark; export with Export-Csv -Encoding Unicode (which writes one) or -Encoding UTF8")
        }
        return (try utf8(bytes[...], file: file), .utf8)
    }

    private static func utf8(_ bytes: ArraySlice<UInt8>, file: String) throws(TenantError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Only a refused file pays for finding the line.
        var line = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = bytes.startIndex
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s == "\n" { line += 1 }
                offset += UTF8.width(s)
            case .emptyInput:
                return String(decoding: bytes, as: UTF8.self)
            case .error:
                let byte = offset < bytes.endIndex ? bytes[offset] : 0
                throw .badLine(file: file, line: line, reason: "not UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)))"
                    + "; export with Export-Csv -Encoding UTF8 or -Encoding Unicode")
            }
        }
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool, file: String) throws(TenantError) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        var line = 1
        var text = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s == "\n" { line += 1 }
                text.append(s)
            case .emptyInput:
                break loop
            case .error:
                throw .badLine(file: file, line: line, reason: "invalid UTF-16 (an unpaired surrogate)")
            }
        }
        if i < bytes.endIndex {
            throw .badLine(file: file, line: line, reason: "UTF-16 file with an odd number of bytes: the last character is cut off")
        }
        return String(text)
    }
}
