import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore

/// `thaksa progress` and `summary --before` on Tests/Fixtures/progress: two rounds of five people,
/// IDP2 outcomes and a small rule set. The expectations below were worked out by hand from the
/// definitions (rules.thaksa, docs/results.md), not taken from the engine:
///
/// BEFORE (2564)                               AFTER (2565)
/// P1 S  A1 no  A2 no  K1 yes T1 no  → 25      P2 S  all yes                 → 100
///       gaps A1 A2 T1; draft A1 A2 K1         P1 S  A1 yes A2 no K1 yes T1 no → 50
/// P2 S  A1 A2 T1 yes, K1 no → 75              P3 A  (group column) A1 yes K1 no → 50
///       plan column "K1; A2" (agreed)         P5 S  A2 no, others yes       → 75
/// P3 S  A1 no, others yes → 75; draft A1 A2 K1  P6 S  new, all yes          → 100
/// P4 A  A1 no K1 no → 0; draft A1 K1 (leaves)
/// P5 S  all yes → 100; draft (strengths) A1 A2 K1
///
/// Outcomes: P1 A1 ✓ A2 ✗ K1 ✓ · P2 K1 ✓ A2 ✓ · P3 A1 continue, A2 ✓ K1 ✓ · P5 A1 ✓ only · P4 A1 ✓ K1 ✓.
/// Target ๔.๒-style: people in AFTER with a plan of ≥ 2 items before: P1 P2 P3 P5; all items ✓: P2 → 25 %.
@Suite struct ProgressTests {
    static let dir = repositoryRoot + "/Tests/Fixtures/progress"
    static let base = ["progress", "before.csv", "after.csv", "--outcomes", "outcomes.csv", "--rules", "."]

    func run(_ args: [String]) -> Run { Run(args, env: ["LANG": "C"], cwd: ProgressTests.dir) }

