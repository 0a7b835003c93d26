import Foundation
import Testing
@testable import ThaksaCLI

/// The HTML outputs rendered by a real browser (Debian's `chromium`, headless): Thai text stays in
/// its cell, the forms print one A4 page per person, the dashboard's charts are there. Skipped with
/// a message when Chromium is not installed (`.ci/run` installs it).
@Suite(.serialized) struct ChromiumTests {
    static let browser: String? = {
        let env = ProcessInfo.processInfo.environment["CHROMIUM"].map { [$0] } ?? []
        return (env + ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"])
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func skip(_ test: String) -> Bool {
        guard browser == nil else { return false }
        print("skipped \(test): Chromium not found (apt-get install chromium, or set CHROMIUM=/path/to/chromium)")
        return true
    }

    /// Runs headless Chromium on a file with extra flags; returns its standard output.
    static func chromium(_ flags: [String], _ file: String) throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-chromium-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(browser))
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile,
                       "--run-all-compositor-stages-before-draw"] + flags + ["file://" + file]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes the command's HTML, plus a copy with a probe script that records in the DOM which
    /// cells' text is wider than the cell (scrollWidth > clientWidth).
    static func render(_ args: [String]) throws -> (html: String, probed: String, dir: String) {
        let dir = try ruleFolder([:])
        let r = Run(args + ["--rules", repositoryRoot + "/rules/ocsc-bma", "--out", dir + "/out.html"], env: ["LANG": "th_TH.UTF-8"],
                    cwd: repositoryRoot + "/Tests/Fixtures/report")
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let html = try String(contentsOfFile: dir + "/out.html", encoding: .utf8)
        let probe = """
        <script>
        (function () {
          function over(c) { return c.scrollWidth > c.clientWidth + 1; }
          var bad = [];
          document.querySelectorAll("td, th, .fill, .figure").forEach(function (c) {
            if (over(c)) { bad.push(c.textContent.slice(0, 60)); }
          });
          // Chart text must stay inside its chart (labels are cut to fit; the full text is in the table).
          document.querySelectorAll("svg text").forEach(function (t) {
            var b = t.getBBox(), w = t.ownerSVGElement.viewBox.baseVal.width;
            if (b.x < -0.5 || b.x + b.width > w + 0.5) { bad.push("chart: " + t.textContent.slice(0, 60)); }
          });
          // A control: a cell made to overflow must be seen as overflowing, or the probe sees nothing.
          var t = document.createElement("table"), cell = t.insertRow().insertCell();
          cell.style.cssText = "width: 20px; max-width: 20px; overflow: hidden; white-space: nowrap";
          cell.textContent = "ความสามารถด้านดิจิทัล";
          document.body.appendChild(t);
          var out = document.createElement("pre");
          out.setAttribute("data-control", String(over(cell)));
          out.id = "probe";
          out.setAttribute("data-overflow", String(bad.length));
          out.textContent = bad.join(" | ");
          document.body.appendChild(out);
        })();
        </script>
        """
        let probed = html.replacingOccurrences(of: "</body>", with: probe + "</body>")
        try probed.write(toFile: dir + "/probed.html", atomically: true, encoding: .utf8)
        return (html, dir + "/probed.html", dir)
    }

    static func overflow(_ dom: String) -> String? {
        guard dom.contains("data-control=\"true\"") else { return "probe saw no overflow in its control cell" }
        guard let r = dom.range(of: "data-overflow=\"") else { return nil }
        return String(dom[r.upperBound...].prefix { $0 != "\"" })
    }

    /// Pages in a PDF as Chromium writes it: one `/Type /Page` object each (`/Pages` is the tree).
    static func pageCount(_ pdf: Data) -> Int {
        let text = String(decoding: pdf, as: UTF8.self)
        return text.components(separatedBy: "/Type /Page").count - 1 - (text.components(separatedBy: "/Type /Pages").count - 1)
    }

    @Test func formsFitTheirCellsAndPrintOnePagePerPerson() throws {
        if ChromiumTests.skip("forms in Chromium") { return }
        let (_, probed, dir) = try ChromiumTests.render(["forms", "people.csv", "--year", "2568"])
        let dom = try ChromiumTests.chromium(["--dump-dom", "--window-size=1280,900"], probed)
        #expect(dom.contains("class=\"page idp1\""))
        #expect(ChromiumTests.overflow(dom) == "0", Comment(rawValue: dom.components(separatedBy: "id=\"probe\"").last ?? ""))
        let pdf = dir + "/forms.pdf"
        _ = try ChromiumTests.chromium(["--print-to-pdf=" + pdf, "--no-pdf-header-footer"], dir + "/out.html")
        let data = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(ChromiumTests.pageCount(data) == 5, "5 people, one A4 page each")
        let png = dir + "/forms.png"
        _ = try ChromiumTests.chromium(["--screenshot=" + png, "--window-size=1280,1000"], dir + "/out.html")
        #expect(((try? FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0) > 10_000)
        print("forms rendered: \(png), \(pdf)")
    }

    @Test func idp2FormsFitTheirCellsAndPrintOnePagePerPerson() throws {
        if ChromiumTests.skip("IDP2 forms in Chromium") { return }
        let (_, probed, dir) = try ChromiumTests.render(["forms", "people.csv", "--outcomes", "outcomes.csv", "--year", "2568"])
        let dom = try ChromiumTests.chromium(["--dump-dom", "--window-size=1280,900"], probed)
        #expect(dom.contains("class=\"page idp2\""))
        #expect(ChromiumTests.overflow(dom) == "0", Comment(rawValue: dom.components(separatedBy: "id=\"probe\"").last ?? ""))
        let pdf = dir + "/forms.pdf"
        _ = try ChromiumTests.chromium(["--print-to-pdf=" + pdf, "--no-pdf-header-footer"], dir + "/out.html")
        #expect(ChromiumTests.pageCount(try Data(contentsOf: URL(fileURLWithPath: pdf))) == 5, "5 people, one A4 page each")
        let png = dir + "/forms.png"
        _ = try ChromiumTests.chromium(["--screenshot=" + png, "--window-size=1280,1000"], dir + "/out.html")
        print("IDP2 forms rendered: \(png), \(pdf)")
    }

