import Foundation
import Testing
@testable import ThaksaCore

/// The rule set of Tests/Fixtures/diff/old, which the variants below change one thing at a time.
private let diffFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/diff")
private let base = (try? String(contentsOf: diffFixtures.appendingPathComponent("old/rules.thaksa"), encoding: .utf8)) ?? ""

private func load(_ text: String) -> LoadedRuleSet {
    let l = RuleSetLoader.load(files: [("rules.thaksa", text)])
    if l.diagnostics.hasErrors { Issue.record(Comment(rawValue: DiagnosticRenderer(sources: l.sources).text(l.diagnostics.sorted))) }
    return l
}

/// The changes from `base` to `base` with each (old, new) replacement made; each replacement must apply.
private func changes(_ edits: [(String, String)], from text: String = base) -> [RuleChange] {
    var new = text
    for (a, b) in edits {
        #expect(new.contains(a), "fixture text not found: \(a)")
        new = new.replacingOccurrences(of: a, with: b)
    }
    return RuleSetDiffer.diff(old: load(text), new: load(new))
}

/// A change in one line: kind subject key [aspect: before → after].
private func summary(_ c: RuleChange) -> String {
    var s = "\(c.kind.rawValue) \(c.subject.rawValue) \(c.key)"
    if let a = c.aspect { s += " \(a)" }
    if c.before != nil || c.after != nil { s += ": \(c.before ?? "-") → \(c.after ?? "-")" }
    return s
}

@Suite struct RuleSetDifferTests {
    @Test func baseFixtureLoads() {
        #expect(!base.isEmpty)
        #expect(RuleSetDiffer.diff(old: load(base), new: load(base)).isEmpty)
    }

    @Test func itemsAddedRemovedRetitledRescaled() {
        let cs = changes([
            ("item I3 ability \"วิเคราะห์ข้อมูล\" en \"data analysis\"\n", "item I4 ability \"ข้อใหม่\" en \"new\"\n"),
            ("en \"digital tools\"", "en \"digital tools at work\""),
            ("  level 1 \"มี\" en \"yes\" accepts \"yes\", \"1\"\n}", "  level 1 \"มี\" en \"yes\" accepts \"yes\", \"1\"\n  default\n}"),
            ("phase early \"ระยะเริ่มแรก\"", "scale level3 \"สามระดับ\" { level 0 \"ไม่มี\" level 1 \"พอใช้\" level 2 \"ดี\" expect 2 }\nphase early \"ระยะเริ่มแรก\""),
            ("item I1 ability \"ความเข้าใจดิจิทัล\" en \"digital literacy\"", "item I1 ability \"ความเข้าใจดิจิทัล\" en \"digital literacy\" { scale level3 }"),
            ("require I1, I2, I3", "require I1, I2, I4"),
            ("serves I3 }", "serves I4 }"),
        ]).map(summary)
        #expect(cs.contains("removed item I3"))
        #expect(cs.contains("added item I4"))
        #expect(cs.contains("retitled item I2: ใช้เครื่องมือดิจิทัล (digital tools) → ใช้เครื่องมือดิจิทัล (digital tools at work)"))
        #expect(cs.contains("changed item I1 scale: have → level3"))
        #expect(cs.contains("added scale level3"))
        #expect(cs.contains("removed requirement S/early/I3"))
        #expect(cs.contains("added requirement S/early/I4"))
        #expect(cs.contains("changed course t1/C2 serves: I3 → I4"))
    }

