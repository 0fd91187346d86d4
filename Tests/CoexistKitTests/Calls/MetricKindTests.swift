import Testing
@testable import CoexistKit

@Suite("metric quantisation")
struct MetricKindTests {
    @Test("each step literal is exactly multiplier / 10^decimals")
    func steps() {
        for k in MetricKind.allCases {
            let s = k.scale
            #expect(k.step == Double(s.multiplier) / pow10(s.decimals), "\(k)")
        }
    }

    @Test("encoding rounds to the nearest step, saturates, and never crosses a threshold")
    func encode() {
        #expect(MetricKind.jitter.decode(MetricKind.jitter.encode(12.34, modality: .audio)) == 12.3)
        #expect(MetricKind.jitter.decode(MetricKind.jitter.encode(12.36, modality: .audio)) == 12.4)
        #expect(MetricKind.jitter.encode(1e300, modality: .audio) == UInt16(MetricKind.maxCode))
        #expect(MetricKind.jitter.decode(MetricKind.jitter.encode(30.04, modality: .audio))! > 30)
        #expect(MetricKind.jitter.decode(MetricKind.jitter.encode(30, modality: .audio)) == 30)
        #expect(MetricKind.frameRate.decode(MetricKind.frameRate.encode(6.999, modality: .video))! < 7)
        #expect(MetricKind.jitter.encode(nil, modality: .audio) == MetricKind.missing)
    }
}
