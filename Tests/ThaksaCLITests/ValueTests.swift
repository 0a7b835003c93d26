import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore

/// Declared numbers through the CLI (Tests/Fixtures/values): per-profile area weights and a
/// per-profile readiness threshold. Weights (`area_weight`, most specific setting first):
///
///            I1 (information)  I2 (information)  C1 (communication)  C2 (communication)  S1 (safety)
/// analyst    3 for area        3 for area        1 default           -                   2 area's own
/// officer    1 default         -                 2 for area          2 for area          1 for item
///
/// Required levels: analyst I1 2, I2 2, C1 1, S1 1 (total weight 9); officer I1 1, C1 2, C2 2, S1 1 (6).
/// ready_at: analyst 70 (its own), officer 80 (the default).
///
///        group    answers I1 I2 C1 C2 S1   held weight        weighted  band        unweighted
/// P1     analyst          2  2  1  0  1    3+3+1+2 = 9 / 9    100       ready       100
/// P2     analyst          2  1  1  0  0    3+1     = 4 / 9    44.4      beginner    50
/// P3     analyst          2  2  0  0  0    3+3     = 6 / 9    66.7      developing  50
/// P4     analyst          2  2  1  0  0    3+3+1   = 7 / 9    77.8      ready (≥70) 75
/// P5     officer          1  0  2  2  0    1+2+2   = 5 / 6    83.3      ready (≥80) 75
/// P6     officer          1  0  2  1  1    1+2+1   = 4 / 6    66.7      developing  75
/// P7     officer          0  0  0  2  1    2+1     = 3 / 6    50        developing  50
///
/// `require C2 … weight area_weight` in officer: C2's `weight` is 2, so `sum(required, weight)` is
/// 4 for analysts and 5 for officers. Ready: P1, P4, P5 = 3 of 7; ready_at below 80: 4 people.
@Suite struct ValueTests {
    static let dir = repositoryRoot + "/Tests/Fixtures/values"

    func run(_ args: [String]) -> Run { Run(args, env: ["LANG": "C"], cwd: ValueTests.dir) }

    @Test func weightedReadinessMatchesTheHandWorkedTable() throws {
        let r = run(["score", "people.csv", "--rules", "."])
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        var got: [String: [String]] = [:]
        for line in r.stdout.split(separator: "\n") {
            let record = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let scores = try #require(record["scores"] as? [String: Any])
            let bands = try #require(record["bands"] as? [String: Any])
            let id = try #require(record["id"] as? String)
            got[id] = ["weighted_readiness", "readiness", "total_weight", "ready_from", "require_weights"]
                .map { "\(scores[$0] ?? "-")" } + ["\(bands["readiness_band"] ?? "-")"]
        }
        #expect(got == [
            "P1": ["100", "100", "9", "70", "4", "ready"],
            "P2": ["44.4", "50", "9", "70", "4", "beginner"],
            "P3": ["66.7", "50", "9", "70", "4", "developing"],
            "P4": ["77.8", "75", "9", "70", "4", "ready"],
            "P5": ["83.3", "75", "6", "80", "5", "ready"],
            "P6": ["66.7", "75", "6", "80", "5", "developing"],
            "P7": ["50", "50", "6", "80", "5", "developing"],
        ])
    }

    @Test func targetsReadThePersonsGroupValue() throws {
        let r = run(["summary", "people.csv", "--rules", ".", "--format", "json"])
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let values = try targetValues(r)
        #expect(values["analysts"] == 4)
        #expect(values["ready_share"] == 42.9)   // 3 / 7, as the summary rounds it
    }

    @Test func checkTestAndFmtAcceptTheRuleSet() {
        #expect(run(["check", "."]).code == 0)
        let t = run(["test", "."])
        #expect(t.code == 0, Comment(rawValue: t.stdout + t.stderr))
        #expect(t.stdout.contains("3 passed"))
        #expect(run(["fmt", "--check", "."]).code == 0)
    }

    @Test func explainSaysWhereEachNumberCameFrom() {
        let en = run(["explain", "people.csv", "--rules", ".", "--id", "P5"])
        #expect(en.code == 0, Comment(rawValue: en.stderr))
        #expect(en.stdout.contains("→ held; area_weight 1 (the default)"))
        #expect(en.stdout.contains("area_weight 2 (group officer, for dimension communication)"))
        #expect(en.stdout.contains("a gap; area_weight 1 (group officer, for item S1)"))
        #expect(en.stdout.contains("is ≥ ready_at, the first case that matches; ready_at 80 (the default)"))
        let analyst = run(["explain", "people.csv", "--rules", ".", "--id", "P1"])
        #expect(analyst.stdout.contains("area_weight 2 (set on dimension safety)"))
        #expect(analyst.stdout.contains("ready_at 70 (group analyst's own)"))
        let th = run(["explain", "people.csv", "--rules", ".", "--id", "P5", "--lang", "th"])
        #expect(th.stdout.contains("area_weight 1 (กลุ่ม officer สำหรับรายการ S1)"))
        // A rule set without phases: the implicit phase is not named on every line.
        #expect(analyst.stdout.contains("I1 ค้นหาข้อมูล: required by group analyst; answered"))
        #expect(!analyst.stdout.contains("no phases") && !th.stdout.contains("ไม่แบ่งระยะ"))
    }

    /// A combined analyst + officer: each requirement takes the largest number among the groups
    /// whose list has it (I1 3, I2 3, C1 2, S1 2, C2 2 = 12; the first group's alone would be 10).
    @Test func aCombinedPersonTakesTheLargestNumberOfTheGroupsRequiringTheItem() throws {
        let rules = try String(contentsOfFile: ValueTests.dir + "/rules.thaksa", encoding: .utf8)
            + "assignment {\n  order column\n  combined union  approval column \"approved_by\"\n}\n"
        let dir = try ruleFolder(["rules.thaksa": rules])
        try "id,name,unit,group,approved_by,I1,I2,C1,C2,S1\nX1,x,u1,\"analyst, officer\",หัวหน้า,2,2,2,2,1\n"
            .write(toFile: dir + "/people.csv", atomically: true, encoding: .utf8)
        let r = Run(["score", dir + "/people.csv", "--rules", dir], env: ["LANG": "C"])
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        #expect(r.stdout.contains("\"total_weight\":12"), Comment(rawValue: r.stdout))
    }

    @Test func aProfileWithoutAWeightIsAnErrorNotAZero() throws {
        let rules = try String(contentsOfFile: ValueTests.dir + "/rules.thaksa", encoding: .utf8)
            .replacingOccurrences(of: "default 1", with: "")
        let dir = try ruleFolder(["rules.thaksa": rules])
        let r = Run(["check", dir], env: ["LANG": "C"])
        #expect(r.code == 1)
        #expect(r.stderr.contains("error[C014]: value `area_weight` has no number for item `C1` in group `analyst`")
                || r.stdout.contains("error[C014]: value `area_weight` has no number for item `C1` in group `analyst`"),
                Comment(rawValue: r.stdout + r.stderr))
    }
}
