import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore

/// Golden text of a run (exit code, stdout, stderr) kept beside a fixture; `UPDATE_GOLDEN=1` rewrites it.
func expectGolden(_ run: Run, _ path: String) throws {
    let text = "exit \(run.code)\n--- stdout\n\(run.stdout)--- stderr\n\(run.stderr)"
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    let golden = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == golden, "\(path) differs; UPDATE_GOLDEN=1 rewrites it")
}

/// An approved assignment to several groups (003 L1301-1304), Tests/Fixtures/combined. By hand:
///
///          A: B1 level 1, A1 level 3          S: S1 (2), B1 level 2 weight 2, S2 level 1
/// P1 A+S   required B1 (2, weight 2), A1 (3), S1 (2), S2 (1); answers 2 3 1 1 → S1 a gap, weight held 4
/// P3 S     required S1, B1 (2, weight 2), S2; answers S1 2, B1 1, S2 1 → B1 a gap, weight held 2
/// Targets: in Service (group = S) 2/2 = 100 (P1 is a member of S too), in Academic 1/2 = 50.
@Suite struct CombinedGroupTests {
    static let dir = repositoryRoot + "/Tests/Fixtures/combined"

    func run(_ args: [String]) -> Run { Run(args, env: ["LANG": "C"], cwd: CombinedGroupTests.dir) }

    @Test func requirementsAreTheUnionOfTheGroups() throws {
        let r = run(["score", "people.csv", "--rules", "."])
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let lines = r.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 2)
        let p1 = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(p1["group"] as? String == "A")
        #expect(p1["groups"] as? [String] == ["A", "S"])
        #expect(p1["approved_by"] as? String == "ผอ.สมชาย")
        #expect(p1["required"] as? [String] == ["B1", "A1", "S1", "S2"])
        #expect((p1["gaps"] as? [[String: Any]])?.compactMap { $0["item"] as? String } == ["S1"])
        #expect((p1["scores"] as? [String: Any])?["weighted"] as? Int == 4)
        // One group: no `groups` key, the record is as before.
        #expect(lines[1].hasPrefix("{\"id\":\"P3\",\"name\":\"สาม\",\"position\":\"\",\"unit\":\"\",\"group\":\"S\",\"group_reason\":\"column\",\"required\":[\"S1\",\"B1\",\"S2\"]"))
        #expect(lines[1].contains("\"scores\":{\"weighted\":2}"))
    }

    @Test func targetsCountACombinedPersonInEachGroup() throws {
        let r = run(["summary", "people.csv", "--rules", ".", "--format", "json"])
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        var values: [String: Double] = [:]
        for t in json["targets"] as? [[String: Any]] ?? [] { values[t["target"] as? String ?? ""] = (t["value"] as? NSNumber)?.doubleValue }
        #expect(values == ["in_s": 100, "in_a": 50])
        // Per-group tallies count each person once, under the first group.
        let groups = (json["groups"] as? [[String: Any]] ?? []).map { "\($0["group"] ?? "")=\($0["headcount"] ?? "")" }
        #expect(groups.sorted() == ["A=1", "S=1"])
    }

    @Test func csvAndTextNameEveryGroupAndTheApprover() {
        let csv = run(["score", "people.csv", "--rules", ".", "--format", "csv"])
        #expect(csv.stdout.contains("P1,หนึ่ง,,,Academic (A) + Service (S),\"combined, approved by ผอ.สมชาย\","))
        let text = run(["score", "people.csv", "--rules", ".", "--format", "text", "--lang", "th"])
        #expect(text.stdout.contains("กลุ่มวิชาการ (A) + กลุ่มบริการ (S), หลายกลุ่ม ผู้เห็นชอบ ผอ.สมชาย"))
    }

    @Test func explainGivesTheGroupsTheApproverAndTheReason() {
        let en = run(["explain", "people.csv", "--id", "P1", "--rules", "."])
        #expect(en.code == 0, Comment(rawValue: en.stderr))
        #expect(en.stdout.contains("groups A + S (Academic + Service), combined, approved by ผอ.สมชาย"))
        #expect(en.stdout.contains("the rule set allows an approved combined assignment"))
        #expect(en.stdout.contains("B1 ความรู้พื้นฐานดิจิทัล: required by group A + S"))
        let th = run(["explain", "people.csv", "--id", "P1", "--rules", ".", "--lang", "th"])
        #expect(th.stdout.contains("กลุ่ม A + S (กลุ่มวิชาการ + กลุ่มบริการ) แบบหลายกลุ่ม ผู้เห็นชอบ ผอ.สมชาย"))
    }

    /// A combined row without its approval is rejected, naming the row and the approver column.
    @Test(arguments: ["en", "th"])
    func aCombinedRowWithoutApprovalIsRejected(_ lang: String) throws {
        let r = run(["score", "unapproved.csv", "--rules", ".", "--lang", lang])
        #expect(r.code == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("unapproved.csv: " + (lang == "en" ? "row 2, column 4 (approved_by)" : "แถว 2")))
        try expectGolden(r, CombinedGroupTests.dir + "/unapproved.csv.\(lang).txt")
    }

    @Test func severalGroupsNeedARuleSetThatAllowsThem() throws {
        let rules = try String(contentsOfFile: CombinedGroupTests.dir + "/rules.thaksa", encoding: .utf8)
            .replacingOccurrences(of: "  combined union\n  approval column \"approved_by\", \"ผู้เห็นชอบ\"\n", with: "")
        let dir = try ruleFolder(["rules.thaksa": rules, "in.csv": "id,group,B1,A1,S1,S2\nP1,\"A, S\",2,3,1,1\n"])
        let r = Run(["score", "in.csv", "--rules", "."], env: ["LANG": "C"], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stderr.contains("in.csv: row 2, column 2 (group): `A, S` names 2 groups, but this rule set gives each person one group"))
    }

    @Test func theCheckerWantsApprovalWithCombined() throws {
        let rules = try String(contentsOfFile: CombinedGroupTests.dir + "/rules.thaksa", encoding: .utf8)
            .replacingOccurrences(of: "  approval column \"approved_by\", \"ผู้เห็นชอบ\"\n", with: "")
        let dir = try ruleFolder(["rules.thaksa": rules])
        let r = Run(["check", "."], env: ["LANG": "C"], cwd: dir)
        #expect(r.code == 1)
        #expect((r.stdout + r.stderr).contains("a combined group assignment needs approval one level above the supervisor"))
    }
}

