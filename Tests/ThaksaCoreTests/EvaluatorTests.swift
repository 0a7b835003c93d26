import Testing
@testable import ThaksaCore

@Suite struct EvaluatorTests {
    let rules = compile(miniRules)

    func person(_ id: String = "P1", position: String = "", unit: String = "", answers: [String: Int] = [:]) -> Assessment {
        var a = Assessment(id: id)
        a.position = position
        a.unit = unit
        for (code, level) in answers { a.answers[rules.itemColumns[code]!] = level }
        return a
    }

    func slot(_ name: String) -> Int { rules.computed.firstIndex { $0.entity.id == name }! }

    @Test func positionConditionOnUnitDecidesGroup() throws {
        let e = Evaluator(rules: rules)
        let district = try e.evaluate(person(position: "นักวิชาการเงินและบัญชี", unit: "สำนักงานเขตบางรัก"))
        let central = try e.evaluate(person(position: "นักวิชาการเงินและบัญชี", unit: "สำนักการคลัง"))
        #expect(rules.groups[district.group].entity.id == "S")
        #expect(district.groupReason == .position)
        #expect(rules.groups[central.group].entity.id == "A")
    }

    @Test func workloadThenCareerPath() throws {
        let e = Evaluator(rules: rules)
        var a = person(position: "นักวิชาการเงินและบัญชี", unit: "สำนักการคลัง")
        a.workload = [("A", Rational(30)), ("S", Rational(70))]
        let r = try e.evaluate(a)
        #expect(rules.groups[r.group].entity.id == "S")
        #expect(r.groupReason == .workload)
        a.workload = [("A", Rational(50)), ("S", Rational(50))]
        a.careerPath = "A"
        let tie = try e.evaluate(a)
        #expect(rules.groups[tie.group].entity.id == "A")
        #expect(tie.groupReason == .career_path)
        a.careerPath = nil
        #expect(throws: EvaluationError.self) { try e.evaluate(a) }
    }

    @Test func explicitGroupColumnWinsAndUnknownGroupIsAnError() throws {
        let e = Evaluator(rules: rules)
        var a = person(position: "นักวิชาการเงินและบัญชี", unit: "สำนักงานเขตบางรัก")
        a.group = "A"
        #expect(try e.evaluate(a).groupReason == .column)
        a.group = "Z"
        do {
            _ = try e.evaluate(a)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unknownGroup)
            #expect(error.message(.en) == "unknown group `Z`; the rule set has A, S")
        }
    }

    @Test func gapsReadinessBandAndExactRounding() throws {
        var a = person(answers: ["DLit100": 1, "DLit200": 0])
        a.group = "A"
        let r = try Evaluator(rules: rules).evaluate(a)
        // Required: DLit100 (held), DLit200 (not held), KB1 (unanswered) → 1 of 3 held.
        #expect(r.unanswered.map { rules.items[$0].entity.id } == ["KB1"])
        #expect(r.values[slot("gap_count")] == .number(Rational(1)))
        #expect(r.values[slot("readiness")] == .number(Rational(333, 10)!))   // 33.33… rounds to 33.3
        #expect(r.values[slot("assessed")] == .bool(false))
        #expect(rules.bands[0].cases[r.bands[0]!].entity.id == "beginner")
    }

    /// A terminating fraction whose denominator is over 1.8e18 (rem × 10 exceeds 64 bits) prints
    /// exactly; it used to loop forever.
    @Test func hugeTerminatingDenominatorsPrint() {
        #expect(Rational(1, 2_305_843_009_213_693_952)!.description   // 2^61
                == "0.0000000000000000004336808689942017736029811203479766845703125")
        #expect(Rational(-3, 7_450_580_596_923_828_125)!.description   // 5^27
                == "-0.000000000000000000402653184")
    }

    @Test func roundingIsHalfUpOnExactValues() {
        #expect(Rational(2, 3)!.times100Rounded == "66.7")
        #expect(Rational(5, 8)!.times100Rounded == "62.5")
        #expect(Rational(1, 8)!.rounded(places: 2)!.description == "0.13")   // 0.125 → 0.13
        #expect((-Rational(1, 8)!)!.rounded(places: 2)!.description == "-0.13")
        #expect(Rational(parsing: "๗๐") == Rational(70))
        #expect(Rational(parsing: "12.50") == Rational(25, 2))
    }

    @Test func idpTakesGapsThenUpcomingWithCoursesMethodsAndQuarters() throws {
        var a = person(answers: ["DLit100": 0, "DLit200": 1, "KB1": 1])
        a.group = "A"
        let r = try Evaluator(rules: rules).evaluate(a)
        #expect(r.idp.count == 2)
        let items = r.idp.map { rules.items[r.requirements[$0.requirement].item].entity.id }
        #expect(items == ["DLit100", "DLit300"])     // the gap, then the next phase's item
        #expect(r.idp[0].courses == [0])             // courses 1: only the first course serving DLit100
        #expect(r.idp[0].methods.map { rules.methods[$0].entity.id } == ["self_learning"])
        #expect(r.idp.map { $0.quarter.map { rules.quarters[$0].entity.id } } == ["Q1", "Q2"])
        #expect(r.idp[1].courses.isEmpty)
    }

    @Test func supervisorAddsAndWaives() throws {
        var a = person(answers: ["DLit100": 1])
        a.group = "S"
        a.add = ["DLit300"]
        a.waive = ["KB2"]
        let r = try Evaluator(rules: rules).evaluate(a)
        let required = r.required.map { rules.items[$0.item].entity.id }
        #expect(required == ["DLit100", "KB1", "DLit300"])
        #expect(r.required.last!.added)
    }

    @Test func sameInputSameResult() throws {
        var a = person(answers: ["DLit100": 1, "KB1": 0])
        a.group = "A"
        let e = Evaluator(rules: rules)
        let x = try e.evaluate(a), y = try e.evaluate(a)
        #expect(x.values == y.values)
        #expect(x.idp.map(\.requirement) == y.idp.map(\.requirement))
    }
}

extension Rational {
    var times100Rounded: String { ((self * Rational(100))!.rounded(places: 1)!).description }
}
