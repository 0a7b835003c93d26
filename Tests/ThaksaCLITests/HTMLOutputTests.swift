import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore

/// `thaksa forms` and `thaksa report` through the CLI: golden HTML, escaping, --redact, located
/// errors, empty input, nothing half-written. `UPDATE_GOLDEN=1` rewrites the golden files.
@Suite struct HTMLOutputTests {
    static let dir = repositoryRoot + "/Tests/Fixtures/report"
    static let rules = ["--rules", "../../../rules/ocsc-bma"]

    /// Runs a command that writes `--out` into a fresh folder; returns the run and the file's text (nil if absent).
    func write(_ args: [String]) throws -> (Run, String?) {
        let out = try ruleFolder([:]) + "/out.html"
        let r = Run(args + HTMLOutputTests.rules + ["--out", out], env: ["LANG": "th_TH.UTF-8"], cwd: HTMLOutputTests.dir)
        return (r, try? String(contentsOfFile: out, encoding: .utf8))
    }

    func golden(_ name: String, _ args: [String]) throws {
        let (r, html) = try write(args)
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let path = HTMLOutputTests.dir + "/" + name
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1", let html {
            try html.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html == expected, "\(name) differs from its golden file (UPDATE_GOLDEN=1 to rewrite it)")
    }

    @Test func formsGolden() throws { try golden("forms.html", ["forms", "people.csv", "--year", "2568"]) }
    @Test func formsEnglishRedactedThaiDigitsGolden() throws {
        try golden("forms-en.html", ["forms", "people.csv", "--id", "BMA-0012", "--lang", "en", "--redact", "--digits", "thai"])
    }
    @Test func idp2Golden() throws { try golden("forms-idp2.html", ["forms", "people.csv", "--outcomes", "outcomes.csv", "--year", "2568"]) }
    @Test func idp2EnglishRedactedThaiDigitsGolden() throws {
        try golden("forms-idp2-en.html", ["forms", "people.csv", "--outcomes", "outcomes.csv", "--id", "BMA-0001",
                                          "--lang", "en", "--redact", "--digits", "thai"])
    }
    @Test func reportGolden() throws { try golden("report.html", ["report", "people.csv", "--before", "before.csv"]) }
    @Test func emptyReportGolden() throws { try golden("report-empty.html", ["report", "nobody.csv"]) }

    @Test func namesAndUnitsAreEscaped() throws {
        let (_, forms) = try write(["forms", "people.csv"])
        let html = try #require(forms)
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("สำนักงานเขต &quot;ทดสอบ&quot; &amp; &lt;b&gt;"))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("& <b>"))
        let (_, report) = try write(["report", "people.csv"])
        let dashboard = try #require(report)
        #expect(dashboard.contains("สำนักงานเขต &quot;ทดสอบ&quot; &amp; &lt;b&gt;"))
        #expect(!dashboard.contains("& <b>"))
    }

    @Test func formsShowOnlyThePeopleAskedFor() throws {
        let (r, forms) = try write(["forms", "people.csv", "--id", "BMA-0025", "--id", "BMA-0001", "--id", "BMA-0025"])
        #expect(r.code == 0)
        let html = try #require(forms)
        #expect(html.components(separatedBy: "<section class=\"page idp1\"").count == 3)
        #expect(html.contains("นางปวีณา อ่อนละมัย") && html.contains("นายทรงพล แสงทอง"))
        #expect(!html.contains("นางอำไพ") && !html.contains("alert"))
    }

    @Test func redactReplacesNamesWithIDs() throws {
        let (_, forms) = try write(["forms", "people.csv", "--redact"])
        let html = try #require(forms)
        for name in ["นางปวีณา", "alert", "นายทรงพล", "นางอำไพ"] { #expect(!html.contains(name), "\(name) left in a redacted form") }
        #expect(html.contains("(BMA-0001)"))
    }

    @Test func reportHasNoNames() throws {
        let (_, report) = try write(["report", "people.csv"])
        let html = try #require(report)
        for name in ["นางปวีณา", "alert", "นายทรงพล", "BMA-0001"] { #expect(!html.contains(name)) }
    }

    @Test func noExternalResources() throws {
        for args in [["forms", "people.csv"], ["report", "people.csv", "--before", "before.csv"]] {
            let html = try #require(try write(args).1)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"th\">"))
            #expect(html.contains("<meta charset=\"utf-8\">"))
            let stripped = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            for bad in ["http:", "https:", " src=", "@import", "@font-face", "<link"] { #expect(!stripped.contains(bad), "\(args[0]) has \(bad)") }
        }
    }

    @Test func unknownIDIsALocatedErrorAndNothingIsWritten() throws {
        let (r, html) = try write(["forms", "people.csv", "--id", "BMA-0001", "--id=BMA-001"])
        #expect(r.code == 1)
        #expect(html == nil)
        #expect(r.stderr.contains("บรรทัดคำสั่ง อาร์กิวเมนต์ที่ 5: ไม่พบรหัส `BMA-001` ใน people.csv (หมายถึง `BMA-00"), Comment(rawValue: r.stderr))
        let en = Run(["forms", "people.csv", "--id", "nobody", "--out", "x.html", "--lang", "en"] + HTMLOutputTests.rules, cwd: HTMLOutputTests.dir)
        #expect(en.stderr.contains("error: command line, argument 4: no person with id `nobody` in people.csv"))
    }

    @Test func badRowsStopTheOutput() throws {
        // The sample's header and first person, then the same person again with an invalid answer.
        let rulesDir = repositoryRoot + "/rules/ocsc-bma"
        let sample = try String(contentsOfFile: rulesDir + "/sample/staff.csv", encoding: .utf8).split(separator: "\n").prefix(2).map(String.init)
        var bad = sample[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        bad[0] = "P1"
        bad[14] = "maybe"
        let dir = try ruleFolder(["bad.csv": sample.joined(separator: "\n") + "\n" + bad.joined(separator: ",") + "\n"])
        for command in ["forms", "report"] {
            let r = Run([command, "bad.csv", "--rules", rulesDir, "--out", command + ".html", "--lang", "en"], cwd: dir)
            #expect(r.code == 1)
            #expect(r.stderr.contains("bad.csv: row 3, column 15 (DLit100)"), Comment(rawValue: r.stderr))
            #expect(!FileManager.default.fileExists(atPath: dir + "/" + command + ".html"))
            let skipped = Run([command, "bad.csv", "--rules", rulesDir, "--out", command + ".html", "--skip-invalid"], cwd: dir)
            #expect(skipped.code == 0)
            #expect(FileManager.default.fileExists(atPath: dir + "/" + command + ".html"))
        }
    }

    @Test func anUnwritableTargetIsAnIOError() {
        for command in ["forms", "report"] {
            let r = Run([command, "people.csv", "--out", "/nonexistent-thaksa/x.html", "--lang", "en"] + HTMLOutputTests.rules, cwd: HTMLOutputTests.dir)
            #expect(r.code == 3)
            #expect(r.stderr.hasPrefix("thaksa: cannot write `/nonexistent-thaksa/x.html`: no such folder"), Comment(rawValue: r.stderr))
        }
    }

    @Test func emptyFormsSaySo() throws {
        let (r, forms) = try write(["forms", "nobody.csv"])
        #expect(r.code == 0)
        #expect(try #require(forms).contains("ไม่มีบุคคลในข้อมูลที่ให้มา"))
    }

    /// IDP2: one page per person of the round, the recorded outcome ticked, the rest left empty.
    @Test func idp2Pages() throws {
        let (r, forms) = try write(["forms", "people.csv", "--outcomes", "outcomes.csv"])
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let html = try #require(forms)
        let pages = html.components(separatedBy: "<section class=\"page idp2\"").dropFirst()
        #expect(pages.count == 5 && !html.contains("page idp1"))
        let first = try #require(pages.first)
        // BMA-0001: four plan items, one of each outcome; the other people's boxes are all empty but BMA-0012's and BMA-0040's one.
        #expect(first.components(separatedBy: "aria-label=\"เลือก\">✓</span>").count - 1 == 4)
        for (k, o) in ["เป็นไปตามแผน", "ไม่เป็นไปตามแผน", "ให้ดำเนินการพัฒนาต่อ", "ปรับแผนการพัฒนาใหม่"].enumerated() {
            let row = first.components(separatedBy: "<td class=\"item\">")[k + 1]
            #expect(row.contains("✓</span> " + o), "row \(k + 1) ticks \(o)")
        }
        #expect(first.contains("ติดภารกิจ, ไม่ได้เข้าอบรม") && first.contains("จัดให้เข้าอบรมในไตรมาสแรก"))
        let ticks = pages.map { $0.components(separatedBy: "✓</span>").count - 1 }
        #expect(ticks == [4, 1, 0, 1, 0])
        #expect(pages.allSatisfy { $0.components(separatedBy: "<span class=\"box\"").count - 1 == 16 }, "four rows of four boxes")
    }

    @Test func idp2NotesAreEscaped() throws {
        let (_, forms) = try write(["forms", "people.csv", "--outcomes", "outcomes.csv"])
        let html = try #require(forms)
        #expect(html.contains("<td class=\"note\">&lt;script&gt;alert(&quot;note&quot;)&lt;/script&gt;</td>"))
        #expect(html.contains("ข้อเสนอ &amp; &lt;b&gt;แนะ&lt;/b&gt;"))
        #expect(!html.contains("<script>alert") && !html.contains("<b>แนะ"))
    }

    @Test func idp2ErrorsAreLocatedAndNothingIsWritten() throws {
        let dir = try ruleFolder(["o.csv": "id,item,outcome\nBMA-0001,DG100,ok\nBMA-9999,DG100,revise\nBMA-0025,DG100,revise\n"])
        let out = dir + "/forms.html"
        let r = Run(["forms", "people.csv", "--outcomes", dir + "/o.csv", "--out", out, "--lang", "en"] + HTMLOutputTests.rules,
                    cwd: HTMLOutputTests.dir)
        #expect(r.code == 1)
        #expect(r.stderr.contains("o.csv: row 2, column 3 (outcome): unknown outcome `ok`"), Comment(rawValue: r.stderr))
        #expect(r.stderr.contains("o.csv: row 3, column 1 (id): id `BMA-9999` is not in the BEFORE round (people.csv)"))
        #expect(r.stderr.contains("o.csv: row 4, column 2 (item): `DG100` is not in the plan of `BMA-0025` (DLit100, DLit300, DLit400, DLit700)"))
        #expect(r.stderr.hasSuffix("no forms written\n"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let th = Run(["forms", "people.csv", "--outcomes", dir + "/o.csv", "--out", out, "--lang", "th"] + HTMLOutputTests.rules,
                     cwd: HTMLOutputTests.dir)
        #expect(th.stderr.contains("แถว 3, คอลัมน์ 1 (id): รหัส `BMA-9999` ไม่อยู่ในการประเมินรอบก่อน"), Comment(rawValue: th.stderr))
        let unknown = Run(["forms", "people.csv", "--outcomes", "outcomes.csv", "--id", "BMA-001", "--out", out, "--lang", "en"] + HTMLOutputTests.rules,
                          cwd: HTMLOutputTests.dir)
        #expect(unknown.code == 1)
        #expect(unknown.stderr.contains("error: command line, argument 6: no person with id `BMA-001` in people.csv (did you mean `BMA-00"),
                Comment(rawValue: unknown.stderr))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(Run(["forms", "people.csv", "before.csv", "--outcomes", "outcomes.csv", "--out", out], cwd: HTMLOutputTests.dir).code == 2)
        #expect(Run(["forms", "people.csv", "--outcomes", "outcomes.csv", "--skip-invalid", "--out", out], cwd: HTMLOutputTests.dir).code == 2)
    }

    @Test func usageErrors() throws {
        #expect(Run(["forms", "people.csv"], cwd: HTMLOutputTests.dir).code == 2)
        #expect(Run(["report", "people.csv", "--digits", "roman", "--out", "x.html"], cwd: HTMLOutputTests.dir).code == 2)
        #expect(Run(["forms", "people.csv", "--year", "68", "--out", "x.html"], cwd: HTMLOutputTests.dir).code == 2)
        let help = Run(["forms", "--help", "--lang", "th"])
        #expect(help.stdout.contains("หนึ่งหน้า A4 ต่อหนึ่งคน"))
        #expect(Run(["report", "--help", "--lang", "en"]).stdout.contains("The organisation dashboard"))
    }
}

@Suite struct TextWidthTests {
    @Test func thaiMarksTakeNoColumn() {
        #expect("ลำดับ".displayWidth == 4)          // ล ำ ด บ; the mark ั takes none
        #expect("ลำดับ".count == 3)                 // why `count` is not a width
        #expect("ผู้บริหาร".displayWidth == 6)
        #expect("abc".displayWidth == 3)
        #expect("ลำ".padded(4) == "ลำ  ")
        #expect("7".leftPadded(3) == "  7")
    }

    @Test func digits() {
        #expect(Digits.thai.apply("2568: 33.3%") == "๒๕๖๘: ๓๓.๓%")
        #expect(Digits.arabic.apply("2568") == "2568")
    }

    @Test func htmlEscape() {
        #expect(HTML.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        var h = HTML()
        h.element("td", "<script>", [("title", "\"q\"")])
        #expect(h.text == "<td title=\"&quot;q&quot;\">&lt;script&gt;</td>")
    }
}

@Suite struct ThaiHelpTests {
    @Test func everyCommandHasThaiHelp() {
        for command in CLI.commands.map(\.0) where command != "help" && command != "version" {
            let th = Run([command, "--help", "--lang", "th"])
            #expect(th.code == 0)
            #expect(th.stdout.hasPrefix("วิธีใช้: thaksa \(command)"), "\(command): \(th.stdout.prefix(60))")
            let env = Run(["help", command], env: ["LANG": "th_TH.UTF-8"])
            #expect(env.stdout == th.stdout)
            #expect(Run([command, "--help", "--lang", "en"], env: ["LANG": "th_TH.UTF-8"]).stdout.hasPrefix("Usage: thaksa \(command)"))
        }
        #expect(Run([], env: ["THAKSA_LANG": "th"]).stderr.contains("วิธีใช้: thaksa <คำสั่ง>"))
    }
}
