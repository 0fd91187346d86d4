/// What names a Graph mediaStream, for the duplicate check (`StreamIdentity`): the session and segment
/// ids, the media label and the stream id. Direction and call id are added by the identity itself. Two
/// pages or files holding the same call record (a re-fetch after its `version` grew, an overlapping
/// `startDateTime` filter) then add each stream once.
extension GraphRecordMapper {
    ///
    /// `row` is the stream as mapped. A P2P stream describes its sender, so both directions of a media are
    /// `first_to_second`, told apart only by whose side is first. When both ends are the same user (two
    /// guests or PSTN ends without an identity, or one UPN on both sides) and there is no `streamId`, the
    /// two directions would share one identity and the second would be dropped as a repeat: then the
    /// callee's stream gets its direction in the key. Only that stream's key changes, so every identity a
    /// workspace already holds is as before.
    static func sourceKey<N: GraphNode>(session: N, segment: N, media: N, stream: N, row: StreamRecord) -> String {
        func text(_ j: N) -> String { j.stringValue ?? "" }
        let ids = [text(session["id"]), text(segment["id"]), text(stream["streamId"])]
        // A record without any of the ids (trimmed by hand) is identified as a CSV row is.
        if ids.allSatisfy(\.isEmpty) { return "" }
        var parts = ids + [text(media["label"])]
        if ids[2].isEmpty, row.firstUser == row.secondUser, enumKey(text(stream["streamDirection"])) == "calleetocaller" {
            parts.append("calleeToCaller")
        }
        // The unit separator cannot occur in an id or a label, so the parts cannot run into each other.
        return parts.joined(separator: "\u{1F}")
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
