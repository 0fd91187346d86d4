/// The columns of the streams CSV: our snake_case names (what `CSVWriter` writes) and the CQD display
/// names accepted as aliases, so a CQD export opens without renaming. Header matching ignores case,
/// spaces and punctuation ("First Subnet", "first_subnet" and "FirstSubnet" are one name).
///
/// Sides. Our names describe the stream from the client's side: `subnet`, `connection`, ... and
/// `first_user` are the client's. CQD's are First/Second ("Dimensions and measures available in Call
/// Quality Dashboard": a server endpoint such as the AV MCU is always First), so in a conference row
/// the client is Second. A CQD header's `First ...` columns map to our names and its `Second ...`
/// columns to their partners (`second*` below, input only); a row whose `First Is Server` says Server
/// is read through the swapped table (`CSVSides`).
enum CSVColumn: Int, CaseIterable {
    case callId, start, duration, modality, callType, product, clientVersion, firstUser, secondUser, direction
    case subnet, connection, wifiBand, vpn, transport, ice, captureDevice
    case jitter, packetLoss, roundTrip, concealedRatio, degradation, frameLoss, frameRate, postFECLoss
    case spoiledTiles, tileLatency, relativeOneWay
    case cdrAvailable, setupFailed, failureReason, dropped, rating
    // Accepted on input only.
    case mediaFailureType, streamId
    case firstIsServer
    case secondSubnet, secondConnection, secondWifiBand, secondVpn, secondTransport, secondIce
    case secondCaptureDevice, secondClientVersion, secondProduct, secondRating

    var name: String {
        switch self {
        case .callId: return "call_id"
        case .start: return "start"
        case .duration: return "duration_s"
        case .modality: return "modality"
        case .callType: return "call_type"
        case .product: return "product"
        case .clientVersion: return "client_version"
        case .firstUser: return "first_user"
        case .secondUser: return "second_user"
        case .direction: return "direction"
        case .subnet: return "subnet"
        case .connection: return "connection"
        case .wifiBand: return "wifi_band"
        case .vpn: return "vpn"
        case .transport: return "transport"
        case .ice: return "ice"
        case .captureDevice: return "capture_device"
        case .cdrAvailable: return "cdr_available"
        case .setupFailed: return "setup_failed"
        case .failureReason: return "failure_reason"
        case .dropped: return "dropped"
        case .rating: return "rating"
        case .mediaFailureType: return "media_failure_type"
        case .streamId: return "stream_id"
        case .firstIsServer: return "first_is_server"
        case .secondSubnet: return "second_subnet"
        case .secondConnection: return "second_connection"
        case .secondWifiBand: return "second_wifi_band"
        case .secondVpn: return "second_vpn"
        case .secondTransport: return "second_transport"
        case .secondIce: return "second_ice"
        case .secondCaptureDevice: return "second_capture_device"
        case .secondClientVersion: return "second_client_version"
        case .secondProduct: return "second_product"
        case .secondRating: return "second_rating"
        default: return metric!.fieldName
        }
    }

    var metric: MetricKind? {
        switch self {
        case .jitter: return .jitter
        case .packetLoss: return .packetLoss
        case .roundTrip: return .roundTrip
        case .concealedRatio: return .concealedRatio
        case .degradation: return .degradation
        case .frameLoss: return .frameLoss
        case .frameRate: return .frameRate
        case .postFECLoss: return .postFECLoss
        case .spoiledTiles: return .spoiledTiles
        case .tileLatency: return .tileLatency
        case .relativeOneWay: return .relativeOneWay
        default: return nil
        }
    }

