import Testing
@testable import ThaksaCore

/// Parts of `combined` groups and `input { answers … }` below the CLI (end-to-end in InputConventionTests).
@Suite struct InputConventionUnitTests {
    static let twoGroups = """
    kind ability "ความสามารถ"
    scale lv "ระดับ" { level 0 "0" level 1 "1" level 2 "2" level 3 "3" expect 2 }
    item X ability "x"
    item Y ability "y"
    item Z ability "z"
    group A "ก" { require X level 1 weight 3, Y }
    group S "ข" { require Z, X level 3 weight 1 }
    assignment { order column combined union approval column "ok" }
    """

    @Test func groupCellsSplitOnCommasAndPluses() {
        #expect(AssessmentMapper.groupCodes("A, S") == ["A", "S"])
        #expect(AssessmentMapper.groupCodes(" A+S ") == ["A", "S"])
        #expect(AssessmentMapper.groupCodes("A ＋ S,T") == ["A", "S", "T"])
        #expect(AssessmentMapper.groupCodes("S") == ["S"])
    }

    /// First group's order, then the others' new items; a shared item: highest level, largest weight.
    @Test func unionKeepsTheFirstGroupsOrderAndTheStrongerRequirement() throws {
        let rules = compile(InputConventionUnitTests.twoGroups)
        var a = Assessment(id: "p")
        a.group = "A"
        a.combinedWith = ["S"]
        a.approvedBy = "x"
        let r = try Evaluator(rules: rules).evaluate(a)
        #expect(r.required.map { rules.items[$0.item].entity.id } == ["X", "Y", "Z"])
        #expect(r.required.map(\.level) == [3, 2, 2])
        #expect(r.required.map(\.weight) == [Rational(3), .one, .one])
        #expect(r.groups == [0, 1] && r.group == 0 && r.approvedBy == "x")
        // Reversed, S's order comes first.
        a.group = "S"
        a.combinedWith = ["A"]
        let s = try Evaluator(rules: rules).evaluate(a)
        #expect(s.required.map { rules.items[$0.item].entity.id } == ["Z", "X", "Y"])
    }

    @Test func theMapperNeedsTheApprover() {
        let rules = compile(InputConventionUnitTests.twoGroups)
        let mapper = AssessmentMapper(rules: rules)
        guard case .success(let plan) = mapper.plan(header: ["id", "group", "ok", "X", "Y", "Z"], file: "f") else {
            Issue.record("plan failed"); return
        }
        #expect(plan.roles[2] == .approvedBy)
        let bad = mapper.map(CSVReader.Record(row: 2, fields: ["p", "A+S", "", "1", "1", "1"]), plan: plan, file: "f")
        guard case .failure(let e)? = bad else { Issue.record("accepted without approval"); return }
        #expect(e.items.first?.column == 3)
        let good = mapper.map(CSVReader.Record(row: 3, fields: ["p", "A+S", "ผอ.", "1", "1", "1"]), plan: plan, file: "f")
        guard case .success(let a)? = good else { Issue.record("refused with approval"); return }
        #expect(a.group == "A" && a.combinedWith == ["S"] && a.approvedBy == "ผอ.")
    }

    @Test func answerFormsFollowTheScalesUnlessDeclared() {
        let two = compile("kind k \"k\"\nscale h \"h\" { level 0 \"no\" level 1 \"yes\" }\nitem X k \"x\"\n")
        #expect(two.answerForms == [.columns, .lists])
        let many = compile(InputConventionUnitTests.twoGroups)
        #expect(many.answerForms == [.columns])
        let declared = compile(InputConventionUnitTests.twoGroups + "\ninput { answers lists }\n")
        #expect(declared.answerForms == [.lists])
    }
}