    @Test func requirementsAddedRemovedLevelWeightAndOrder() {
        let cs = changes([
            ("phase early { require I1, I2 }", "phase early { require I2, I1 weight 2, I3 }"),
            ("phase early { require I1, I2, I3 }", "phase early { require I1, I2 level 0 }"),
        ]).map(summary)
        #expect(cs == [
            "changed requirement A/early/I1 weight: 1 → 2",
            "added requirement A/early/I3",
            "changed requirement A/early order: I1, I2 → I2, I1",
            "removed requirement S/early/I3",
            "changed requirement S/early/I2 level: 1 มี → 0 ไม่มี",
        ])
    }

    @Test func positionsMovedAndConditioned() {
        let cs = changes([
            ("position \"นักวิชาการ\" group A", "position \"นักวิชาการ\" group S"),
            ("position \"เจ้าหน้าที่\" group S", "position \"เจ้าหน้าที่\" group S when unit starts with \"สำนักงานเขต\""),
        ]).map(summary)
        #expect(cs == [
            "changed position นักวิชาการ group: A → S",
            "changed position เจ้าหน้าที่ condition:  → unit starts with \"สำนักงานเขต\"",
        ])
    }

    @Test func coursesMethodsAndBuckets() {
        let cs = changes([
            ("bucket b70 \"เรียนรู้จากการปฏิบัติ\" en \"learning by doing\" share 70",
             "bucket b70 \"เรียนรู้จากการปฏิบัติ\" en \"learning by doing\" share 60\nbucket b10 \"ฝึกอบรม\" en \"training\" share 10"),
            ("method self \"เรียนรู้ด้วยตนเอง\" en \"self-learning\" bucket b70", "method self \"เรียนรู้ด้วยตนเอง\" en \"self-learning\" bucket b10"),
            ("  course \"C2\" \"หลักสูตรสอง\" en \"course two\" { methods self serves I3 }\n",
             "  course \"C3\" \"หลักสูตรสาม\" en \"course three\" { methods self serves I3 }\n"),
        ]).map(summary)
        #expect(cs == [
            "changed bucket b70 share: 70 → 60",
            "added bucket b10",
            "changed method self bucket: b70 → b10",
            "removed course t1/C2",
            "added course t1/C3",
        ])
    }

    /// A course moved to another section of the course table is a change of the course.
    @Test func courseSections() {
        let cs = changes([
            ("  course \"C1\"", "  section \"1\" \"หมวดหนึ่ง\"\n  course \"C1\""),
            ("  course \"C2\"", "  section \"2\" \"หมวดสอง\"\n  course \"C2\""),
        ]).map(summary)
        #expect(cs == ["changed course t1/C1 section: - → 1", "changed course t1/C2 section: - → 2"])
    }

    @Test func formulasThresholdsIDPAndTargetsPrintedCanonically() {
        let cs = changes([
            ("round(100 * count(required where held) / count(required), 1)", "round(100 * count(required where held) / count(required), 0)"),
            ("when >= 80", "when >= 75"),
            ("  courses 1\n", "  courses 2\n"),
            ("  pick gaps order by rank\n", "  pick gaps order by rank descending\n"),
            ("goal >= 50", "goal >= 60"),
        ])
        #expect(cs.map(summary) == [
            "changed score readiness formula: if count(required) = 0 then 100 else round(100 * count(required where held) / count(required), 1) → if count(required) = 0 then 100 else round(100 * count(required where held) / count(required), 0)",
            "changed band_case level/ready threshold: >= 80 → >= 75",
            "changed idp idp pick: gaps order by rank → gaps order by rank descending",
            "changed idp idp courses: 1 → 2",
            "changed target ready_share goal: >= 50 → >= 60",
        ])
        // Each names its line in OLD and NEW.
        #expect(cs[1].old == RuleLocation(file: "rules.thaksa", line: 33) && cs[1].new == RuleLocation(file: "rules.thaksa", line: 33))
        #expect(cs[2].old?.line == 39)
        #expect(cs[1].attribution == .band("level"))
    }

    @Test func listFieldsAndFamiliesAreCompared() {
        let cs = changes([
            ("and not held order by rank\n", "and not held order by rank with short = level - answer\n"),
            ("score f per kind k = 1", "score f per kind j = 1"),
        ], from: base + "score f per kind k = 1\n")
        #expect(cs.map(summary) == [
            "changed list gaps fields: - → with short = level - answer",
            "changed score f per: per kind k → per kind j",
        ])
    }

    @Test func formattingCommentsAndSpellingOfNumbersAreNoChange() {
        // Messy layout: extra spaces and blank lines, comments, Thai digits, redundant parentheses.
        let messy = base
            .replacingOccurrences(of: "score readiness \"ความพร้อม\" en \"readiness\" = if count(required) = 0 then 100 else round(100 * count(required where held) / count(required), 1)",
                                  with: "# readiness, in percent\nscore   readiness \"ความพร้อม\" en \"readiness\" =\n  if (count(required) = 0) then ๑๐๐ else round((100 * count(required where held)) / count(required), 1)  # rounded")
            .replacingOccurrences(of: "when >= 80", with: "when >=   ๘๐")
            .replacingOccurrences(of: "require I1, I2, I3", with: "require I1,I2,\n      I3")
        #expect(messy != base)
        #expect(RuleSetDiffer.diff(old: load(base), new: load(messy)).map(summary) == [])
        guard case .formatted(let formatted) = Formatter.format(messy, path: "rules.thaksa") else {
            Issue.record("the messy fixture does not format")
            return
        }
        #expect(RuleSetDiffer.diff(old: load(messy), new: load(formatted)).isEmpty)
    }
}