    /// CQD display names (and a few common spellings) for the column.
    var aliases: [String] {
        switch self {
        case .callId: return ["Call Id", "Call ID", "Conference Id", "Call Record Id", "id"]
        case .start: return ["Start Time", "Start Time UTC", "Start Date Time", "startDateTime", "Date"]
        case .duration: return ["Duration (Seconds)", "Duration Seconds", "Duration"]
        case .modality: return ["Media Type", "Media Line Label Text", "label"]
        case .callType: return ["Call Type", "Session Type", "type"]
        case .product: return ["Product", "Is Teams", "First Product"]
        case .clientVersion: return ["Client Version", "First Client App Version", "First Client Version", "applicationVersion"]
        case .firstUser: return ["First UPN", "First User", "user", "upn"]
        case .secondUser: return ["Second UPN", "Second User"]
        case .direction: return ["Stream Direction", "streamDirection"]
        case .subnet: return ["First Subnet"]
        case .connection: return ["First Network Connection Detail", "Network Connection Detail", "network", "connectionType"]
        case .wifiBand: return ["First WiFi Band", "WiFi Band", "wifiBand"]
        case .vpn: return ["First VPN"]
        case .transport: return ["Transport", "First Transport Protocol"]
        case .ice: return ["First Connectivity Ice", "Connectivity Ice"]
        case .captureDevice: return ["First Capture Dev", "Capture Dev", "Capture Device", "captureDeviceName"]
        case .jitter: return ["Jitter", "Avg Jitter", "averageJitter"]
        case .packetLoss: return ["Packet Loss Rate", "Avg Packet Loss Rate", "averagePacketLossRate"]
        case .roundTrip: return ["Round Trip", "Avg Round Trip", "averageRoundTripTime"]
        case .concealedRatio: return ["Ratio Concealed Samples Avg", "averageRatioOfConcealedSamples"]
        case .degradation: return ["Audio Degradation Avg", "averageAudioDegradation"]
        case .frameLoss: return ["Video Local Frame Loss Percentage Avg", "averageVideoFrameLossPercentage"]
        case .frameRate: return ["Video Frame Rate Avg", "averageVideoFrameRate"]
        case .postFECLoss: return ["Video Post FECPLR", "postForwardErrorCorrectionPacketLossRate"]
        case .spoiledTiles: return ["Spoiled Tile Percent Total"]
        case .tileLatency: return ["AppSharing RDP Tile Processing Latency Average"]
        case .relativeOneWay: return ["AppSharing Relative OneWay Average"]
        case .cdrAvailable: return ["CDR Available", "Is CDR Available"]
        case .setupFailed: return ["Call Setup Failed"]
        case .failureReason: return ["Call Setup Failure Reason"]
        case .dropped: return ["Call Dropped"]
        case .rating: return ["First Feedback Rating", "Feedback Rating", "Rating"]
        case .mediaFailureType: return ["Media Failure Type"]
        case .streamId: return ["Stream Id", "streamId"]
        case .firstIsServer: return ["First Is Server"]
        case .secondSubnet: return ["Second Subnet"]
        case .secondConnection: return ["Second Network Connection Detail"]
        case .secondWifiBand: return ["Second WiFi Band"]
        case .secondVpn: return ["Second VPN"]
        case .secondTransport: return ["Second Transport Protocol"]
        case .secondIce: return ["Second Connectivity Ice"]
        case .secondCaptureDevice: return ["Second Capture Dev"]
        case .secondClientVersion: return ["Second Client App Version", "Second Client Version"]
        case .secondProduct: return ["Second Product"]
        case .secondRating: return ["Second Feedback Rating"]
        }
    }

    /// The other endpoint's column of a First/Second pair: the column a swapped row reads instead.
    var partner: CSVColumn? {
        switch self {
        case .firstUser: return .secondUser
        case .secondUser: return .firstUser
        case .subnet: return .secondSubnet
        case .connection: return .secondConnection
        case .wifiBand: return .secondWifiBand
        case .vpn: return .secondVpn
        case .transport: return .secondTransport
        case .ice: return .secondIce
        case .captureDevice: return .secondCaptureDevice
        case .clientVersion: return .secondClientVersion
        case .product: return .secondProduct
        case .rating: return .secondRating
        case .secondSubnet: return .subnet
        case .secondConnection: return .connection
        case .secondWifiBand: return .wifiBand
        case .secondVpn: return .vpn
        case .secondTransport: return .transport
        case .secondIce: return .ice
        case .secondCaptureDevice: return .captureDevice
        case .secondClientVersion: return .clientVersion
        case .secondProduct: return .product
        case .secondRating: return .rating
        default: return nil
        }
    }

    /// The input-only Second columns whose values the stream keeps in the partner's slot.
    var isSecondSide: Bool { rawValue >= CSVColumn.secondSubnet.rawValue }

    static let required: [CSVColumn] = [.callId, .start, .modality]

    /// What the writer emits, in order.
    static let written: [CSVColumn] = allCases.filter { $0.rawValue < CSVColumn.mediaFailureType.rawValue }

    static let byKey: [String: CSVColumn] = {
        var d: [String: CSVColumn] = [:]
        for c in allCases {
            d[enumKey(c.name)] = c
            for a in c.aliases where d[enumKey(a)] == nil { d[enumKey(a)] = c }
        }
        return d
    }()

    static func match(_ header: String) -> CSVColumn? { byKey[enumKey(header)] }

    /// Every name and alias, for the suggestion that goes with an unknown column.
    static let knownNames: [String] = allCases.flatMap { [$0.name] + $0.aliases }

    /// "unknown column 'First Subnett' (did you mean 'First Subnet'?)": the closest known spelling.
    static func suggestion(for header: String) -> String? {
        EditDistance.nearest(to: header, in: knownNames)
    }
}
