import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// A private copy of the shipped rule set (with its tests), to mutate.
func shippedCopy() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-shipped-\(UUID().uuidString)").path
    try FileManager.default.copyItem(atPath: repositoryRoot + "/rules/ocsc-bma", toPath: dir)
    return dir
}

func edit(_ path: String, _ old: String, _ new: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains(old), "test setup: `\(old)` not found in \(path)")
    try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
}

@Suite struct TestCommandTests {
    @Test func shippedFixturesPass() throws {
        let r = Run(["test", repositoryRoot + "/rules/ocsc-bma"], cwd: repositoryRoot)
        #expect(r.code == 0, Comment(rawValue: r.stdout + r.stderr))
        #expect(r.stdout.range(of: #"^\d+ passed, 0 failed$"#, options: .regularExpression) != nil || r.stdout.hasSuffix(" passed, 0 failed\n"))
    }

    @Test func deletingARequirementFailsNamingIt() throws {
        let dir = try shippedCopy()
        // Group E's first ability line in groups.thaksa lists DLit100, DLit400, ...: drop DLit400.
        let groups = dir + "/groups.thaksa"
        let text = try String(contentsOfFile: groups, encoding: .utf8)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).first { $0.contains("require DLit100, DLit400") })
        try edit(groups, String(line), String(line).replacingOccurrences(of: "DLit100, DLit400", with: "DLit100"))
        let r = Run(["test", dir], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stdout.contains("  required:\n    expected DLit100;DLit400;"))
        #expect(r.stdout.contains("decided by: groups.thaksa:"))
    }

    @Test func movingABandThresholdFailsNamingTheBand() throws {
        let dir = try shippedCopy()
        try edit(dir + "/scoring.thaksa", "when >= 80", "when >= 90")
        let r = Run(["test", dir], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stdout.contains("  band:\n    expected ready\n    actual   developing\n    decided by: scoring.thaksa:"))
    }

    let rules = """
    kind ability "ความสามารถ"
    scale have "มี/ไม่มี" { level 0 "ไม่มี" level 1 "มี" }
    item DLit100 ability "เข้าถึงและตระหนักรู้ดิจิทัล"
    item DLit200 ability "ใช้งานเครื่องมือดิจิทัล"
    phase early "ระยะเริ่มแรก"
    group S "บริการ" { phase early { require DLit100, DLit200 } }
    list gaps = required where answered and not held
    score readiness = round(100 * count(required where held) / count(required), 1)
    """

    func folder(_ csv: String) throws -> String {
        let dir = try ruleFolder(["rules.thaksa": rules])
        try FileManager.default.createDirectory(atPath: dir + "/tests", withIntermediateDirectories: true)
        try csv.write(toFile: dir + "/tests/people.csv", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func failureShowsExpectedActualAndTheRule() throws {
        let dir = try folder("case,id,group,has,has_not,expect_gaps,expect_readiness\nhalf,P1,S,DLit100,DLit200,DLit200,50\nwrong,P2,S,DLit100,DLit200,DLit100,66.7\n")
        let r = Run(["test", "."], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stdout == """
        FAIL tests/people.csv:3  wrong
          gaps:
            expected DLit100
            actual   DLit200
            decided by: rules.thaksa:7
          readiness:
            expected 66.7
            actual   50
            decided by: rules.thaksa:8
        1 passed, 1 failed

        """)
    }

    @Test func updateWritesTheActualResultsIntoFailingCells() throws {
        let dir = try folder("case,id,group,has,has_not,expect_gaps,expect_readiness\nold,P1,S,DLit100,DLit200,DLit100,66\n")
        #expect(Run(["test", ".", "--update"], cwd: dir).code == 1)
        let text = try String(contentsOfFile: dir + "/tests/people.csv", encoding: .utf8)
        #expect(text == "case,id,group,has,has_not,expect_gaps,expect_readiness\nold,P1,S,DLit100,DLit200,DLit200,50\n")
        #expect(Run(["test", "."], cwd: dir).stdout == "1 passed, 0 failed\n")
    }

    @Test func expectedRejectionAndUnknownExpectation() throws {
        let dir = try folder("case,id,group,expect_error\nbad group,P1,Z,unknown group `Z`\n")
        #expect(Run(["test", "."], cwd: dir).code == 0)
        let bad = try folder("case,id,group,expect_colour\nx,P1,S,red\n")
        let r = Run(["test", "."], cwd: bad)
        #expect(r.code == 1)
        #expect(r.stdout.hasPrefix("error: tests/people.csv: row 1, column 4 (expect_colour): `colour` is not something the rules decide"))
    }

    @Test func reportersAndCoverage() throws {
        let dir = try folder("case,id,group,has,expect_readiness\nall,P1,S,DLit100;DLit200,100\n")
        let junit = Run(["test", ".", "--format", "junit"], cwd: dir)
        #expect(junit.stdout.contains(#"<testsuite name="tests/people.csv" tests="1" failures="0" errors="0" skipped="0" time="0">"#))
        #expect(junit.stdout.contains(#"<testcase classname="tests/people.csv" name="all" time="0"/>"#))
        let json = try JSONSerialization.jsonObject(with: Data(Run(["test", ".", "--format", "json"], cwd: dir).stdout.utf8)) as! [String: Any]
        let set = (json["rule_sets"] as! [[String: Any]])[0]
        #expect(set["passed"] as? Int == 1)
        let coverage = Run(["test", ".", "--coverage"], cwd: dir)
        #expect(coverage.stdout.contains("coverage 100.0% (4/4)"))
        let none = try folder("case,id,group\nnothing,P1,S\n")
        #expect(Run(["test", ".", "--coverage-min", "100"], cwd: none).code == 0)
        let strict = try ruleFolder(["rules.thaksa": rules + "\nband b on readiness { case top \"สูง\" when >= 80 case low \"ต่ำ\" otherwise }\n"])
        try FileManager.default.createDirectory(atPath: strict + "/tests", withIntermediateDirectories: true)
        try "case,id,group\nnothing,P1,S\n".write(toFile: strict + "/tests/p.csv", atomically: true, encoding: .utf8)
        let low = Run(["test", ".", "--coverage-min", "95"], cwd: strict)
        #expect(low.code == 1)
        #expect(low.stdout.contains("is below the minimum 95%"))
    }
}

@Suite struct ExplainCommandTests {
    let sample = repositoryRoot + "/rules/ocsc-bma/sample/staff.csv"

    @Test func explainsEveryDecisionWithItsRuleLine() {
        let r = Run(["explain", sample, "--id", "BMA-0002", "--rules", repositoryRoot + "/rules/ocsc-bma"], cwd: repositoryRoot)
        #expect(r.code == 0)
        #expect(r.stdout.contains("• group E (Executive): position `รองปลัดกรุงเทพมหานคร` matches this rule  [rules/ocsc-bma/positions.thaksa:"))
        #expect(r.stdout.contains("→ not held: a gap  [rules/ocsc-bma/groups.thaksa:"))
        #expect(r.stdout.contains("    - count(required where held) = 23"))
        #expect(r.stdout.contains("• readiness band: developing — overall readiness (%) 56.1 is ≥ 50, the first case that matches"))
        #expect(r.stdout.contains("  - overall readiness (%) = 56.1  [rules/ocsc-bma/scoring.thaksa:"))
        #expect(r.stdout.contains("    - by the rule: readiness = if count(required) = 0 then 100 else"))
        #expect(r.stdout.contains("chosen by pick 1"))
        let th = Run(["explain", sample, "--id", "BMA-0002", "--lang", "th"], cwd: repositoryRoot)
        #expect(th.stdout.contains("ตรงกับกฎนี้"))
    }

    @Test func jsonAndErrors() throws {
        let r = Run(["explain", sample, "--id", "BMA-0001", "--format", "json"], cwd: repositoryRoot)
        #expect(r.code == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(json["id"] as? String == "BMA-0001")
        #expect(((json["steps"] as? [[String: Any]]) ?? []).count >= 5)
        #expect(Run(["explain", sample, "--id", "NOPE"], cwd: repositoryRoot).code == 1)
        #expect(Run(["explain", "missing.csv", "--id", "X"], cwd: repositoryRoot).code == 3)
        #expect(Run(["explain", sample], cwd: repositoryRoot).code == 2)
    }
}