    func records(_ r: Run) throws -> [[String: Any]] {
        try r.stdout.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    func golden(_ name: String, _ args: [String]) throws {
        let r = run(args)
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let path = ProgressTests.dir + "/" + name
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(r.stdout == expected, "\(name) differs from its golden file")
    }

    @Test func goldenJSONLines() throws { try golden("progress.jsonl", ProgressTests.base) }
    @Test func goldenCSV() throws { try golden("progress.out.csv", ProgressTests.base + ["--format", "csv"]) }
    @Test func goldenText() throws { try golden("progress.txt", ProgressTests.base + ["--format", "text", "--lang", "th"]) }
    @Test func goldenSummaryJSON() throws { try golden("summary.json", ProgressTests.base + ["--summary", "--format", "json"]) }
    @Test func goldenSummaryText() throws { try golden("summary.txt", ["summary", "after.csv", "--before", "before.csv", "--outcomes", "outcomes.csv", "--rules", "."]) }

    @Test func orderStatusAndGaps() throws {
        let r = run(ProgressTests.base)
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let people = try records(r)
        #expect(people.map { $0["id"] as? String } == ["P2", "P1", "P3", "P5", "P6", "P4"])   // AFTER's order, then BEFORE-only
        #expect(people.map { $0["status"] as? String } == ["both", "both", "both", "both", "after_only", "before_only"])
        let closed = people.map { $0["closed_gaps"] as? [String] ?? ["?"] }
        let new = people.map { $0["new_gaps"] as? [String] ?? ["?"] }
        let remaining = people.map { $0["remaining_gaps"] as? [String] ?? ["?"] }
        #expect(closed == [["K1"], ["A1"], ["A1"], [], [], []])
        #expect(new == [[], [], ["K1"], ["A2"], [], []])
        #expect(remaining == [[], ["A2", "T1"], [], [], [], ["A1", "K1"]])
        // P3's group changed S → A: reported, and compared on both lists (A1 closed although A's list is shorter).
        #expect(people[2]["group_before"] as? String == "S" && people[2]["group_after"] as? String == "A")
        #expect(people[2]["group_changed"] as? Bool == true && people[0]["group_changed"] as? Bool == false)
        #expect(people.map { $0["band_before"] as? String ?? "-" } == ["developing", "beginner", "developing", "ready", "-", "beginner"])
        #expect(people.map { $0["band_after"] as? String ?? "-" } == ["ready", "developing", "developing", "developing", "ready", "-"])
        let readiness = people.map { ($0["scores"] as? [String: Any])?["readiness"] as? [String: Any] ?? [:] }
        #expect(readiness.map { $0["change"] as? Int ?? 999 } == [25, 25, -25, -25, 999, 999])
    }

    @Test func planOutcomesAndProgressScores() throws {
        let people = try records(run(ProgressTests.base))
        let plan = { (i: Int) in (people[i]["plan"] as? [[String: Any]] ?? []) }
        #expect(people[0]["plan_source"] as? String == "agreed")
        #expect(plan(0).map { $0["item"] as? String } == ["K1", "A2"])                      // the agreed plan, not the draft
        #expect(people[1]["plan_source"] as? String == "draft")
        #expect(plan(1).map { $0["item"] as? String } == ["A1", "A2", "K1"])                // T1 (an attribute) takes no slot
        #expect(plan(1).map { $0["outcome"] as? String } == ["as_planned", "not_as_planned", "as_planned"])
        #expect(plan(1).map { $0["gap_closed"] as? Bool } == [true, false, nil])            // K1 was a strength
        #expect(plan(3).map { $0["outcome"] as? String } == ["as_planned", nil, nil])        // P5: one outcome recorded
        #expect(plan(2)[0]["outcome"] as? String == "continue" && plan(2)[0]["suggestion"] as? String == "ต่อปีหน้า")
        let progress = people.map { $0["progress"] as? [String: Any] }
        #expect(progress.map { $0?["developed"] as? Bool } == [true, false, false, false, false, nil])
        #expect(progress.map { $0?["had_idp_before"] as? Bool } == [true, true, true, true, false, nil])
        #expect(progress.map { $0?["gaps_closed"] as? Int } == [1, 1, 1, 0, 0, nil])
        #expect(progress.map { $0?["readiness_change"] as? Int } == [25, 25, -25, -25, 0, nil])
    }

    @Test func summaryPerGroupAndUnit() throws {
        let r = run(ProgressTests.base + ["--summary", "--format", "json"])
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let s = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let targets = try #require(s["targets"] as? [[String: Any]])
        #expect(targets.map { $0["target"] as? String } == ["developed_as_planned"])    // one-round targets are not repeated here
        #expect(targets[0]["value"] as? Int == 25 && targets[0]["met"] as? Bool == false)
        let total = try #require(s["total"] as? [String: Any])
        #expect(total["closed_any_percent"] as? Int == 75)
        #expect((total["mean_change"] as? [String: Any])?["readiness"] as? Int == 0)   // (25 + 25 − 25 − 25) / 4
        let groups = try #require(s["groups"] as? [[String: Any]])
        #expect(groups.map { $0["group"] as? String } == ["S", "A"])
        #expect(groups[0]["closed_any_percent"] as? Double == 66.7)                      // P2, P1 of P2, P1, P5
        #expect((groups[0]["mean_change"] as? [String: Any])?["readiness"] as? Double == 8.3)
        #expect(((groups[0]["targets"] as? [[String: Any]])?[0]["value"] as? Double) == 33.3)
        #expect(groups[1]["before_only_with_plan"] as? Int == 1)                         // P4 left with a plan
        let units = try #require(s["units"] as? [[String: Any]])
        #expect(units.map { $0["unit"] as? String } == ["u1", "u2", "u3"])
        #expect(((units[2]["targets"] as? [[String: Any]])?[0]["value"]) is NSNull)      // u3: nobody had a plan
    }

    @Test func outcomesAsJSONLines() throws {
        let people = try records(run(["progress", "before.csv", "after.csv", "--outcomes", "outcomes.jsonl", "--rules", "."]))
        let p1 = people[1]["plan"] as? [[String: Any]] ?? []
        #expect(p1.map { $0["outcome"] as? String } == ["as_planned", "not_as_planned", nil])
        #expect(p1[0]["note"] as? String == "ผ่านการอบรม")
    }

    @Test func jsonLinesRoundGivesTheSameResult() {
        let csv = run(ProgressTests.base), json = run(["progress", "before.jsonl", "after.csv", "--outcomes", "outcomes.csv", "--rules", "."])
        #expect(json.code == 0, Comment(rawValue: json.stderr))
        #expect(json.stdout == csv.stdout)
    }

    @Test func deterministic() {
        let a = run(ProgressTests.base + ["--format", "csv"]), b = run(ProgressTests.base + ["--format", "csv"])
        #expect(a.code == 0 && a.stdout == b.stdout && a.stdout.hasPrefix("\u{FEFF}id,"))
    }

    @Test func scoreAloneLeavesTwoRoundTargetsUnmeasured() throws {
        let r = run(["summary", "after.csv", "--rules", ".", "--format", "json"])
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let s = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let targets = try #require(s["targets"] as? [[String: Any]])
        #expect(targets.first { $0["target"] as? String == "developed_as_planned" }?["value"] is NSNull)
        #expect(targets.first { $0["target"] as? String == "with_idp" }?["value"] as? Int == 100)
    }

    // MARK: bad input

    func failing(_ files: [String: String], _ args: [String]) throws -> Run {
        let dir = try ruleFolder(files)
        for f in ["rules.thaksa", "before.csv", "after.csv", "outcomes.csv"] where files[f] == nil {
            try FileManager.default.copyItem(atPath: ProgressTests.dir + "/" + f, toPath: dir + "/" + f)
        }
        return Run(args + ["--rules", "."], env: ["LANG": "C"], cwd: dir)
    }

    @Test func badOutcomesAreLocated() throws {
        let outcomes = """
        id,item,outcome
        P9,A1,เป็นไปตามแผน
        P1,T1,เป็นไปตามแผน
        P1,A1,ตามแผน
        P2,A2,as_planned
        P2,A2,revise

        """
        let r = try failing(["outcomes.csv": outcomes], ["progress", "before.csv", "after.csv", "--outcomes", "outcomes.csv", "--out", "out.jsonl"])
        #expect(r.code == 1)
        #expect(r.stderr.contains("outcomes.csv: row 4, column 3 (outcome): unknown outcome `ตามแผน`"))
        #expect(r.stderr.contains("outcomes.csv: row 2, column 1 (id): id `P9` is not in the BEFORE round"))
        #expect(r.stderr.contains("outcomes.csv: row 3, column 2 (item): `T1` is not in the plan of `P1` (A1, A2, K1)"))
        #expect(r.stderr.contains("outcomes.csv: row 6, column 2 (item): the outcome of `A2` for `P2` is already given in row 5"))
        let th = try failing(["outcomes.csv": outcomes], ["progress", "before.csv", "after.csv", "--outcomes", "outcomes.csv", "--lang", "th"])
        #expect(th.stderr.contains("outcomes.csv: แถว 4, คอลัมน์ 3 (outcome): ไม่รู้จักผลการดำเนินการ `ตามแผน`"))
        #expect(th.stderr.contains("รหัส `P9` ไม่อยู่ในการประเมินรอบก่อน"))
    }

    @Test func nothingWrittenOnError() throws {
        let dir = try ruleFolder(["outcomes.csv": "id,item,outcome\nP1,A1,maybe\n"])
        for f in ["rules.thaksa", "before.csv", "after.csv"] { try FileManager.default.copyItem(atPath: ProgressTests.dir + "/" + f, toPath: dir + "/" + f) }
        try "old".write(toFile: dir + "/out.jsonl", atomically: true, encoding: .utf8)
        let r = Run(["progress", "before.csv", "after.csv", "--outcomes", "outcomes.csv", "--rules", ".", "--out", "out.jsonl"], env: ["LANG": "C"], cwd: dir)
        #expect(r.code == 1)
        #expect(try String(contentsOfFile: dir + "/out.jsonl", encoding: .utf8) == "old")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(!names.contains { $0.hasSuffix(".tmp") })
        let ok = Run(["progress", "before.csv", "after.csv", "--rules", ".", "--out", "out.jsonl"], env: ["LANG": "C"], cwd: dir)
        #expect(ok.code == 0 && ok.stdout.isEmpty)
        #expect(try String(contentsOfFile: dir + "/out.jsonl", encoding: .utf8).hasPrefix("{\"id\":\"P2\""))
    }

    /// A round may come as an .xlsx workbook, as `score` reads them: the LibreOffice copy of the
    /// sample gives exactly the results of the CSV it was made from.
    @Test func aRoundReadFromAWorkbook() {
        let after = repositoryRoot + "/rules/ocsc-bma/sample/staff-2565.csv"
        let csv = run(["progress", repositoryRoot + "/rules/ocsc-bma/sample/staff.csv", after])
        let xlsx = run(["progress", repositoryRoot + "/Tests/Fixtures/xlsx/staff.xlsx", after])
        #expect(csv.code == 0 && xlsx.code == 0, Comment(rawValue: csv.stderr + xlsx.stderr))
        #expect(!csv.stdout.isEmpty && xlsx.stdout == csv.stdout)
    }

    @Test func mismatchedRounds() throws {
        let same = run(["progress", "before.csv", "./before.csv", "--rules", "."])
        #expect(same.code == 1 && same.stderr.contains("BEFORE and AFTER are the same file"))
        let copy = try failing(["after.csv": try String(contentsOfFile: ProgressTests.dir + "/before.csv", encoding: .utf8)], ["progress", "before.csv", "after.csv"])
        #expect(copy.code == 1 && copy.stderr.contains("after.csv has the same content as before.csv"))
        let strangers = try failing(["after.csv": "id,unit,group,A1,A2,K1,T1\nQ1,u1,S,yes,yes,yes,yes\n"], ["progress", "before.csv", "after.csv"])
        #expect(strangers.code == 1 && strangers.stderr.contains("no id of after.csv is in before.csv"))
        let otherRules = try failing(["after.csv": "id,unit,group,DLit100,KB1\nP1,u1,S,มี,มี\n"], ["progress", "before.csv", "after.csv"])
        #expect(otherRules.code == 1 && otherRules.stderr.contains("after.csv: row 1, column 4: 2 columns match no item or person field: `DLit100`, `KB1`"))
        let backwards = run(["progress", "after.csv", "before.csv", "--rules", "."])
        #expect(backwards.code == 1 && backwards.stderr.contains("the AFTER round is fiscal year 2564, not later than the BEFORE round's 2565"))
        let twice = try failing(["after.csv": "id,unit,group,A1,A2\nP1,u1,S,yes,yes\nP1,u1,S,no,no\n"], ["progress", "before.csv", "after.csv"])
        #expect(twice.code == 1 && twice.stderr.contains("after.csv: row 3 (id): id `P1` is already used in row 2"))
    }

    @Test func badPlanAndYearColumns() throws {
        let before = "id,unit,group,A1,plan,fiscal_year,A2\nP1,u1,S,no,A1; XYZ,2564,no\nP2,u1,S,no,,2563,no\n"
        let r = try failing(["before.csv": before], ["progress", "before.csv", "after.csv"])
        #expect(r.code == 1)
        #expect(r.stderr.contains("before.csv: row 2, column 5 (plan): unknown item `XYZ` in the agreed plan"))
        #expect(r.stderr.contains("before.csv: row 3, column 6 (fiscal_year): fiscal year 2563 differs from 2564 in row 2"))
    }

    @Test func usage() {
        #expect(run(["progress", "before.csv", "--rules", "."]).code == 2)
        #expect(run(["summary", "after.csv", "--before"]).code == 2)
        #expect(run(["progress", "before.csv", "missing.csv", "--rules", "."]).code == 3)
        #expect(run(["progress", "--help"]).stdout.contains("--outcomes FILE"))
    }
}

/// `thaksa test` on a two-round file (a `round` column): expectations are checked, and a wrong one fails.
@Suite struct TwoRoundFixtureTests {
    func folder(_ expectDeveloped: String) throws -> String {
        let rules = try String(contentsOfFile: ProgressTests.dir + "/rules.thaksa", encoding: .utf8)
        let dir = try ruleFolder(["rules.thaksa": rules])
        try FileManager.default.createDirectory(atPath: dir + "/tests", withIntermediateDirectories: true)
        let csv = """
        case,round,id,unit,group,has,has_not,plan,outcomes,expect_status,expect_closed_gaps,expect_developed,expect_readiness_change
        p1_before,before,P1,u1,S,K1;T1,A1;A2,,A1: เป็นไปตามแผน; A2: as_planned; K1: เป็นไปตามแผน,,,,
        p1_after,after,P1,u1,S,A1;A2;K1;T1,,,,both,A1;A2,\(expectDeveloped),50
        p2_before,ก่อน,P2,u1,S,A1;A2;K1;T1,,A1; K1,A1: continue,,,,
        p2_after,หลัง,P2,u1,S,A1;A2;K1,T1,,,both,,false,-25

        """
        try csv.write(toFile: dir + "/tests/two.csv", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func passesAndFails() throws {
        // P1: 50 → 100, plan A1 A2 K1 all as planned; P2: 100 → 75, agreed plan A1 K1, A1 continue.
        let good = Run(["test", try folder("true")], env: ["LANG": "C"])
        #expect(good.code == 0, Comment(rawValue: good.stdout + good.stderr))
        #expect(good.stdout.contains("4 passed, 0 failed"))
        let bad = Run(["test", try folder("false")], env: ["LANG": "C"])
        #expect(bad.code == 1)
        #expect(bad.stdout.contains("p1_after") && bad.stdout.contains("developed"))
    }
}
