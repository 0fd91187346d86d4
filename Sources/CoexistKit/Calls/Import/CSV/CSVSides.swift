/// The two column tables of a streams CSV: which field each of our columns reads when the First
/// endpoint is the client (`first`, the header as written) and when it is a server (`second`).
///
/// CQD puts a server endpoint (AV MCU, Mediation Server) First ("Dimensions and measures available in
/// Call Quality Dashboard", First and second endpoint classification), so in a conference row the
/// client, whose subnet, network, device and user a building or cohort figure is about, is Second.
/// CQD's own reports read the client side; so does this. A row whose `First Is Server` says Server
/// reads every First/Second pair crossed: the client's `Second Subnet` into `subnet`, `Second UPN`
/// into `first_user`, the server's `First UPN` into `second_user`, and so on. A First column with no
/// Second partner in the header is the server's, so a crossed row leaves that value missing rather
/// than give the client the server's subnet; a column that names no side ("Transport", "Connectivity
/// Ice", our own names) is read as it is.
///
/// Choosing a table is one pointer per row; the decoders read `columnField` as before. The other
/// endpoint's columns are not decoded (that would double the enumeration work of a CQD row), so a bad
/// value there passes unread; only its ICE is, since either side's failure makes the stream
/// Unclassified.
struct CSVSides {
    let first: UnsafeMutablePointer<Int>
    let second: UnsafeMutablePointer<Int>
    /// The `First Is Server` field, or -1.
    let firstIsServerField: Int

    init(layout: [Int], headerNames: [String]) {
        let n = CSVColumn.allCases.count
        first = .allocate(capacity: n)
        first.initialize(repeating: -1, count: n)
        for (i, c) in layout.enumerated() where c >= 0 { first[c] = i }
        second = .allocate(capacity: n)
        second.initialize(from: first, count: n)
        func namesFirstSide(_ field: Int) -> Bool {
            field >= 0 && enumKey(headerNames[field]).hasPrefix("first")
        }
        for c in CSVColumn.allCases where !c.isSecondSide {
            guard let p = c.partner else { continue }
            if c == .firstUser || c == .secondUser {
                second[c.rawValue] = first[p.rawValue]
                continue
            }
            let own = first[c.rawValue], other = first[p.rawValue]
            second[c.rawValue] = other >= 0 ? other : (namesFirstSide(own) ? -1 : own)
            second[p.rawValue] = own
        }
        firstIsServerField = first[CSVColumn.firstIsServer.rawValue]
    }

    func release() {
        first.deallocate()
        second.deallocate()
    }

    /// Whether the fast path decodes `column` (so the header-order path must check it too): every
    /// column of ours, and of the Second ones only the ICE, which can make the stream Unclassified.
    func isDecoded(_ column: CSVColumn) -> Bool { !column.isSecondSide || column == .secondIce }

    /// `First Is Server` as CQD writes it (Server/Client; True/False or 1/0 in some exports): 1 for a
    /// server, 0 for a client or an empty field.
    static func serverValue(_ key: String) -> UInt8? {
        switch key {
        case "server", "true", "1": return 1
        case "client", "false", "0", "": return 0
        default: return nil
        }
    }
}
