import Testing
@testable import ThaksaCore

/// Score families and list fields, stage by stage: parse and format, check, evaluate.
@Suite struct FamilyEvaluatorTests {
    static let extra = """
    score held_by_kind per kind k = count(required where kind = k and held)
    score dlit_held per skillset s = count(required where skillset = s and held)
    score required_by_kind per kind k = count(required where kind = k)
    score kinds_with_gaps = count(kinds where held_by_kind < required_by_kind)
    score by_own_dimension = sum(required where dimension = D1, dlit_held(skillset))
    score any_dimension = sum(required, held_by_kind(kind))
    list sized = gaps with short = level - answer, twice = short * 2
    list first_sized = first 1 of sized order by twice descending with again = twice + 1
    score short_total = sum(sized, short)
    score twice_first = sum(first_sized, again)
    """
    let rules = compile(miniRules + extra)

    func slot(_ name: String) -> Int { rules.computed.firstIndex { $0.entity.id == name } ?? -1 }

    func evaluate(_ answers: [String: Int], group: String = "A") throws -> PersonResult {
        var a = Assessment(id: "P1")
        a.group = group
        for (code, level) in answers { if let i = rules.itemColumns[code] { a.answers[i] = level } }
        return try Evaluator(rules: rules).evaluate(a)
    }

    @Test func familiesHaveAValuePerMemberInDeclarationOrder() throws {
        // Group A requires DLit100, DLit200 (ability, skill set DLit) and KB1 (knowledge).
        let r = try evaluate(["DLit100": 1, "DLit200": 0, "KB1": 1])
        #expect(rules.computed[slot("held_by_kind")].family == .kind)
        guard case .values(let byKind) = r.values[slot("held_by_kind")] else { Issue.record("not a family"); return }
        #expect(byKind == [.number(Rational(1)), .number(Rational(1))])        // ability 1, knowledge 1
        #expect(r.values[slot("kinds_with_gaps")] == .number(Rational(1)))      // ability: 1 of 2 held
        #expect(r.values[slot("by_own_dimension")] == .number(Rational(2)))     // DLit100, DLit200: dlit_held(DLit) = 1 each
        #expect(r.values[slot("any_dimension")] == .number(Rational(3)))        // 1 + 1 + 1
    }

    @Test func listFieldsAreComputedPerElementAndInherited() throws {
        let r = try evaluate(["DLit100": 0, "DLit200": 0, "KB1": 1])
        #expect(rules.computed[slot("sized")].fields.map(\.entity.id) == ["short", "twice"])
        #expect(rules.computed[slot("first_sized")].fields.map(\.entity.id) == ["short", "twice", "again"])
        #expect(r.values[slot("short_total")] == .number(Rational(2)))
        #expect(r.values[slot("twice_first")] == .number(Rational(3)))
        #expect(r.fieldValues[slot("sized")]?.count == 2)
        #expect(r.fieldValues[slot("first_sized")]?.first == [.number(Rational(1)), .number(Rational(2)), .number(Rational(3))])
    }

    @Test func aRuleSetWithoutFieldsKeepsNoFieldValues() throws {
        let plain = compile(miniRules)
        #expect(plain.listsWithFields.isEmpty)
        var a = Assessment(id: "P1")
        a.group = "A"
        #expect(try Evaluator(rules: plain).evaluate(a).fieldValues.isEmpty)
    }

    @Test func readingAMemberOfNoPartIsAnErrorNotAZero() throws {
        // KB1 sits in no dimension: reading its dimension's member cannot be a silent 0.
        let rs = compile(miniRules + "score in_d per dimension d = 1\nscore all_d = sum(required, in_d(dimension))\n")
        var a = Assessment(id: "P1")
        a.group = "A"
        #expect(throws: EvaluationError.self) { try Evaluator(rules: rs).evaluate(a) }
        do { _ = try Evaluator(rules: rs).evaluate(a) } catch { #expect(error.code == .noFamilyMember) }
    }

    @Test func mistakesAreLocatedErrors() {
        #expect(codes(miniRules + "score f per dimension d = 1\nscore g = f\n") == ["C014"])
        #expect(codes(miniRules + "score f per group g = 1\n") == ["C014"])
        #expect(codes(miniRules + "score f per dimension KB1 = 1\n") == ["C014"])
        #expect(codes(miniRules + "list l = required with held = 1\n") == ["C014"])
        #expect(codes(miniRules + "score f per dimension d = 1\nscore g = f(KB1)\n") == ["C004"])
        #expect(codes(miniRules + "score f per dimension d = 1\nscore g = sum(kinds, f)\n") == ["C014"])
        #expect(codes(miniRules + "score f per dimension d = 1\nband fb on f { case x \"x\" otherwise }\n") == ["C014"])
        #expect(codes("score f per dimension d = 1\n") == ["C014"])   // no dimensions declared
        #expect(codes(miniRules + "score s = sum(required, nope)\nlist l = required with nope = 1\n") == ["C002"])   // a field is not in scope on another list
    }

    @Test func formatPrintsTheNewSyntaxAndReadsItBack() {
        let text = "score  f \"t\"  per   dimension d=1\nlist l = required with a \"ก\" en \"a\" = level - answer ,b = a * 2\n"
        let out = formatted(text)
        #expect(out == "score f \"t\" per dimension d = 1\nlist l = required with a \"ก\" en \"a\" = level - answer, b = a * 2\n")
        #expect(formatted(out) == out)
    }
}

@Suite struct FamilyIndexTests {
    @Test func aFamilyReadByCallIsAReference() {
        let text = "dimension d1 \"มิติ\"\nscore f per dimension d = 1\nscore g = f(d1) + sum(dimensions, f)\n"
        let loaded = RuleSetLoader.load(files: [("test.thaksa", text)])
        let index = RuleIndex(files: loaded.files)
        #expect(index.references(to: "f").count == 3)   // the definition and both reads
    }
}