    /// A rule set with long plans (up to 8 items of 5 courses): pages too tall for a sheet are
    /// scaled down by the forms' script, so the PDF still has one page per person.
    @Test func longPlansStillPrintOnePagePerPerson() throws {
        if ChromiumTests.skip("long forms in Chromium") { return }
        let rules = try ruleFolder([:]) + "/rules"
        try FileManager.default.copyItem(atPath: repositoryRoot + "/rules/ocsc-bma", toPath: rules)
        let scoring = rules + "/scoring.thaksa"
        var text = try String(contentsOfFile: scoring, encoding: .utf8)
        for (old, new) in [("\n  items 2 to 4\n", "\n  items 2 to 8\n"), ("\n  courses 3\n", "\n  courses 5\n")] {
            #expect(text.contains(old), "test setup: `\(old)` not in scoring.thaksa")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(toFile: scoring, atomically: true, encoding: .utf8)
        let dir = try ruleFolder([:])
        let r = Run(["forms", "people.csv", "--rules", rules, "--out", dir + "/out.html"], cwd: repositoryRoot + "/Tests/Fixtures/report")
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let html = try String(contentsOfFile: dir + "/out.html", encoding: .utf8)
        #expect(html.components(separatedBy: "<tr>").count > 40, "the plans are long")
        let dom = try ChromiumTests.chromium(["--dump-dom"], dir + "/out.html")
        #expect(dom.contains("zoom:"), "at least one page needed scaling")
        _ = try ChromiumTests.chromium(["--print-to-pdf=" + dir + "/forms.pdf", "--no-pdf-header-footer"], dir + "/out.html")
        #expect(ChromiumTests.pageCount(try Data(contentsOf: URL(fileURLWithPath: dir + "/forms.pdf"))) == 5)
    }

    @Test func reportHasItsChartsAndNothingOverflows() throws {
        if ChromiumTests.skip("report in Chromium") { return }
        let (_, probed, dir) = try ChromiumTests.render(["report", "people.csv", "--before", "before.csv"])
        let dom = try ChromiumTests.chromium(["--dump-dom", "--window-size=900,1200"], probed)
        #expect(ChromiumTests.overflow(dom) == "0", Comment(rawValue: dom.components(separatedBy: "id=\"probe\"").last ?? ""))
        let charts = dom.components(separatedBy: "<svg ").count - 1
        #expect(charts >= 7, "targets, groups (mean, bands), units (mean, bands), gaps, change")
        for id in ["group-mean", "group-bands", "unit-bands", "gaps", "change-groups"] { #expect(dom.contains("id=\"\(id)\"")) }
        #expect(dom.contains("class=\"bar\"") && dom.contains("class=\"seg\""))
        // every chart is followed by a table with its numbers
        #expect(dom.components(separatedBy: "<table class=\"data\"").count - 1 >= 5)
        let pdf = dir + "/report.pdf"
        _ = try ChromiumTests.chromium(["--print-to-pdf=" + pdf, "--no-pdf-header-footer"], dir + "/out.html")
        #expect(ChromiumTests.pageCount(try Data(contentsOf: URL(fileURLWithPath: pdf))) >= 1)
        let png = dir + "/report.png"
        _ = try ChromiumTests.chromium(["--screenshot=" + png, "--window-size=900,2400"], dir + "/out.html")
        print("report rendered: \(png), \(pdf)")
    }

    @Test func tablesSortWhenAHeadingIsClicked() throws {
        if ChromiumTests.skip("sortable tables in Chromium") { return }
        let (html, _, dir) = try ChromiumTests.render(["report", "people.csv"])
        // Click the unit table's mean readiness heading: ascending, then descending; record the column.
        let click = """
        <script>
        var table = document.querySelectorAll("table.data")[2], heads = table.tHead.rows[0].cells, k = 0;
        for (var i = 0; i < heads.length; i++) { if (/readiness|ความพร้อม/.test(heads[i].textContent)) { k = i; break; } }
        var th = heads[k];
        function column() { return Array.prototype.map.call(table.tBodies[0].rows, function (r) { return r.cells[k].getAttribute("data-v"); }).join(" "); }
        th.click(); var up = column(); th.click();
        document.body.setAttribute("data-sorted", up + " / " + column());
        </script>
        """
        try html.replacingOccurrences(of: "</body>", with: click + "</body>").write(toFile: dir + "/click.html", atomically: true, encoding: .utf8)
        let dom = try ChromiumTests.chromium(["--dump-dom"], dir + "/click.html")
        let sorted = try #require(dom.range(of: "data-sorted=\"").map { String(dom[$0.upperBound...].prefix { $0 != "\"" }) })
        let halves = sorted.components(separatedBy: " / ").map { $0.split(separator: " ").compactMap { Double($0) } }
        #expect(halves.count == 2 && halves[0].count == 5, Comment(rawValue: sorted))
        #expect(halves[0] == halves[0].sorted() && halves[1] == halves[0].reversed(), Comment(rawValue: sorted))
        #expect(Set(halves[0]).count > 1, "the column has different values, so the order is tested")
    }
}
