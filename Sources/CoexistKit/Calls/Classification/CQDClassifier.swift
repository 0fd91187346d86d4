/// CQD's stream classification ("Stream classification in Call Quality Dashboard"), applied once, at import, to the exact values.
///
/// Missing metrics: Microsoft's text says a stream is Unclassified when ICE failed or "all the metrics
/// required to compute stream classification are not reported". We read that as "none of them": a
/// threshold crossed by any reported metric makes the stream Poor, and a stream is Good when at least
/// one required metric was reported and none crossed. Video and VBSS are the documented ordered steps,
/// where the first reported metric decides.
public enum CQDClassifier {
    public static func classify(modality: Modality, ice: IceConnectivity, metrics m: StreamMetrics) -> StreamQuality {
        if ice == .failed { return StreamQuality(.unclassified) }
        switch modality {
        case .audio:
            var r: PoorReasons = []
            var reported = false
            check(.jitter, m.jitterMs, .jitter, modality, &r, &reported)
            check(.packetLoss, m.packetLossRate, .packetLoss, modality, &r, &reported)
            check(.roundTrip, m.roundTripMs, .roundTrip, modality, &r, &reported)
            check(.concealedRatio, m.concealedRatio, .concealedRatio, modality, &r, &reported)
            check(.degradation, m.audioDegradation, .degradation, modality, &r, &reported)
            return verdict(r, reported)
        case .video, .vbss:
            if let v = m.videoFrameLossPct { return step(.frameLoss, v, .frameLoss, modality) }
            if let v = m.videoFrameRate { return step(.frameRate, v, .frameRate, modality) }
            if let v = m.videoPostFECPLR { return step(.postFECLoss, v, .postFECLoss, modality) }
            return StreamQuality(.unclassified)
        case .appsharing:
            var r: PoorReasons = []
            var reported = false
            check(.spoiledTiles, m.spoiledTilePct, .spoiledTiles, modality, &r, &reported)
            check(.tileLatency, m.tileLatencyMs, .tileLatency, modality, &r, &reported)
            check(.relativeOneWay, m.relativeOneWaySeconds, .relativeOneWay, modality, &r, &reported)
            return verdict(r, reported)
        case .unknown:
            return StreamQuality(.unclassified)
        }
    }

    /// Strictly beyond the threshold: 30 ms of jitter is not poor, 30.001 ms is.
    @inline(__always)
    static func crosses(_ kind: MetricKind, _ v: Double, _ modality: Modality) -> Bool {
        let (thr, above) = kind.threshold(for: modality)
        return above ? v > thr : v < thr
    }

    @inline(__always)
    private static func check(_ kind: MetricKind, _ value: Double?, _ reason: PoorReasons, _ modality: Modality,
                              _ reasons: inout PoorReasons, _ reported: inout Bool) {
        guard let v = value else { return }
        reported = true
        if crosses(kind, v, modality) { reasons.insert(reason) }
    }

    @inline(__always)
    private static func step(_ kind: MetricKind, _ v: Double, _ reason: PoorReasons, _ modality: Modality) -> StreamQuality {
        crosses(kind, v, modality) ? StreamQuality(.poor, reason) : StreamQuality(.good)
    }

    @inline(__always)
    private static func verdict(_ reasons: PoorReasons, _ reported: Bool) -> StreamQuality {
        if !reasons.isEmpty { return StreamQuality(.poor, reasons) }
        return StreamQuality(reported ? .good : .unclassified)
    }
}