/// `input { answers … }`: has / has_not lists only where they name a level (Tests/Fixtures/levels:
/// an eight-level scale; C1_1 needs the expected level 4, C1_2 level 5).
@Suite struct AnswerFormTests {
    static let dir = repositoryRoot + "/Tests/Fixtures/levels"

    func rules(_ extra: String) throws -> String {
        let text = try String(contentsOfFile: AnswerFormTests.dir + "/rules.thaksa", encoding: .utf8) + extra
        let dir = try ruleFolder(["rules.thaksa": text])
        for f in ["has-not.csv", "has-not.jsonl", "columns.csv"] {
            try FileManager.default.copyItem(atPath: AnswerFormTests.dir + "/" + f, toPath: dir + "/" + f)
        }
        return dir
    }

    /// On an eight-level scale a has_not column is an error at its header, never a guessed level.
    @Test(arguments: ["en", "th"])
    func aListColumnOnAManyLevelScaleIsAnError(_ lang: String) throws {
        let r = Run(["score", "has-not.csv", "--rules", ".", "--lang", lang], env: ["LANG": "C"], cwd: AnswerFormTests.dir)
        #expect(r.code == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("has-not.csv: " + (lang == "en" ? "row 1, column 4 (has_not)" : "แถว 1")))
        try expectGolden(r, AnswerFormTests.dir + "/has-not.csv.\(lang).txt")
    }

    @Test func aListKeyInJSONLinesIsAnError() {
        let r = Run(["score", "has-not.jsonl", "--rules", "."], env: ["LANG": "C"], cwd: AnswerFormTests.dir)
        #expect(r.code == 1)
        #expect(r.stderr.contains("has-not.jsonl: row 1"))
        #expect(r.stderr.contains("scale `proficiency` has 8 levels"))
    }

    @Test func columnsAreRead() {
        let r = Run(["score", "columns.csv", "--rules", "."], env: ["LANG": "C"], cwd: AnswerFormTests.dir)
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        #expect(r.stdout.contains("\"scores\":{\"held\":2}"))
    }

    /// Declared lists: has_not is the lowest level (C1_2 → 1, below the required 5).
    @Test func declaredListsAreRead() throws {
        let dir = try rules("input {\n  answers columns, lists\n}\n")
        let r = Run(["score", "has-not.csv", "--rules", "."], env: ["LANG": "C"], cwd: dir)
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        #expect(r.stdout.contains("\"gaps\":[{\"item\":\"C1_2\""))
        #expect(r.stdout.contains("\"scores\":{\"held\":1}"))
    }

    @Test func declaredListsOnlyRefuseItemColumns() throws {
        let dir = try rules("input {\n  answers lists\n}\n")
        let r = Run(["score", "columns.csv", "--rules", "."], env: ["LANG": "C"], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stderr.contains("columns.csv: row 1, column 3 (C1_1): this column answers item `C1_1`, but the rule set declares `input { answers lists }`"))
    }

    @Test func aColumnDeclaredAsAListIsACheckError() throws {
        let dir = try rules("column \"ไม่มี\" is has_not\n")
        let r = Run(["check", "."], env: ["LANG": "C"], cwd: dir)
        #expect(r.code == 1)
        #expect((r.stdout + r.stderr).contains("this rule set does not accept `has` / `has_not` lists"))
    }

    @Test func anUnknownFormIsNamed() throws {
        let dir = try rules("input {\n  answers colums\n}\n")
        let r = Run(["check", "."], env: ["LANG": "C"], cwd: dir)
        #expect(r.code == 1)
        #expect((r.stdout + r.stderr).contains("columns"))
    }
}
