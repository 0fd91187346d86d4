import Foundation
@testable import CoexistKit

/// The oracle's JSON values: Foundation's `JSONSerialization` output, read through `GraphNode` so that
/// the importer's mapper runs unchanged on it (`LegacyGraphImporter`).
struct GraphJSON: GraphNode {
    let value: Any?
    let path: String

    init(_ value: Any?, path: String) {
        self.value = value
        self.path = path
    }

    subscript(key: String) -> GraphJSON {
        GraphJSON((value as? [String: Any])?[key], path: path + "." + key)
    }

    var isNull: Bool { value == nil || value is NSNull }
    var isObject: Bool { value is [String: Any] }

    var arrayElements: [GraphJSON]? {
        guard let a = value as? [Any] else { return nil }
        return a.enumerated().map { GraphJSON($0.element, path: "\(path)[\($0.offset)]") }
    }

    var stringValue: String? { value as? String }

    var numberValue: Double? {
        guard let n = value as? NSNumber, !isJSONBoolean(n) else { return nil }
        return n.doubleValue
    }

    var shown: String? {
        switch value {
        case nil: return nil
        case let s as String: return s
        case is NSNull: return "null"
        case let n as NSNumber: return isJSONBoolean(n) ? (n.boolValue ? "true" : "false") : n.stringValue
        case is [Any]: return "[...]"
        case is [String: Any]: return "{...}"
        default: return "\(value!)"
        }
    }
}

/// JSON `true` arrives as an NSNumber that `as? Double` and `is Bool` also accept (as does 1); only
/// its class tells them apart. A metric given as a Boolean is a type error, not 1.0.
private func isJSONBoolean(_ n: NSNumber) -> Bool {
    String(describing: type(of: n)).contains("Boolean")
}
