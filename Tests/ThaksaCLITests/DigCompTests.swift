import Foundation
import Testing
@testable import ThaksaCLI

/// The second shipped framework, rules/digcomp (DigComp 2.2 with three example job profiles):
/// its sample staff file scored end to end through the CLI and compared with golden files
/// (`UPDATE_GOLDEN=1` rewrites them), its fixtures run, and a changed requirement caught.
@Suite struct DigCompTests {
    static let rules = "rules/digcomp"
    static let sample = "rules/digcomp/sample/staff.csv"
    static let goldenDir = repositoryRoot + "/Tests/Fixtures/digcomp"

    func golden(_ name: String, _ args: [String]) throws {
        let r = Run(args + ["--rules", DigCompTests.rules], env: ["LANG": "C"], cwd: repositoryRoot)
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let path = DigCompTests.goldenDir + "/" + name
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(r.stdout == expected, "\(name) differs from its golden file (UPDATE_GOLDEN=1 to rewrite it)")
    }

    @Test func sampleScoresAsJSONLines() throws { try golden("staff.jsonl", ["score", DigCompTests.sample]) }
    @Test func sampleScoresAsThaiText() throws { try golden("staff.th.txt", ["score", DigCompTests.sample, "--format", "text", "--lang", "th"]) }
    @Test func sampleSummary() throws { try golden("summary.txt", ["summary", DigCompTests.sample]) }

    /// Spot checks that do not depend on the golden files: a person by position with a rank word,
    /// a group column, someone who answered nothing, someone above the level.
    @Test func sampleSpotChecks() throws {
        let r = Run(["score", DigCompTests.sample, "--rules", DigCompTests.rules], cwd: repositoryRoot)
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 20)
        func person(_ id: String) -> String { lines.first { $0.hasPrefix(#"{"id":"\#(id)""#) } ?? "" }
        #expect(person("DC-008").contains(#""group":"analyst","group_reason":"position""#))
        #expect(person("DC-012").contains(#""group":"analyst","group_reason":"column""#))
        #expect(person("DC-016").contains(#""gaps":[],"#) && person("DC-016").contains(#""idp":[],"#))
        #expect(person("DC-016").contains(#""unanswered_count":17"#))
        #expect(person("DC-016").contains(#""band":"beginner""#))
        #expect(person("DC-020").contains(#""above_count":"#))
        #expect(person("DC-001").contains(#""gaps":[{"item":"C2_5","kind":"competence","title":"Netiquette","gap_size":2}]"#))
        #expect(person("DC-001").contains(#""families":{"readiness_area":{"area1":100,"area2":80,"area3":100,"area4":100,"area5":100}}"#))
        // Two approved profiles: service first (its courses), office's C1_3 added.
        #expect(person("DC-019").contains(#""groups":["service","office"]"#))
        #expect(person("DC-019").contains(#""required_count":18"#))
    }

    /// DigComp answers are levels: the rule set declares `input { answers columns }`, so a file with
    /// the มี/ไม่มี `has` list (which names no level) is refused, not read as a guess.
    @Test func hasListIsRefused() throws {
        let dir = try ruleFolder(["in.csv": "id,name,position,unit,has\nP1,ทดสอบ,เจ้าพนักงานธุรการ,กองคลัง,C1_1;C1_2\n"])
        let r = Run(["score", "in.csv", "--rules", repositoryRoot + "/" + DigCompTests.rules, "--out", "out.jsonl"], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stderr.contains("row 1, column 5 (has): this column lists items answered \"have\", but the rule set declares `input { answers columns }`"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.jsonl"))
    }

    @Test func fixturesPassWithFullCoverage() {
        let r = Run(["test", DigCompTests.rules, "--coverage-min", "100"], cwd: repositoryRoot)
        #expect(r.code == 0, Comment(rawValue: r.stdout + r.stderr))
        #expect(r.stdout.contains("coverage 100.0%"))
        #expect(r.stdout.hasSuffix(" passed, 0 failed\n"))
    }

    /// What CI runs over rules/ reaches both rule sets.
    @Test func rulesFolderHoldsBothFrameworks() {
        let check = Run(["check", "rules/"], cwd: repositoryRoot)
        #expect(check.code == 0, Comment(rawValue: check.stdout + check.stderr))
        #expect(check.stdout.contains("ok rules/digcomp: 7 files, 21 items, 3 groups, 8 positions, 17 courses, 13 scores, 3 targets\n"))
        #expect(check.stdout.contains("ok rules/ocsc-bma: "))
        let lint = Run(["lint", "--strict", "rules/"], cwd: repositoryRoot)
        #expect(lint.code == 0, Comment(rawValue: lint.stdout + lint.stderr))
        #expect(lint.stdout.contains("ok rules/digcomp: no lint findings\n"))
    }

    /// The course sections are the areas: a course of area 1 linked to a safety competence is found.
    @Test func courseInTheWrongAreaIsFoundByLint() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-digcomp-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: repositoryRoot + "/" + DigCompTests.rules, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try edit(dir + "/courses.thaksa", "    serves C1_1\n", "    serves C4_4\n")
        let r = Run(["lint", "--strict", dir], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stdout.contains("warning[L022]: course \"1.1\" of track `digital` serves `C4_4` of `area4`, but it is listed under section \"1\", which is for `area1`"), Comment(rawValue: r.stdout))
        #expect(r.stdout.contains("courses.thaksa:16:12"), Comment(rawValue: r.stdout))
    }

    /// Lowering the analyst's required Programming level makes the fixtures fail, naming the case.
    @Test func changedRequiredLevelFailsTheFixtures() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-digcomp-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: repositoryRoot + "/" + DigCompTests.rules, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try edit(dir + "/profiles.thaksa", "C3_3 level 4, C3_4 level 5", "C3_3 level 4, C3_4 level 1")
        let r = Run(["test", dir], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stdout.contains("analyst_programming_gaps"))
        #expect(r.stdout.contains("  gaps:\n    expected C3_4;C3_2;C5_3\n    actual   C3_2;C5_3\n"))
    }
}
