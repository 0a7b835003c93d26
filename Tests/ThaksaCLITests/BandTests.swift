import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore

/// Every band of a rule set, not only the first, in targets, `thaksa test` and outputs
/// (Tests/Fixtures/bands: two bands, five people). Worked out by hand:
///
///        A1  A2  K1  K2   readiness → readiness_band   knows (K held) → knowledge_band
/// P1     yes yes yes yes  100 ready                    2 knows_all
/// P2     yes no  yes no    50 developing               1 knows_some
/// P3     no  no  no  no     0 beginner                 0 knows_none
/// P4     yes yes no  yes   75 ready                    1 knows_some
/// P5     no  no  yes yes   50 developing               2 knows_all
///
/// knows_all 2/5 = 40 % (both the band named and `band = knows_all`), knows_some or all 4/5 = 80 %,
/// ready 2/5 = 40 %. Before the fix the two knows_all targets read 0.
@Suite struct BandTests {
    static let dir = repositoryRoot + "/Tests/Fixtures/bands"

    func run(_ args: [String]) -> Run { Run(args, env: ["LANG": "C"], cwd: BandTests.dir) }

    @Test func targetsSeeTheSecondBand() throws {
        let r = run(["summary", "people.csv", "--rules", ".", "--format", "json"])
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let values = try targetValues(r)
        #expect(values == ["by_band_name": 40, "by_case": 40, "some_or_all": 80, "first_band": 40])
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let total = try #require(json["total"] as? [String: Any])
        let byName = try #require(total["bands_by_name"] as? [String: [String: Int]])
        #expect(byName["knowledge_band"] == ["knows_all": 2, "knows_some": 2, "knows_none": 1])
        #expect(byName["readiness_band"] == ["ready": 2, "developing": 2, "beginner": 1])
    }

    @Test func csvHasAColumnPerBand() {
        let r = run(["score", "people.csv", "--rules", ".", "--format", "csv"])
        let lines = r.stdout.split(separator: "\r\n").map(String.init)
        // The CSV is for people: each band's column is headed by its title, its value is the case's title.
        #expect(lines.first?.contains("why this group,readiness band,knowledge band,readiness (%)") == true)
        #expect(lines.contains { $0.hasPrefix("P4,") && $0.contains(",ready,knows some,75,") })
    }

    @Test func testFilesExpectEveryBandByName() {
        let r = run(["test", "."])
        #expect(r.code == 0, Comment(rawValue: r.stdout + r.stderr))
        #expect(r.stdout.contains("3 passed"))
    }

    @Test func aWrongExpectationOfTheSecondBandFails() throws {
        let rules = try String(contentsOfFile: BandTests.dir + "/rules.thaksa", encoding: .utf8)
        let dir = try ruleFolder(["rules.thaksa": rules])
        try FileManager.default.createDirectory(atPath: dir + "/tests", withIntermediateDirectories: true)
        try "case,id,group,A1,A2,K1,K2,expect_knowledge_band\nx,T1,S,yes,yes,no,no,knows_all\n"
            .write(toFile: dir + "/tests/t.csv", atomically: true, encoding: .utf8)
        let r = Run(["test", dir], env: ["LANG": "C"])
        #expect(r.code == 1)
        #expect(r.stdout.contains("actual   knows_none"))
    }
}

/// Scores named with a leading `_` are helpers: computed and usable, never output.
@Suite struct PrivateScoreTests {
    func run(_ args: [String]) -> Run { Run(args, env: ["LANG": "C"], cwd: BandTests.dir) }

    @Test func privateScoresAreNotOutput() throws {
        let json = run(["score", "people.csv", "--rules", "."])
        #expect(json.code == 0, Comment(rawValue: json.stderr))
        let first = try #require(json.stdout.split(separator: "\n").first)
        let record = try #require(JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        let scores = try #require(record["scores"] as? [String: Any])
        #expect(scores["_ability_held"] == nil)
        #expect((scores["abilities_held"] as? NSNumber)?.intValue == 2)   // P1 holds A1 and A2
        let csv = run(["score", "people.csv", "--rules", ".", "--format", "csv"])
        #expect(!csv.stdout.contains("_ability_held"))
        #expect(csv.stdout.contains(",abilities held,"))
        let summary = run(["summary", "people.csv", "--rules", ".", "--format", "json"])
        #expect(!summary.stdout.contains("_ability_held"))
        #expect(summary.stdout.contains("\"abilities_held\": 1\n"))   // P1-P5 hold 2, 1, 0, 2, 0 abilities: 5 / 5
    }
}
