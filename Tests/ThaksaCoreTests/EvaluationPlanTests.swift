import Foundation
import Testing
@testable import ThaksaCore

/// The compiled evaluation plan against the interpreter: the same people through both, every field
/// of every result (or the same error) compared, and a count of the people each path took, so that
/// a plan that silently stepped aside would fail here.
@Suite struct EvaluationPlanTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shipped = RuleSetLoader.load(repo.appendingPathComponent("rules/ocsc-bma").path).ruleSet
    static let peer = RuleSetLoader.load(repo.appendingPathComponent("bench/peer/thaksa").path).ruleSet

    /// Rules that mix what the plan compiles with what it leaves to the interpreter.
    static let mixedRules = miniRules + """

    list heavy = gaps order by weight descending, rank
    list newest = required where answered order by rank descending
    list mine = required where kind in [ability] or added or level > 1
    list firsts = first 2 of gaps
    score heavy_count = count(heavy)
    score first_count = count(firsts)
    score weighted = sum(required where held, weight)
    score first_gap_rank = if any(required, not held) then min(required where not held, rank) else 0
    score share_held = if count(required) = 0 then 0 else share(required, held)
    score any_upcoming = any(upcoming, answered)
    score mixed = max(floor(readiness / 3), ceil(-readiness / 7)) + abs(gap_count - 2)
    score negative = -count(upcoming) * 2
    score flags = if not assessed and gap_count >= 1 or count(mine) > 2 then 1 else 0
    score low_ranks = count(required where level >= 1 and rank <= 2 and answer = 0)
    score third = round(count(required where held) / 3, 2)
    score seventh = round(readiness / 7, 3)
    score in_group_a = group = A
    score note_length = length(input("note"))
    score noted = input("note") in ["", "x"] or input("note") = "long note"
    score not_noted = input("note") != "x"
    """

    struct Outcome { var planned = 0, interpreted = 0, errors = 0 }

    /// Every field of a result, as text (values also compared exactly as `Value`s).
    static func dump(_ r: PersonResult) -> String {
        let reqs = r.requirements.map { "\($0.item)/\($0.kind)/\($0.level)/\($0.weight.num):\($0.weight.den)/\($0.rank)/\($0.phase)/\($0.added)/\(String(describing: $0.answer))" }
        let idp = r.idp.map { "\($0.requirement) \($0.courses) \($0.methods) \(String(describing: $0.quarter)) \($0.pick) \($0.fields)" }
        let fields = r.fieldValues.keys.sorted().map { "\($0): \(r.fieldValues[$0]!)" }
        return "\(r.id)|\(r.group)|\(r.groupReason)|\(r.name)|\(r.unit)|\(r.position)|\(String(describing: r.positionRule))|\(reqs)|\(r.requiredCount)|\(r.bands)|\(idp)|\(String(describing: r.track))|\(r.progress)"
            + "|\(r.groups)|\(r.approvedBy)|\(fields)"
    }

    /// Both paths on each person: equal results, or equal errors.
    static func compare(_ rules: RuleSet, _ people: [Assessment]) -> Outcome {
        let planned = Evaluator(rules: rules), interpreter = Evaluator(rules: rules, planned: false)
        var scratch = Evaluator.Scratch()
        // One result for everyone, as a worker of `thaksa score` reuses it: nothing of the previous
        // person may be left in it.
        var reused = PersonResult()
        var out = Outcome()
        for a in people {
            let expected = Result { () throws(EvaluationError) in try interpreter.evaluate(a) }
            let got = Result { () throws(EvaluationError) -> (result: PersonResult, planned: Bool) in
                let path = try planned.evaluateReportingPath(a, into: &reused, tracer: nil, scratch: &scratch)
                return (reused, path)
            }
            switch (expected, got) {
            case (.success(let e), .success(let g)):
                if g.planned { out.planned += 1 } else { out.interpreted += 1 }
                #expect(e.values == g.result.values, "values of \(a.id)")
                #expect(dump(e) == dump(g.result), "result of \(a.id)")
            case (.failure(let e), .failure(let g)):
                out.errors += 1
                #expect(e.kind == g.kind && e.args == g.args && e.span == g.span && e.field == g.field, "error of \(a.id)")
            default:
                Issue.record("\(a.id): interpreter \(expected), plan \(got)")
            }
        }
        return out
    }

    /// A seeded population: a group column for most, a position title for some; every item answered
    /// at a random level or left unanswered; some items added or waived; random input columns.
    static func population(_ rules: RuleSet, count: Int, seed: UInt64) -> [Assessment] {
        var rng = MutationFuzzTests.SplitMix64(seed: seed)
        let titles = Array(Set(rules.positions.map(\.title))).sorted()
        let units = ["สำนักงานเขตบางรัก", "สำนักการคลัง", "สำนักการแพทย์", ""]
        var out: [Assessment] = []
        for i in 0..<count {
            var a = Assessment(id: "G\(i)")
            a.name = "person \(i)"
            a.unit = units[rng.below(units.count)]
            if titles.isEmpty || rng.below(10) < 8 { a.group = rules.groups[rng.below(rules.groups.count)].entity.id }
            else { a.position = titles[rng.below(titles.count)] }
            let blank = rng.below(4) == 0 ? 60 : 10   // percent unanswered; some people answer little
            for item in rules.items.indices where rng.below(100) >= blank {
                let scale = rules.items[item].scale
                let top = scale >= 0 ? (rules.scales[scale].levels.last?.value ?? 1) : 1
                a.answers[item] = rng.below(top + 1)
            }
            if rules.adjustments.contains(.add), rng.below(5) == 0 {
                for _ in 0..<(1 + rng.below(3)) { a.add.append(rules.items[rng.below(rules.items.count)].entity.id) }
            }
            if rules.adjustments.contains(.waive), rng.below(5) == 0 {
                for _ in 0..<(1 + rng.below(4)) { a.waive.append(rules.items[rng.below(rules.items.count)].entity.id) }
            }
            if rules.combination != nil, a.group != nil, rng.below(5) == 0 {   // an approved combined assignment
                a.combinedWith = [rules.groups[rng.below(rules.groups.count)].entity.id].filter { $0 != a.group }
                a.approvedBy = rng.below(4) == 0 ? "" : "หัวหน้า"
            }
            for key in rules.inputColumns {
                a.extra[key] = ["", "x", "long note", "ข้าราชการ", "ลูกจ้างประจำ", "employee"][rng.below(6)]
            }
            out.append(a)
        }
        return out
    }

    /// The people of every CSV in a folder, as `thaksa score` maps them (unknown columns ignored).
    static func people(in folder: String, _ rules: RuleSet) -> [Assessment] {
        let dir = repo.appendingPathComponent(folder).path
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".csv") }.sorted()
        let mapper = AssessmentMapper(rules: rules, allowUnmapped: true)
        var out: [Assessment] = []
        for f in files {
            guard var reader = try? TableReader(path: dir + "/" + f, display: f), case .success(let header)? = reader.next() else { continue }
            let (plan, _) = mapper.planWithErrors(header: header.fields, file: f)
            while let rec = reader.next() {
                if case .success(let record) = rec, case .success(let a)? = mapper.map(record, plan: plan, file: f) { out.append(a) }
            }
        }
        return out
    }

    @Test func shippedRulesAreCompiledWhole() throws {
        let plan = try #require(Evaluator(rules: Self.shipped).plan)
        #expect(plan.compiledSlots == Self.shipped.computed.count)
        #expect(plan.bands != nil)
        #expect(plan.idp != nil)
        let peer = try #require(Evaluator(rules: Self.peer).plan)
        #expect(peer.compiledSlots == Self.peer.computed.count)
    }

    @Test func shippedFixturesAndSamples() {
        let people = Self.people(in: "rules/ocsc-bma/tests", Self.shipped) + Self.people(in: "rules/ocsc-bma/sample", Self.shipped)
        #expect(people.count > 150)
        let o = Self.compare(Self.shipped, people)
        #expect(o.planned + o.errors == people.count, "every scored person through the plan: \(o)")
        #expect(o.planned > 150)
    }

    @Test func shippedRulesOnGeneratedPeople() {
        let people = Self.population(Self.shipped, count: 3000, seed: 15)
        let o = Self.compare(Self.shipped, people)
        #expect(o.planned + o.errors == people.count, "\(o)")
        #expect(o.planned > 2500)
    }

    @Test func peerRulesOnGeneratedPeople() {
        let people = Self.population(Self.peer, count: 2000, seed: 7)
        let o = Self.compare(Self.peer, people)
        // Nobody without requirements in these groups: no division by zero, so the plan takes everyone.
        #expect(o.planned == people.count, "\(o)")
    }

    /// A worker's result, evaluated into again and again, keeps its arrays: once they have grown
    /// to the largest person, scoring the same people again allocates none (the storage of the
    /// requirements, bands, IDP and every list stays where it is).
    @Test func steadyStateReusesTheResultsArrays() throws {
        let e = Evaluator(rules: Self.shipped)
        let people = Self.population(Self.shipped, count: 600, seed: 21).filter { $0.add.isEmpty && $0.waive.isEmpty }
        var scratch = Evaluator.Scratch(), result = PersonResult()
        var scored: [Assessment] = []
        for a in people where (try? e.evaluate(a, into: &result, scratch: &scratch)) != nil { scored.append(a) }
        #expect(scored.count > 300)
        func storage(_ r: PersonResult) -> [UnsafeRawPointer?] {
            var out = [r.requirements.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) },
                       r.bands.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) },
                       r.idp.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) },
                       r.values.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }]
            for v in r.values { if case .list(let l) = v { out.append(l.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }) } }
            return out
        }
        let before = storage(result)
        #expect(before.count == 4 + 3)   // the shipped rules' three lists
        var moved = 0
        for a in scored {
            try e.evaluate(a, into: &result, scratch: &scratch)
            if storage(result) != before { moved += 1 }
        }
        #expect(moved == 0)
    }

    /// A reused result keeps the group's requirements from one person to the next of the same
    /// group (only the answers are rewritten); a change of group, a person with add/waive in
    /// between, or any change made to the result's requirements from outside makes the next
    /// person copy the group's list again. Each result equals a fresh evaluation.
    @Test func groupRequirementsAreCopiedOnlyWhenTheGroupChanges() throws {
        let e = Evaluator(rules: Self.shipped)
        func person(_ id: String, _ group: String, held: Bool, waive: [String] = []) -> Assessment {
            var a = Assessment(id: id)
            a.group = group
            a.waive = waive
            for item in Self.shipped.items.indices where item % 3 != 0 { a.answers[item] = held ? 1 : 0 }
            return a
        }
        var scratch = Evaluator.Scratch(), result = PersonResult()
        func check(_ a: Assessment, copies: Int) throws {
            try e.evaluate(a, into: &result, scratch: &scratch)
            let fresh = try e.evaluate(a)
            #expect(Self.dump(result) == Self.dump(fresh), "\(a.id)")
            #expect(result.values == fresh.values, "\(a.id)")
            #expect(scratch.templateCopies == copies, "\(a.id)")
        }
        try check(person("1", "E", held: true), copies: 1)
        try check(person("2", "E", held: false), copies: 1)    // same group: answers only
        try check(person("3", "E", held: true), copies: 1)
        try check(person("4", "M", held: false), copies: 2)    // another group: copied
        try check(person("5", "E", held: true), copies: 3)
        // Someone changes the result's requirements between two people: the next one copies again.
        result.requirements[0].level = 7
        try check(person("6", "E", held: false), copies: 4)
        try check(person("7", "E", held: true), copies: 4)
        // A person with a waiver takes the general path in between: the next planned one copies again.
        try check(person("8", "E", held: true, waive: ["DLit100"]), copies: 4)
        try check(person("9", "E", held: false), copies: 5)
        // A copy of the result handed to someone else does not see the next person's answers.
        let kept = result
        try check(person("10", "E", held: true), copies: scratch.templateCopies)
        #expect(Self.dump(kept) == Self.dump(try e.evaluate(person("9", "E", held: false))))
    }

    /// A title whose `when` conditions read only the unit (`unit starts with "สำนักงานเขต"`) is
    /// decided from the worker's table of units: the conditions are worked out once per unit, and
    /// the group is the one the interpreter gives.
    @Test func unitConditionsAreWorkedOutOncePerUnit() throws {
        let e = Evaluator(rules: Self.shipped), interpreter = Evaluator(rules: Self.shipped, planned: false)
        #expect(e.unitConditionCodes.count >= 2)
        var scratch = Evaluator.Scratch(), result = PersonResult()
        let units = ["สำนักงานเขตบางรัก", "สำนักการคลัง", "สำนักงานเขตบางรัก", "สำนักการคลัง", "", "สำนักงานเขตดุสิต"]
        var groups: Set<String> = []
        for (k, unit) in units.enumerated() {
            for title in ["นักวิชาการเงินและบัญชี", "นักประชาสัมพันธ์"] {
                var a = Assessment(id: "U\(k)")
                a.position = title
                a.unit = unit
                try e.evaluate(a, into: &result, scratch: &scratch)
                let expected = try interpreter.evaluate(a)
                #expect(result.group == expected.group && result.positionRule == expected.positionRule, "\(title) \(unit)")
                groups.insert(Self.shipped.groups[result.group].entity.id)
            }
        }
        #expect(groups == ["A", "S"])
        #expect(scratch.unitLookups == 4)   // four distinct units
    }

    @Test func mixedRulesFallBackSlotBySlot() throws {
        let rules = compile(Self.mixedRules)
        let plan = try #require(Evaluator(rules: rules).plan)
        // heavy (weight key), firsts (first N), heavy_count, first_count, weighted (sum),
        // first_gap_rank (min), note_length (length): the interpreter's; everything else compiled.
        #expect(rules.computed.count - plan.compiledSlots == 7)
        let people = Self.population(rules, count: 3000, seed: 3)
        let o = Self.compare(rules, people)
        #expect(o.planned > 2000, "\(o)")
        #expect(o.planned + o.interpreted + o.errors == people.count)
    }

    /// The language features the plan leaves to the interpreter (named values, score families,
    /// list fields, combined groups, many-level scales) and the second shipped framework: the
    /// results must not depend on which path ran, on the fixtures and on generated people.
    @Test(arguments: ["rules/digcomp", "Tests/Fixtures/values", "Tests/Fixtures/families",
                      "Tests/Fixtures/combined", "Tests/Fixtures/levels"])
    func otherRuleSetsAgree(_ folder: String) {
        let rules = RuleSetLoader.load(Self.repo.appendingPathComponent(folder).path).ruleSet
        var people = Self.people(in: folder, rules)
        for sub in ["tests", "sample"] { people += Self.people(in: folder + "/" + sub, rules) }
        #expect(!people.isEmpty)
        people += Self.population(rules, count: 500, seed: 12)
        let o = Self.compare(rules, people)
        #expect(o.planned + o.interpreted + o.errors == people.count, "\(o)")
    }

    @Test func personWithoutRequirementsGoesToTheInterpreter() {
        // The peer rules divide by count(required) with no guard: a division by zero is the
        // interpreter's to report, with its message and span.
        var a = Assessment(id: "W")
        a.group = "E"
        let rules = compile("""
        kind ability "ability"
        scale have "have" { level 0 "no" level 1 "yes" }
        item A1 ability "a1"
        group E "E" { }
        score readiness = round(100 * count(required where held) / count(required), 1)
        """)
        let o = Self.compare(rules, [a])
        #expect(o.errors == 1)
    }

    @Test func roundedQuotientMatchesRationalRounding() {
        var rng = MutationFuzzTests.SplitMix64(seed: 99)
        for _ in 0..<20000 {
            let a = Rational(Int64(rng.below(2001)) - 1000), b = Rational(Int64(rng.below(401)) - 200)
            guard b != .zero else { continue }
            for places in 0...3 {
                let quotient: Rational? = a / b
                #expect(EvaluationPlan.roundedQuotient(a, b, places) == quotient?.rounded(places: places), "\(a) / \(b), \(places)")
            }
        }
    }
}

extension MutationFuzzTests.SplitMix64 {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
