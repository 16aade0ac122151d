import Foundation
import Testing
import TestSupport
@testable import MIME

/// Loads sanitized XSS vectors into real headless Chromium and checks that no script ran and no
/// dangerous element or URL reached the DOM. A control page with unsanitized vectors must trip the same
/// checks, which proves the harness can fail.
@Suite(.serialized) struct SanitizerBrowserTests {
    /// The trusted checker appended after the content. On load it looks inside the content (and inside
    /// each isolating iframe), clicks every `javascript:`/`vbscript:`/`data:` link the browser itself
    /// parsed, and records on the top `<body>` every executable construct it finds.
    static let checker = """
        <script>
        var attempts = 0;
        function framesReady() {
          var frames = document.querySelectorAll('iframe.isolate');
          for (var i = 0; i < frames.length; i++) {
            var doc = frames[i].contentDocument;
            if (!doc || doc.readyState !== 'complete' || !doc.body) return false;
          }
          return true;
        }
        function check() {
          if (!framesReady() && attempts++ < 100) { setTimeout(check, 20); return; }
          var bad = [];
          var forbidden = /^(script|iframe|frame|object|embed|applet|svg|math|form|input|button|select|textarea|style|link|meta|base|template|noscript)$/i;
          function inspect(root, allowFrames) {
            if (!root) { bad.push('missing-root'); return; }
            var links = root.querySelectorAll('a[href], area[href]');
            for (var i = 0; i < links.length; i++) {
              var protocol = links[i].protocol;
              if (protocol === 'javascript:' || protocol === 'vbscript:' || protocol === 'data:') {
                bad.push('link:' + protocol);
                try { links[i].click(); } catch (e) {}
              }
            }
            var all = root.querySelectorAll('*');
            for (var j = 0; j < all.length; j++) {
              var el = all[j];
              if (forbidden.test(el.localName) && !(allowFrames && el.className === 'isolate')) bad.push('element:' + el.localName);
              if (allowFrames && el.className === 'isolate') continue;
              for (var k = 0; k < el.attributes.length; k++) {
                var attr = el.attributes[k];
                if (/^on/i.test(attr.name)) bad.push('handler:' + attr.name);
                if (/(javascript|vbscript|data):/i.test(attr.value.replace(/[\\s\\u0000-\\u001f]/g, ''))) bad.push('url:' + attr.name);
              }
            }
          }
          inspect(document.getElementById('content'), true);
          var frames = document.querySelectorAll('iframe.isolate');
          for (var f = 0; f < frames.length; f++) {
            var doc = frames[f].contentDocument;
            if (!doc || !doc.body) { bad.push('frame-unreadable:' + frames[f].getAttribute('data-index')); continue; }
            if (doc.querySelector('meta[http-equiv], base')) bad.push('frame-head-element');
            inspect(doc.body, false);
          }
          if (document.querySelector('meta[http-equiv], base')) bad.push('head-element');
          document.body.setAttribute('data-checked', String(frames.length));
          if (bad.length) document.body.setAttribute('data-bad', bad.join(' '));
        }
        window.addEventListener('load', check);
        </script>
        """

    /// A page with each section in the content div, or (isolated) each in its own `srcdoc` iframe so
    /// that no section's markup can affect how another is parsed.
    static func page(_ sections: [String], isolated: Bool = false) -> String {
        let body = sections.enumerated().map { index, section in
            isolated
                ? "<iframe class=\"isolate\" data-index=\"\(index)\" srcdoc=\"\(SanitizedHTMLWriter.escape("<!DOCTYPE html><body>" + section, quote: true))\"></iframe>"
                : "<div class=\"vector\" data-index=\"\(index)\">\(section)</div>"
        }.joined()
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>harness</title></head><body><div id=\"content\">"
            + body + "</div>" + checker + "</body></html>"
    }

    static func chromium() throws -> ChromiumRunner? {
        do {
            return try ChromiumRunner.locate()
        } catch let missing as ChromiumRunner.Unavailable {
            if TestEnvironment.skipAllowed { return nil }
            Issue.record(Comment(rawValue: missing.description))
            return nil
        }
    }

    /// Markers left on `<body>` in a dumped DOM: whether the checker ran (and on how many frames), the
    /// vector indexes whose payload ran, and what the checker flagged.
    static func markers(_ dom: String) -> (checked: String?, executed: [Int], bad: String?) {
        guard let bodyStart = dom.range(of: "<body"), let bodyEnd = dom[bodyStart.upperBound...].firstIndex(of: ">") else {
            return (nil, [], nil)
        }
        let tag = String(dom[bodyStart.upperBound..<bodyEnd])
        func value(_ name: String) -> String? {
            guard let range = tag.range(of: " \(name)=\"") else { return nil }
            return String(tag[range.upperBound...].prefix { $0 != "\"" })
        }
        var executed: [Int] = []
        var rest = tag[...]
        while let range = rest.range(of: "data-xss-") {
            if let index = Int(rest[range.upperBound...].prefix { $0.isNumber }) { executed.append(index) }
            rest = rest[range.upperBound...]
        }
        return (value("data-checked"), executed.sorted(), value("data-bad"))
    }

    @Test(arguments: [false, true])
    func sanitizedVectorsNeverRunInChromium(isolated: Bool) async throws {
        guard let chromium = try Self.chromium() else { return }
        let sections = XSSVector.all.enumerated().map { HTMLSanitizer.sanitize($0.element.html(index: $0.offset)) }
        let dom = try await chromium.dumpDOM(of: Self.page(sections, isolated: isolated))
        let result = Self.markers(dom)
        #expect(result.checked == (isolated ? String(sections.count) : "0"), "the checker did not run over every vector")
        let names = result.executed.map { XSSVector.all[$0].name }
        #expect(result.executed.isEmpty, "scripts ran for: \(names)")
        #expect(result.bad == nil, "dangerous constructs in the DOM: \(result.bad ?? "")")
    }

    @Test(arguments: [false, true])
    func unsanitizedControlPageIsCaught(isolated: Bool) async throws {
        guard let chromium = try Self.chromium() else { return }
        let controls = [
            XSSVector(name: "img", template: "<img src=x onerror=\"{P}\">").html(index: 0),
            XSSVector(name: "link", template: "<a href=\"javascript:{P}\">x</a>").html(index: 1),
            XSSVector(name: "entity link", template: "<a href=\"jav&#x09;ascript:{P}\">x</a>").html(index: 2),
        ]
        let dom = try await chromium.dumpDOM(of: Self.page(controls, isolated: isolated))
        let result = Self.markers(dom)
        #expect(result.checked != nil)
        #expect(result.executed.contains(0), "onerror did not fire: \(result)")
        #expect(result.executed.contains(1) && result.executed.contains(2), "javascript: links did not run: \(result)")
        #expect(result.bad?.contains("handler:onerror") == true)
        #expect(result.bad?.contains("link:javascript:") == true)
    }
}
