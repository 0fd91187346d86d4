import Foundation
import Testing

/// The saved review rendered by a real browser (Debian's headless Chromium): every SVG label must fit inside its
/// chart's box. A label drawn past the edge is cut when the page is viewed or printed ("2026-1", a bar title
/// running off the right), which text comparison cannot see; only a layout engine measuring the glyphs can.
@Suite struct ReviewInBrowserTests {
    /// Debian's chromium, when it is installed (`scripts/setup --browser` installs it for this test).
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Added to a copy of the page (the report itself carries no script): measures each SVG text element with
    /// getBBox, in the chart's own coordinates, and writes the ones outside the viewBox into the DOM.
    static let probe = """
        <script>
        window.addEventListener('load', function () {
          var out = [], svgs = document.querySelectorAll('svg');
          svgs.forEach(function (svg, i) {
            var vb = svg.viewBox.baseVal, W = vb.width, H = vb.height;
            svg.querySelectorAll('text').forEach(function (t) {
              var b = t.getBBox();
              if (b.width === 0) out.push('chart ' + i + ': "' + t.textContent + '" was not laid out');
              else if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > W + 0.5 || b.y + b.height > H + 0.5)
                out.push('chart ' + i + ': "' + t.textContent + '" at ' + [b.x, b.y, b.width, b.height].map(function (v) { return v.toFixed(1); }).join(',') + ' outside ' + W + 'x' + H);
            });
          });
          var pre = document.createElement('pre');
          pre.id = 'probe';
          pre.textContent = 'charts=' + svgs.length + '\\n' + out.join('\\n');
          document.body.appendChild(pre);
        });
        </script>
        """

    @Test(.enabled(if: chromium != nil, "Chromium is not installed: run scripts/setup --browser to install Debian's chromium for this test"))
    func noSVGLabelOverflowsItsChartInTheSavedReview() throws {
        let home = try TestHome()
        let page = "\(home.root)/qer.html"
        let save = try PipedRun(["-e", "qer():save('\(page)')"], home: home, timeout: 60)
        #expect(save.status == 0, "saving the review failed: \(save.stderr)")
        let html = try #require(home.read(page))
        #expect(html.contains("@media print"), "the review has no print stylesheet")
        let probed = try home.write(html.replacingOccurrences(of: "</body>", with: Self.probe + "</body>"), to: "probed.html")
        let browser = try PipedRun(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--dump-dom",
                                    "file://" + probed],
                                   executable: Self.chromium!, home: home, timeout: 90)
        let dom = browser.stdout
        let report = try #require(dom.range(of: "<pre id=\"probe\">").map { String(dom[$0.upperBound...].prefix { $0 != "<" }) },
                                  "the browser did not run the probe: \(String(browser.stderr.suffix(500)))")
        let lines = report.split(separator: "\n").map(String.init)
        let charts = Int(lines.first?.dropFirst("charts=".count) ?? "") ?? 0
        #expect(charts > 10, "expected the review's charts, found \(charts)")
        let overflows = lines.dropFirst().map { $0.replacingOccurrences(of: "&quot;", with: "\"") }
        #expect(overflows.isEmpty, "labels outside their chart:\n\(overflows.joined(separator: "\n"))")
    }
}
