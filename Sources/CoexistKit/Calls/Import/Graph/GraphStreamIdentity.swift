/// What names a Graph mediaStream, for the duplicate check (`StreamIdentity`): the session and segment
/// ids, the media label and the stream id. Direction and call id are added by the identity itself. Two
/// pages or files holding the same call record (a re-fetch after its `version` grew, an overlapping
/// `startDateTime` filter) then add each stream once.
extension GraphRecordMapper {
    static func sourceKey<N: GraphNode>(session: N, segment: N, media: N, stream: N) -> String {
        func text(_ j: N) -> String { j.stringValue ?? "" }
        let ids = [text(session["id"]), text(segment["id"]), text(stream["streamId"])]
        // A record without any of the ids (trimmed by hand) is identified as a CSV row is.
        if ids.allSatisfy(\.isEmpty) { return "" }
        // The unit separator cannot occur in an id or a label, so the parts cannot run into each other.
        return (ids + [text(media["label"])]).joined(separator: "\u{1F}")
    }
}

extension StreamRecord {
    func keyed(_ key: String) -> StreamRecord {
        var r = self
        r.sourceKey = key
        return r
    }
}

extension StreamIdentity {
    /// The identity of a record appended through `CallStore.append(_:)`: keyed by its `sourceKey`
    /// when it has one, else from its values as a CSV row without a stream id is.
    static func of(_ r: StreamRecord) -> UInt64 {
        let call = hash(r.callId)
        let first = hash(r.firstUser), second = hash(r.secondUser)
        if !r.sourceKey.isEmpty {
            return keyed(call: call, key: hash(r.sourceKey), firstUser: first, secondUser: second, direction: r.direction)
        }
        return unkeyed(call: call, firstUser: first, secondUser: second,
                       start: UInt32(truncatingIfNeeded: r.start), duration: EncodedStream.durationCode(r.durationSeconds),
                       modality: r.modality, direction: r.direction,
                       network: NetworkBits.pack(r.connection, r.wifiBand, r.transport, r.vpn), ice: r.ice)
    }
}
