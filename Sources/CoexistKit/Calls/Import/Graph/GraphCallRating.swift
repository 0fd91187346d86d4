/// The Rate My Call rating a Graph callRecord gives its streams.
///
/// Graph keeps a rating on a participant endpoint (`feedback.rating`), "the rating provided by the user
/// of this endpoint about the quality of this session" (userFeedback resource type), mostly on the
/// session's caller or callee and not on its segments (Microsoft's "Get callRecord" example rates only
/// on the session). CQD applies a call's rating to every stream of the call: "First Feedback Rating" and
/// "Second Feedback Rating" are the two endpoints' ratings "of the call associated with the stream"
/// (Dimensions and measures available in Call Quality Dashboard). The store keeps one rating per stream,
/// so:
/// - Scope: a peer-to-peer call is one call between two people, so every rating in the record applies
///   to all its streams. In a group call each session is one participant's leg to the service, which is
///   the call CQD associates with that participant's streams, so a rating applies to its session only.
/// - Whose: the worst of the ratings given (either user's, at the session or a segment), ignoring
///   notRated. A complaint by either party is what a review acts on, and a row that kept only one side's
///   rating (the way one First column would) would drop the callee's "poor" in Microsoft's own example.
/// `unknownFutureValue` counts as not rated; any other unknown value is an error at its JSON path.
enum GraphCallRating {
    static func worst<N: GraphNode>(in sessions: [N]) -> Result<UInt8, GraphFieldError> {
        Result { () throws(GraphFieldError) -> UInt8 in
            var worst: UInt8 = 0
            for session in sessions {
                var endpoints = [session["caller"], session["callee"]]
                // A bad segments array is reported where the segments are read.
                for segment in (try? session.elements("segments")) ?? [] {
                    endpoints += [segment["caller"], segment["callee"]]
                }
                for e in endpoints {
                    let r = try rating(of: e)
                    if r != 0 && (worst == 0 || r < worst) { worst = r }
                }
            }
            return worst
        }
    }

    /// 0 (not rated) or 1 (bad) to 5 (excellent).
    static func rating<N: GraphNode>(of endpoint: N) throws(GraphFieldError) -> UInt8 {
        let feedback = endpoint["feedback"]
        _ = try feedback.requireObject()
        return try feedback["rating"].member("feedback rating", unknown: UInt8(0)) { k in
            ["notrated": 0, "bad": 1, "poor": 2, "fair": 3, "good": 4, "excellent": 5][k]
        } ?? 0
    }
}

/// A person at a call endpoint (`identity.user`), as the import report names them.
struct GraphIdentity: Equatable, Sendable {
    var id: String
    var displayName: String
    /// nil when Graph gave none: the row then carries `id`, which does not join the user directory.
    var upn: String?

    /// "Abbie Wilkins (821809f5-...)", for a warning.
    var described: String {
        displayName.isEmpty ? id : id.isEmpty ? displayName : "\(displayName) (\(id))"
    }
}
