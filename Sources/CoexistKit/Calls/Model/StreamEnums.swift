/// The small closed vocabularies of a stream record. Each is stored as a few bits of a byte column,
/// so raw values are stable codes: never renumber a case, only add.
/// `parse` accepts our snake_case names, CQD's display values and Graph's enum members, case- and
/// punctuation-insensitively, because real exports mix all three.

public enum Modality: UInt8, CaseIterable, Sendable {
    case unknown = 0, audio, video, vbss, appsharing

    public var name: String { ["unknown", "audio", "video", "vbss", "appsharing"][Int(rawValue)] }

    public static func parse(_ key: String) -> Modality? {
        switch key {
        case "audio", "mainaudio": return .audio
        case "video", "mainvideo": return .video
        case "vbss", "videobasedscreensharing", "applicationsharingvideo": return .vbss
        case "appsharing", "applicationsharing", "screensharing", "data", "rdp": return .appsharing
        case "unknown", "": return .unknown
        default: return nil
        }
    }
}

public enum CallType: UInt8, CaseIterable, Sendable {
    case unknown = 0, p2p, conference, pstn

    public var name: String { ["unknown", "p2p", "conference", "pstn"][Int(rawValue)] }

    public static func parse(_ key: String) -> CallType? {
        switch key {
        case "p2p", "peertopeer", "twoparty": return .p2p
        case "conference", "conf", "groupcall", "conferencing", "meeting": return .conference
        case "pstn", "phone": return .pstn
        case "unknown", "": return .unknown
        default: return nil
        }
    }
}

public enum Product: UInt8, CaseIterable, Sendable {
    case unknown = 0, teams, sfb

    public var name: String { ["unknown", "teams", "sfb"][Int(rawValue)] }

    public static func parse(_ key: String) -> Product? {
        switch key {
        case "teams", "microsoftteams", "true": return .teams
        case "sfb", "skypeforbusiness", "lync", "false": return .sfb
        case "unknown", "": return .unknown
        default: return nil
        }
    }
}

public enum StreamDirection: UInt8, CaseIterable, Sendable {
    case firstToSecond = 0, secondToFirst

    public var name: String { self == .firstToSecond ? "first_to_second" : "second_to_first" }

    public static func parse(_ key: String) -> StreamDirection? {
        switch key {
        case "firsttosecond", "callertocallee", "": return .firstToSecond
        case "secondtofirst", "calleetocaller": return .secondToFirst
        default: return nil
        }
    }
}

public enum NetworkConnection: UInt8, CaseIterable, Sendable {
    case unknown = 0, wired, wifi, mobile, tunnel, other

    public var name: String { ["unknown", "wired", "wifi", "mobile", "tunnel", "other"][Int(rawValue)] }

    public static func parse(_ key: String) -> NetworkConnection? {
        switch key {
        case "wired", "ethernet": return .wired
        case "wifi", "wireless": return .wifi
        case "mobile", "mobilebb", "cellular": return .mobile
        case "tunnel": return .tunnel
        case "other": return .other
        case "unknown", "": return .unknown
        default: return nil
        }
    }
}

public enum WifiBand: UInt8, CaseIterable, Sendable {
    case unknown = 0, ghz24, ghz5, ghz60

    public var name: String { ["unknown", "2.4ghz", "5ghz", "60ghz"][Int(rawValue)] }

    public static func parse(_ key: String) -> WifiBand? {
        switch key {
        case "24", "24ghz", "frequency24ghz": return .ghz24
        case "5", "50", "5ghz", "50ghz", "frequency50ghz": return .ghz5
        case "60", "60ghz", "frequency60ghz": return .ghz60
        case "unknown", "": return .unknown
        default: return nil
        }
    }
}

public enum Transport: UInt8, CaseIterable, Sendable {
    case unknown = 0, udp, tcp

    public var name: String { ["unknown", "udp", "tcp"][Int(rawValue)] }

    public static func parse(_ key: String) -> Transport? {
        switch key {
        case "udp": return .udp
        case "tcp", "turntcp", "tcphostpassive", "tcphostactive", "compoundtcp": return .tcp
        case "unknown", "unrecognized", "": return .unknown
        default: return nil
        }
    }
}

public enum IceConnectivity: UInt8, CaseIterable, Sendable {
    case unknown = 0, direct, relay, http, failed

    public var name: String { ["unknown", "direct", "relay", "http", "failed"][Int(rawValue)] }

    public static func parse(_ key: String) -> IceConnectivity? {
        switch key {
        case "direct": return .direct
        case "relay": return .relay
        case "http": return .http
        case "failed": return .failed
        case "unknown", "": return .unknown
        default: return nil
        }
    }
}

/// CQD's three stream classes.
public enum QualityClass: UInt8, CaseIterable, Sendable {
    case unclassified = 0, good, poor

    public var name: String { ["unclassified", "good", "poor"][Int(rawValue)] }

    public static func parse(_ key: String) -> QualityClass? {
        switch key {
        case "unclassified": return .unclassified
        case "good": return .good
        case "poor": return .poor
        default: return nil
        }
    }
}

/// The key `parse` functions match against: lower-case letters and digits only, so
/// "First-to-Second", "first_to_second" and "FirstToSecond" are one value.
@inline(__always)
func enumKey(_ s: String) -> String {
    // Into the new string's own buffer: appending a scalar at a time cost 8% of a Graph import.
    var s = s
    return s.withUTF8 { src in
        String(unsafeUninitializedCapacity: src.count) { out in
            var n = 0
            for u in src {
                if u >= 65 && u <= 90 { out[n] = u + 32; n += 1 }
                else if (u >= 97 && u <= 122) || (u >= 48 && u <= 57) { out[n] = u; n += 1 }
            }
            return n
        }
    }
}
