/// Streams as CQD's "Export report data" writes them: display-name headers, a UTF-8 byte order mark and CRLF
/// line ends, one client-side stream a row (`First Is Server` = Client), each with its own call id.
struct CQDExport {
    static let header = ["Start Time", "Call Id", "Media Type", "Call Type", "Is Teams", "First Is Server", "First UPN",
                         "First Subnet", "First Network Connection Detail", "First WiFi Band", "First VPN", "Transport",
                         "First Connectivity Ice", "First Capture Dev", "Jitter", "Packet Loss Rate", "Round Trip",
                         "Ratio Concealed Samples Avg", "Audio Degradation Avg", "CDR Available", "Call Setup Failed",
                         "Call Setup Failure Reason", "Call Dropped"]

    struct Stream {
        var day = "2026-10-10"
        var media = "Audio"
        var callType = "Conf"
        var teams = true
        var user = "ann@contoso.com"
        var subnet = "10.1.1.0"
        var connection = "Wired"
        var band = ""
        var vpn = false
        var transport = "UDP"
        var device = "Jabra Evolve2 65"
        /// Poor streams have 40 ms jitter (over CQD's 30), good ones 5 ms.
        var poor = false
        var jitter: Double?
        var roundTrip = 60.0
        var loss = 0.001
        var setupFailed = false
        var dropped = false
    }

    private(set) var rows: [String] = []

    mutating func add(_ count: Int, _ s: Stream) {
        for _ in 0..<count {
            let id = "c\(rows.count + 1)"
            let jitter = s.jitter ?? (s.poor ? 40 : 5)
            rows.append([
                "\(s.day) 10:00:00", id, s.media, s.callType, s.teams ? "True" : "False", "Client", s.user, s.subnet,
                s.connection, s.band, s.vpn ? "True" : "False", s.transport, s.setupFailed ? "FAILED" : "DIRECT", s.device,
                s.setupFailed ? "" : "\(jitter)", s.setupFailed ? "" : "\(s.loss)", s.setupFailed ? "" : "\(s.roundTrip)",
                s.setupFailed ? "" : "0.01", s.setupFailed ? "" : "0.2", "True", s.setupFailed ? "True" : "False",
                s.setupFailed ? "Missing FW IP Block Exemption Rule" : "Not Media Failure", s.dropped ? "True" : "False",
            ].joined(separator: ","))
        }
    }

    var text: String { "\u{FEFF}" + ([Self.header.joined(separator: ",")] + rows).joined(separator: "\r\n") + "\r\n" }
}
