/// What a terminal shows as plain text: the bytes written to it without escape sequences (CSI, OSC,
/// charset and two-byte escapes), carriage returns, bells and backspaces. Works on bytes so that a
/// multi-byte character or an escape sequence cut in two by a read is handled the same once complete;
/// an unfinished escape at the end is dropped, so the result only ever grows as bytes arrive.
enum TerminalText {
    static func visible(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let b = raw[i]
            switch b {
            case 0x1B:
                i = endOfEscape(raw, from: i)
            case 0x0D, 0x07, 0x08:
                i += 1
            default:
                out.append(b)
                i += 1
            }
        }
        return out
    }

    /// The index just past the escape sequence that starts at `start` (or the end of the input if unfinished).
    private static func endOfEscape(_ raw: [UInt8], from start: Int) -> Int {
        var i = start + 1
        guard i < raw.count else { return raw.count }
        switch raw[i] {
        case UInt8(ascii: "["):  // CSI: parameters and intermediates, then a final byte 0x40...0x7E
            i += 1
            while i < raw.count, !(0x40...0x7E).contains(raw[i]) { i += 1 }
            return min(i + 1, raw.count)
        case UInt8(ascii: "]"):  // OSC: up to BEL or ESC \
            i += 1
            while i < raw.count {
                if raw[i] == 0x07 { return i + 1 }
                if raw[i] == 0x1B, i + 1 < raw.count, raw[i + 1] == UInt8(ascii: "\\") { return i + 2 }
                i += 1
            }
            return raw.count
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"):
            return min(i + 2, raw.count)
        default:
            return i + 1
        }
    }
}
