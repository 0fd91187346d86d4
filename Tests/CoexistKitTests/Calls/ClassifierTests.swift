import Testing
@testable import CoexistKit

@Suite("CQD classification")
struct ClassifierTests {
    func audio(_ m: StreamMetrics, ice: IceConnectivity = .direct) -> StreamQuality {
        CQDClassifier.classify(modality: .audio, ice: ice, metrics: m)
    }

    @Test("each audio threshold is strictly greater")
    func audioEdges() {
        let healthy = StreamMetrics(jitterMs: 5, packetLossRate: 0.01, roundTripMs: 50, concealedRatio: 0.01, audioDegradation: 0.2)
        #expect(audio(healthy) == StreamQuality(.good))
        let cases: [(MetricKind, Double, Double, PoorReasons)] = [
            (.jitter, 30, 30.001, .jitter), (.packetLoss, 0.1, 0.10001, .packetLoss),
            (.roundTrip, 500, 500.001, .roundTrip), (.concealedRatio, 0.07, 0.07001, .concealedRatio),
            (.degradation, 1.0, 1.0001, .degradation),
        ]
        for (kind, at, over, reason) in cases {
            var m = healthy
            m[kind] = at
            #expect(audio(m) == StreamQuality(.good), "\(kind) at the threshold is not poor")
            m[kind] = over
            #expect(audio(m) == StreamQuality(.poor, reason), "\(kind) just over is poor")
        }
    }

    @Test("several audio reasons are all kept")
    func audioReasons() {
        let m = StreamMetrics(jitterMs: 45, packetLossRate: 0.2, roundTripMs: 50)
        #expect(audio(m) == StreamQuality(.poor, [.jitter, .packetLoss]))
    }

    @Test("missing metrics: none reported is unclassified, some reported classify")
    func missing() {
        #expect(audio(StreamMetrics()) == StreamQuality(.unclassified))
        #expect(audio(StreamMetrics(jitterMs: 0)) == StreamQuality(.good))
        #expect(audio(StreamMetrics(roundTripMs: 600)) == StreamQuality(.poor, .roundTrip))
    }

    @Test("ICE failure is unclassified whatever the metrics")
    func iceFailed() {
        #expect(audio(StreamMetrics(jitterMs: 90), ice: .failed) == StreamQuality(.unclassified))
    }

    @Test("video steps: the first reported metric decides, with fall-through")
    func videoSteps() {
        func v(_ m: StreamMetrics, _ mod: Modality = .video) -> StreamQuality {
            CQDClassifier.classify(modality: mod, ice: .direct, metrics: m)
        }
        #expect(v(StreamMetrics(videoFrameLossPct: 50, videoFrameRate: 1)) == StreamQuality(.good))
        #expect(v(StreamMetrics(videoFrameLossPct: 50.01)) == StreamQuality(.poor, .frameLoss))
        #expect(v(StreamMetrics(videoFrameRate: 7, videoPostFECPLR: 0.9)) == StreamQuality(.good))
        #expect(v(StreamMetrics(videoFrameRate: 6.99)) == StreamQuality(.poor, .frameRate))
        #expect(v(StreamMetrics(videoPostFECPLR: 0.15)) == StreamQuality(.good))
        #expect(v(StreamMetrics(videoPostFECPLR: 0.1501)) == StreamQuality(.poor, .postFECLoss))
        #expect(v(StreamMetrics(jitterMs: 99)) == StreamQuality(.unclassified))
        // VBSS: frame rate threshold is 2 fps.
        #expect(v(StreamMetrics(videoFrameRate: 2), .vbss) == StreamQuality(.good))
        #expect(v(StreamMetrics(videoFrameRate: 1.99), .vbss) == StreamQuality(.poor, .frameRate))
        #expect(v(StreamMetrics(videoFrameRate: 5), .video) == StreamQuality(.poor, .frameRate))
    }

    @Test("application sharing: any of three")
    func appSharing() {
        func a(_ m: StreamMetrics) -> StreamQuality { CQDClassifier.classify(modality: .appsharing, ice: .relay, metrics: m) }
        #expect(a(StreamMetrics(spoiledTilePct: 36, tileLatencyMs: 400, relativeOneWaySeconds: 1.75)) == StreamQuality(.good))
        #expect(a(StreamMetrics(spoiledTilePct: 36.01)) == StreamQuality(.poor, .spoiledTiles))
        #expect(a(StreamMetrics(tileLatencyMs: 400.5)) == StreamQuality(.poor, .tileLatency))
        #expect(a(StreamMetrics(relativeOneWaySeconds: 1.751)) == StreamQuality(.poor, .relativeOneWay))
        #expect(a(StreamMetrics()) == StreamQuality(.unclassified))
    }

    @Test("quantisation never moves a value across its threshold, and stays within a step")
    func quantisationKeepsClass() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let mod: Modality = [.audio, .video, .vbss, .appsharing][Int(rng.next() % 4)]
            for kind in MetricKind.allCases where kind.applies(to: mod) {
                let (thr, _) = kind.threshold(for: mod)
                // Values near the threshold, where rounding could carry them across.
                let v = max(0, thr + (rng.unit() - 0.5) * kind.step * 4)
                let stored = kind.decode(kind.encode(v, modality: mod))!
                #expect(CQDClassifier.crosses(kind, v, mod) == CQDClassifier.crosses(kind, stored, mod), "\(kind) \(v) -> \(stored)")
                #expect(abs(stored - v) <= kind.step * 1.0000001)
                let far = rng.unit() * min(thr * 3, 65534 * kind.step)
                let farStored = kind.decode(kind.encode(far, modality: mod))!
                #expect(abs(farStored - far) <= kind.step / 2 * 1.000001 || (abs(far - thr) <= kind.step && abs(farStored - far) <= kind.step), "\(kind) \(far)")
            }
        }
        #expect(MetricKind.jitter.encode(nil, modality: .audio) == MetricKind.missing)
    }
}