@Suite struct ImpactTests {
    /// Tests/Fixtures/diff/{old,new} on population.csv; the counts below are worked out by hand in
    /// Tests/Fixtures/diff/README.md.
    @Test func handWorkedPopulation() throws {
        let old = RuleSetLoader.load(diffFixtures.appendingPathComponent("old").path)
        let new = RuleSetLoader.load(diffFixtures.appendingPathComponent("new").path)
        #expect(!old.diagnostics.hasErrors && !new.diagnostics.hasErrors)
        let cs = RuleSetDiffer.diff(old: old, new: new)
        let path = diffFixtures.appendingPathComponent("population.csv").path
        for threads in [1, 3] {
            let i = try ImpactRunner(old: old.ruleSet, new: new.ruleSet, changes: cs, threads: threads).run(inputs: [(path, "population.csv")]).get()
            #expect(i.people == 7)
            #expect(i.failsOld == 1 && i.failsNew == 0)
            #expect(i.failures.map(\.id) == ["P8"])
            #expect(i.changed.count == 5)
            #expect(i.changed.ids == ["P4", "P5", "P6"])
            let kinds = i.kinds.mapValues(\.count)
            #expect(kinds == ["required": 4, "gaps": 2, "band": 2, "idp": 2, "score": 3, "fails_old": 1])
            #expect(i.kinds["score"]?.ids == ["P4", "P5", "P7"])
            #expect(i.byGroup["A"]?.people == 4 && i.byGroup["A"]?.changed == 1)
            #expect(i.byGroup["S"]?.people == 4 && i.byGroup["S"]?.changed == 4)
            #expect(i.byUnit["U1"]?.people == 5 && i.byUnit["U1"]?.changed == 3)
            #expect(i.byUnit["U2"]?.people == 3 && i.byUnit["U2"]?.changed == 2)
            #expect(i.bandMoves[Impact.BandMove(band: "level", group: "S", from: "developing", to: "ready")]?.ids == ["P4"])
            #expect(i.bandMoves[Impact.BandMove(band: "level", group: "S", from: "beginner", to: "developing")]?.ids == ["P5"])
            #expect(i.idpLost["I3"]?.count == 2 && i.idpGained.isEmpty && i.groupMoves.isEmpty)
            // Per change: the removed requirement touches exactly the group's people scored under both.
            let touched = zip(cs, i.touched).map { "\($0.0.subject.rawValue) \($0.0.key): \($0.1.map { String($0.count) } ?? "n/a")" }
            #expect(touched == [
                "item I2: n/a", "requirement S/early/I3: 4", "position ผู้อำนวยการ: 1", "course t1/C2: n/a",
                "score held: n/a", "band_case level/developing: 2", "idp idp: 2",
            ])
            #expect(i.targets.map { "\($0.id) \($0.before ?? "-") \($0.after ?? "-") \($0.metBefore ?? false) \($0.metAfter ?? false)" }
                    == ["ready_share 28.6 50.0 false true"])
        }
    }

    @Test func annotationValuesCannotInjectCommands() {
        #expect(DiffAnnotations.data("a::b\nc%d\r") == "a::b%0Ac%25d%0D")
        #expect(DiffAnnotations.property("x::y,z") == "x%3A%3Ay%2Cz")
        #expect(!DiffAnnotations.data("ok\u{1}\u{7F}").contains("\u{1}"))
    }
}

@Suite struct RuleSetDifferProgrammeTests {
    @Test func programmeAndAssignmentNameTheirLines() {
        let text = base.replacingOccurrences(of: "position \"นักวิชาการ\" group A",
                                             with: "assignment { order column, position }\nposition \"นักวิชาการ\" group A")
        let new = text.replacingOccurrences(of: "assignment { order column, position }", with: "assignment { order position, column }")
        let cs = RuleSetDiffer.diff(old: load(text), new: load(new))
        #expect(cs.map(summary) == ["changed assignment assignment order, supervisor: column, position → position, column"])
        #expect(cs.first?.old?.line == 20 && cs.first?.new?.line == 20)
    }
}
