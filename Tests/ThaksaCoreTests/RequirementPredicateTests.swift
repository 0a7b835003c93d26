import Testing
@testable import ThaksaCore

/// Filters over requirements are compiled to flat operations (RequirementPredicate) where they can
/// be; the compiled form must agree with the interpreter on every requirement.
@Suite struct RequirementPredicateTests {
    static let filters = [
        "held", "not held", "answered and not held", "kind = ability", "kind != knowledge or held",
        "level >= 1 and rank < 3", "not (answered or added)", "1 <= rank", "true", "false or answered",
        "item = DLit200", "answer > 0", "rank = 2 or rank = 3 and not held",
    ]

    @Test func compiledTestsAgreeWithTheInterpreter() throws {
        let text = miniRules + "\n" + RequirementPredicateTests.filters.enumerated()
            .map { "score f\($0.offset) = count(required where \($0.element))" }.joined(separator: "\n") + "\n"
        let rules = compile(text)
        var compiled = 0
        for (k, _) in RequirementPredicateTests.filters.enumerated() {
            let slot = rules.computed.firstIndex { $0.entity.id == "f\(k)" }!
            guard case .aggregate(_, .query(_, _, let filter?, _), _, _, _) = rules.computed[slot].code else {
                Issue.record("f\(k) is not a filtered count")
                continue
            }
            guard case .requirementTest(let predicate, let original) = filter else { continue }
            compiled += 1
            for answers in [[:], ["DLit100": 1], ["DLit100": 0, "DLit200": 1, "KB1": 1], ["DLit200": 0, "KB1": 0]] as [[String: Int]] {
                var a = Assessment(id: "P")
                a.group = "A"
                a.add = ["KB2"]
                for (code, level) in answers { a.answers[rules.itemColumns[code]!] = level }
                let r = try Evaluator(rules: rules).evaluate(a)
                var m = Machine(rules: rules, person: a, group: r.group, requirements: r.requirements,
                                requiredCount: r.requiredCount, track: r.track)
                for i in r.requirements.indices {
                    m.elements = [i]
                    #expect(predicate.test(r.requirements[i]) == (try m.eval(original).bool),
                            "`\(RequirementPredicateTests.filters[k])` on requirement \(i)")
                }
            }
        }
        #expect(compiled == RequirementPredicateTests.filters.count, "every filter here has the compilable shape")
    }
}
