import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore

/// Score families (one value per dimension) and list fields (a value per gap), end to end
/// (Tests/Fixtures/families: three areas, an ordered 0-3 scale, four people). Worked out by hand
/// (required levels I1 2, I2 3, M1 1, S1 2, S2 2; area weights info 2, comm 1, safe 1):
///
///        I1 I2 M1 S1 S2   gaps (gap_size = level - answer)   info comm safe  weighted
/// P1     2  3  1  2  2    -                                   100  100  100   (200+100+100)/4 = 100
/// P2     1  1  0  2  0    I1 1, I2 2, M1 1, S2 2 (total 6)      0    0   50   (0+0+50)/4 = 12.5
/// P3     2  2  1  0  -    I2 1, S1 2 (S2 unanswered; total 3)  50  100    0   (100+100+0)/4 = 50
/// P4     3  3  0  3  3    M1 1 (total 1)                      100    0  100   (200+0+100)/4 = 75
///
/// Means: info 62.5, comm 50, safe 62.5, weighted 59.375 → 59.4; people with info ≥ 50: 3/4 = 75 %.
/// IDP (`pick gaps order by gap_size descending`, at most 2): P2 I2, S2; P3 S1, I2; P4 M1.
@Suite struct FamilyTests {
    static let dir = repositoryRoot + "/Tests/Fixtures/families"

    func run(_ args: [String]) -> Run { Run(args, env: ["LANG": "C"], cwd: FamilyTests.dir) }

    func records() throws -> [String: [String: Any]] {
        let r = run(["score", "people.csv", "--rules", "."])
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        var out: [String: [String: Any]] = [:]
        for line in r.stdout.split(separator: "\n") {
            let o = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            out[o["id"] as? String ?? ""] = o
        }
        return out
    }

    @Test func jsonHasAValuePerAreaAndAGapSizePerGap() throws {
        let people = try records()
        func family(_ id: String) -> [String: Double] {
            let f = (people[id]?["families"] as? [String: Any])?["area_readiness"] as? [String: NSNumber] ?? [:]
            return f.mapValues(\.doubleValue)
        }
        #expect(family("P1") == ["info": 100, "comm": 100, "safe": 100])
        #expect(family("P2") == ["info": 0, "comm": 0, "safe": 50])
        #expect(family("P3") == ["info": 50, "comm": 100, "safe": 0])
        #expect(family("P4") == ["info": 100, "comm": 0, "safe": 100])
        let weighted = ["P1", "P2", "P3", "P4"].map { ((people[$0]?["scores"] as? [String: Any])?["weighted_readiness"] as? NSNumber)?.doubleValue }
        #expect(weighted == [100, 12.5, 50, 75])
        // The private weights are not output.
        #expect((people["P1"]?["families"] as? [String: Any])?.keys.sorted() == ["area_readiness"])
        let gaps = try #require(people["P2"]?["gaps"] as? [[String: Any]])
        #expect(gaps.map { $0["item"] as? String ?? "" } == ["I1", "I2", "M1", "S2"])
        #expect(gaps.map { ($0["gap_size"] as? NSNumber)?.intValue ?? -1 } == [1, 2, 1, 2])
        #expect(((people["P3"]?["scores"] as? [String: Any])?["total_gap"] as? NSNumber)?.intValue == 3)
        // The IDP picks the largest gaps first, and each of its items carries the gap size.
        let idp = try #require(people["P2"]?["idp"] as? [[String: Any]])
        #expect(idp.map { $0["item"] as? String ?? "" } == ["I2", "S2"])
        #expect(idp.map { ($0["gap_size"] as? NSNumber)?.intValue ?? -1 } == [2, 2])
    }

    @Test func csvAndTextShowEveryMember() {
        let csv = run(["score", "people.csv", "--rules", ".", "--format", "csv"]).stdout.split(separator: "\r\n").map(String.init)
        #expect(csv.first?.contains("weighted readiness,readiness by area: information,readiness by area: communication,readiness by area: safety,gaps") == true)
        #expect(csv.contains { $0.hasPrefix("P3,") && $0.contains(",50,50,100,0,I2 evaluating (levels short: 1); S1 protecting devices (levels short: 2),") })
        let text = run(["score", "people.csv", "--rules", ".", "--format", "text", "--lang", "th"]).stdout
        #expect(text.contains("ความพร้อมรายด้าน — ด้านการสื่อสาร: 0"))
        #expect(text.contains("S2 ปกป้องข้อมูลส่วนบุคคล (ระดับที่ขาด: 2)"))
        #expect(text.contains("1. I2 ประเมินข้อมูล (ระดับที่ขาด: 2)"))
    }

    @Test func summaryHasAMeanPerMemberAndTargetsReadAMember() throws {
        let r = run(["summary", "people.csv", "--rules", ".", "--format", "json"])
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let mean = try #require((json["total"] as? [String: Any])?["mean"] as? [String: NSNumber])
        #expect(mean.mapValues(\.doubleValue) == ["total_gap": 2.5, "largest_gap": 1.3, "weighted_readiness": 59.4,
                                                   "area_readiness.info": 62.5, "area_readiness.comm": 50, "area_readiness.safe": 62.5])
        let target = try #require((json["targets"] as? [[String: Any]])?.first)
        #expect((target["value"] as? NSNumber)?.doubleValue == 75)
        let text = run(["summary", "people.csv", "--rules", ".", "--lang", "th"]).stdout
        #expect(text.contains("ความพร้อมรายด้าน (ค่าเฉลี่ย)\nมิติ"))
        #expect(text.contains("ด้านการสื่อสาร (comm)   50.0 50.0\n"))
    }

    @Test func testFilesExpectMembersAndAWrongOneFails() throws {
        let r = run(["test", "."])
        #expect(r.code == 0, Comment(rawValue: r.stdout + r.stderr))
        #expect(r.stdout.contains("4 passed"))
        let rules = try String(contentsOfFile: FamilyTests.dir + "/rules.thaksa", encoding: .utf8)
        let dir = try ruleFolder(["rules.thaksa": rules])
        try FileManager.default.createDirectory(atPath: dir + "/tests", withIntermediateDirectories: true)
        try "case,id,group,I1,I2,M1,S1,S2,expect_area_readiness.comm\nx,T1,G,3,3,0,3,3,100\n"
            .write(toFile: dir + "/tests/t.csv", atomically: true, encoding: .utf8)
        let wrong = Run(["test", dir], env: ["LANG": "C"])
        #expect(wrong.code == 1)
        #expect(wrong.stdout.contains("actual   0"))
    }

    @Test func explainShowsEachMember() {
        let r = run(["explain", "people.csv", "--id", "P2", "--rules", "."])
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        #expect(r.stdout.contains("safety (safe) = 50"))
        #expect(r.stdout.contains("gaps: I1 (gap_size 1), I2 (gap_size 2), M1 (gap_size 1), S2 (gap_size 2)"))
    }
}
